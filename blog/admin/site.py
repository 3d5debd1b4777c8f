"""The site's settings and languages, edited by Editors."""

from django.contrib import admin

from ..models import Language, MenuEntry, SiteSettings, SocialLink


class SocialLinkInline(admin.TabularInline):
    model = SocialLink
    extra = 0


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row, made on first use from the bootstrap settings; never added or deleted."""

    inlines = [SocialLinkInline]
    fieldsets = [
        (None, {"fields": ("title", "base_url", "author")}),
        (
            "Titles of sections without their own page",
            {"fields": ("pluralize_list_titles", "capitalize_list_titles", "title_case_style")},
        ),
    ]

    def get_queryset(self, request):
        SiteSettings.objects.current()
        return super().get_queryset(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MenuEntryInline(admin.TabularInline):
    model = MenuEntry
    extra = 0


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "language_code", "weight", "is_default", "title")
    list_editable = ("weight",)
    inlines = [MenuEntryInline]

    def get_queryset(self, request):
        SiteSettings.objects.current()  # a fresh install's languages exist before they are listed
        return super().get_queryset(request)
