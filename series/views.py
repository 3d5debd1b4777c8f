from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from blog.views.claims import claim_sections
from blog.views.mixins import PageMixin

from .models import Series


class SeriesIndexView(PageMixin, ListView):
    """Every series with public parts in this language: parts, dates, reading time."""

    template_name = "series/series_list.html"
    context_object_name = "series_list"
    nav = "series"
    in_every_language = True

    def get_queryset(self):
        return (
            Series.objects.filter(language=self.kwargs["lang"])
            .with_public_stats()
            .filter(part_count__gt=0)
            .order_by("-last_published", "title")
        )


class SeriesDetailView(PageMixin, ListView):
    """A series and all its public parts in reading order; one with none is a 404."""

    template_name = "series/series_detail.html"
    context_object_name = "posts"
    nav = "series"

    def get_queryset(self):
        self.series = get_object_or_404(
            Series, language=self.kwargs["lang"], slug=self.kwargs["slug"]
        )
        parts = list(self.series.published_parts().for_listing())
        if not parts:
            raise Http404("This series has no public part yet.")
        return parts

    def get_context_data(self, **kwargs):
        dates = [post.published_at for post in self.object_list]
        return super().get_context_data(
            series=self.series,
            reading_minutes=sum(post.reading_minutes for post in self.object_list),
            first_published=min(dates),
            last_published=max(dates),
            **kwargs,
        )


def is_series_section(lang, section):
    return Series.objects.filter(language=lang, slug=section).exists()


def claim_series_sections():
    """A section whose slug is a series' is shown as the series."""
    claim_sections(is_series_section, SeriesDetailView.as_view())
