from django.contrib import admin

from ..models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    """Pages that are not posts (about, archives): Editors' work, like sections."""

    list_display = ("title", "path", "language", "layout", "draft", "rendered", "listed")
    list_filter = ("language", "layout", "draft")
    search_fields = ("title", "path")
    readonly_fields = ("body_html",)
    fields = (
        "title",
        "language",
        "path",
        "layout",
        "page_type",
        "body",
        "description",
        ("draft", "rendered", "listed", "publish_resources"),
        "translation_key",
        "updated_at",
        "body_html",
    )
