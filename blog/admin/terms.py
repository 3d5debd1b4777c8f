from django.contrib import admin
from taggit.models import Tag as TaggitTag

from ..models import Category, Section, Tag

# Quire's own tag model replaces taggit's default one.
admin.site.unregister(TaggitTag)


class TermAdmin(admin.ModelAdmin):
    """Terms keep Hugo's slug rule: leave the slug empty and it is derived on save."""

    list_display = ("name", "slug")
    search_fields = ("name", "slug")


admin.site.register(Tag, TermAdmin)
admin.site.register(Category, TermAdmin)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "language")
    list_filter = ("language",)
    search_fields = ("title", "slug")
    readonly_fields = ("body_html",)
