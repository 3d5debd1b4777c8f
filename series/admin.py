from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied

from blog.models import Post

from .models import Series


class PartInline(admin.TabularInline):
    """The series' posts in reading order; numbers can be edited in place. A writer
    who may not edit other people's posts sees only their own and the public ones."""

    model = Post
    fields = ("title", "series_order", "status", "published_at")
    readonly_fields = ("title", "status", "published_at")
    ordering = ("series_order", "published_at")
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "language", "part_count")
    list_filter = ("language",)
    search_fields = ("title", "slug")
    ordering = ("language", "title")  # the annotated queryset drops the model's ordering
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("description_html",)
    inlines = (PartInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).with_part_counts()

    def history_view(self, request, object_id, extra_context=None):
        """For those who may change the series: its log names the parts changed through
        it, other writers' drafts included."""
        series = self.get_object(request, unquote(object_id))
        if series is not None and not self.has_change_permission(request, series):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    @admin.display(description="public parts", ordering="part_count")
    def part_count(self, series):
        return series.part_count
