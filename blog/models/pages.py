from django.core.exceptions import ValidationError
from django.db import models

from ..languages import language_choices
from ..rendering import render_typeset, strip_control_characters
from .math import TypesetOnSave
from .posts import Post
from .validators import validate_site_path

ARCHIVES = "archives"


class PageQuerySet(models.QuerySet):
    def served(self):
        """What readers may open: not a draft, and rendered (Hugo's ``_build.render``)."""
        return self.filter(draft=False, rendered=True)

    def listed(self):
        """What may appear in sitemaps: served and not ``_build.list: never``."""
        return self.served().filter(listed=True)


class Page(TypesetOnSave, models.Model):
    """A page that is not a post: an about page, an archive (Hugo content with
    ``_build.list: never``, ``headless``, or a ``layout`` of its own).

    A model of its own, not ``Post`` with a kind flag, so that every list, feed,
    term count, related-posts query, search index and post sitemap — all built on
    ``Post.objects.published()`` — leaves pages out by construction: none of them
    has a filter to forget. A page has no section, slug, tags, series or date;
    it lives at its Hugo address (``path``) and answers there.
    """

    language = models.CharField(max_length=10, choices=language_choices)
    path = models.CharField(
        max_length=500,
        unique=True,
        validators=[validate_site_path],
        help_text="Where the page answers, e.g. /en/about/.",
    )
    title = models.CharField(max_length=300)
    page_type = models.CharField(
        "type", max_length=100, blank=True, help_text="Hugo's type, kept for export."
    )
    layout = models.CharField(
        max_length=100,
        blank=True,
        help_text="“archives” shows every public post by year and month; any other "
        "layout shows the body.",
    )
    body = models.TextField(blank=True, help_text="Markdown; $…$ and $$…$$ for math.")
    body_html = models.TextField(editable=False, default="", help_text="Math typeset.")
    description = models.TextField(blank=True, help_text="Plain text for search engines.")
    draft = models.BooleanField(default=False)
    rendered = models.BooleanField(
        default=True, help_text="Served at its address (Hugo's _build.render: always)."
    )
    listed = models.BooleanField(
        default=True, help_text="In the sitemap (Hugo's _build.list other than never)."
    )
    publish_resources = models.BooleanField(
        default=True, help_text="Hugo's _build.publishResources, kept for export."
    )
    translation_key = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text="The last update, for sitemaps (Hugo's lastmod)."
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["language", "path"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = strip_control_characters(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.path

    def render(self):
        """Render the body into ``body_html``; returns the ``Typeset``."""
        typeset = render_typeset(self.body)
        self.body_html = typeset.html
        return typeset

    def clean(self):
        """A post living at the same address would shadow the page (or the page it)."""
        super().clean()
        if self.path and Post.objects.at_address(self.path).exists():
            raise ValidationError({"path": f"A post lives at {self.path}."})

    @property
    def is_archive(self):
        return (self.layout or self.page_type) == ARCHIVES
