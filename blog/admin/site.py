"""The site's settings and languages, edited by Editors."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import capfirst

from ..models import (
    Language,
    MenuEntry,
    Page,
    Post,
    Section,
    SiteSettings,
    SocialLink,
    series_model,
)


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


def living_under(code, menus_going=()):
    """What has its address under ``/<code>/``, a line per kind ("Posts: 3 under
    /fr/"): the posts, pages, sections and series in that language, and the menu
    entries that link there (but those of the languages ``menus_going``)."""
    prefix = f"/{code}/"
    kinds = [
        Post.objects.filter(language=code),
        Page.objects.filter(language=code),
        Section.objects.filter(language=code),
        series_model().objects.filter(language=code),
        MenuEntry.objects.filter(Q(url=prefix.rstrip("/")) | Q(url__startswith=prefix)).exclude(
            language__in=menus_going
        ),
    ]
    return [
        f"{capfirst(kind.model._meta.verbose_name_plural)}: {count} under {prefix}"
        for kind in kinds
        if (count := kind.count())
    ]


class LanguageForm(forms.ModelForm):
    def clean_code(self):
        """A prefix content lives under stays: a new one would break all its addresses."""
        code = self.cleaned_data["code"]
        before = self.instance.code
        if self.instance.pk and code != before and (found := living_under(before)):
            raise ValidationError(
                "The prefix stays /%(before)s/ while content lives under it (%(found)s): "
                "changed, every address there would break. Move that content to another "
                "language first.",
                code="in_use",
                params={"before": before, "found": "; ".join(found)},
            )
        return code


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    form = LanguageForm
    list_display = ("name", "code", "language_code", "weight", "is_default", "title")
    list_editable = ("weight",)
    inlines = [MenuEntryInline]

    def get_deleted_objects(self, objs, request):
        """A language content lives under is protected, as a row another protects is:
        deleted, every address of that content would break. Its own menu goes with it."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for language in objs:
            protected += living_under(language.code, menus_going=objs)
        return deleted, counts, perms_needed, protected

    def get_queryset(self, request):
        SiteSettings.objects.current()  # a fresh install's languages exist before they are listed
        return super().get_queryset(request)
