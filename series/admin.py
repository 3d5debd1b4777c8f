from django.contrib import admin

from blog.models import Post

from .models import Series


class PartInline(admin.TabularInline):
    """The series' posts in reading order; numbers can be edited in place."""

    model = Post
    fields = ("title", "series_order", "status", "published_at")
    readonly_fields = ("title", "status", "published_at")
    ordering = ("series_order", "published_at")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "language", "part_count")
    list_filter = ("language",)
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("description_html",)
    inlines = (PartInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).with_part_counts()

    @admin.display(description="public parts", ordering="part_count")
    def part_count(self, series):
        return series.part_count
