from django.db import models
from django.urls import reverse

from blog.languages import language_choices
from blog.models import Post, TypesetOnSave, validate_path_segment, validate_section
from blog.rendering import render_typeset


class SeriesQuerySet(models.QuerySet):
    def with_part_counts(self):
        """Each series with ``part_count``: its public posts only."""
        return self.annotate(part_count=models.Count("posts", filter=_public_parts()))

    def with_public_stats(self):
        """Part count, first and latest part dates and total reading time, public posts only."""
        public = _public_parts()
        return self.with_part_counts().annotate(
            first_published=models.Min("posts__published_at", filter=public),
            last_published=models.Max("posts__published_at", filter=public),
            reading_minutes=models.Sum("posts__reading_minutes", filter=public),
        )


def _public_parts():
    return models.Q(posts__in=Post.objects.published())


class Series(TypesetOnSave, models.Model):
    """A numbered run of posts; its slug is also the section its parts live in."""

    title = models.CharField(max_length=300, help_text="The display name readers see.")
    slug = models.CharField(max_length=100, validators=[validate_path_segment, validate_section])
    term_name = models.CharField(
        max_length=300,
        blank=True,
        help_text="The series as the Hugo front matter wrote it; titles its taxonomy feed.",
    )
    language = models.CharField(max_length=10, choices=language_choices)
    description = models.TextField(blank=True, help_text="Markdown.")
    description_html = models.TextField(editable=False, default="", help_text="Math typeset.")
    saved_at = models.DateTimeField(auto_now=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "series"
        ordering = ["language", "title"]
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="unique_series_per_language")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("series:detail", kwargs={"lang": self.language, "slug": self.slug})

    def render(self):
        """Render the description into ``description_html``; returns the ``Typeset``."""
        typeset = render_typeset(self.description)
        self.description_html = typeset.html
        return typeset

    @property
    def feed_title(self):
        """The name Hugo gives the series taxonomy term: as the front matter wrote it."""
        return self.term_name or self.title

    def published_parts(self):
        """The parts readers see, in reading order."""
        return Post.objects.published().filter(series=self).in_series_order()

    @staticmethod
    def numbered_size(parts):
        """The series' size as its author numbered it: the highest part number
        (``series_order``) among ``parts``, its public parts, not how many there
        are — a translation may hold parts 1, 2 and 12 of 12."""
        return max((part.series_order for part in parts if part.series_order), default=None)
