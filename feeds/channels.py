"""What each feed carries: its channel metadata and its published posts."""

import hashlib
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from blog.languages import site_title, site_url
from blog.models import Post, Section, default_section_title
from blog.taxonomies import TAXONOMIES
from series.models import Series

from .formats import RSS

# Bump when the feed's markup changes, so cached copies are revalidated.
FEED_FORMAT = "2"


@dataclass(frozen=True)
class Channel:
    lang: str
    title: str | None  # None for the whole site
    page_path: str
    feed_name: str  # the URL name of its RSS feed, e.g. "feeds:tag"
    feed_kwargs: dict
    posts: object  # a queryset of public posts, unordered
    identity: str

    def feed_path(self, feed_format=RSS):
        return reverse(self.feed_name + feed_format.url_suffix, kwargs=self.feed_kwargs)

    @property
    def site_title(self):
        return site_title(self.lang)

    @property
    def channel_title(self):
        return f"{self.title} on {self.site_title}" if self.title else self.site_title

    @property
    def description(self):
        where = f"in {self.title} " if self.title else ""
        return f"Recent content {where}on {self.site_title}"

    @cached_property
    def state(self):
        """How many posts, and when any of them last changed or appeared."""
        return self.posts.aggregate(
            count=Count("id"), saved=Max("saved_at"), published=Max("published_at")
        )

    @property
    def last_modified(self):
        moments = [self.state["saved"], self.state["published"]]
        return max((moment for moment in moments if moment), default=None)

    @property
    def etag(self):
        fingerprint = "|".join(
            str(part)
            for part in (
                FEED_FORMAT,
                self.identity,
                self.channel_title,
                self.state["count"],
                self.state["saved"],
                self.state["published"],
                site_url(),
                settings.FEED_ITEM_LIMIT,
                settings.FEED_FULL_TEXT,
                settings.WEBSUB_HUB_URL,
            )
        )
        return hashlib.sha256(fingerprint.encode()).hexdigest()[:32]


def home_channel(lang):
    return Channel(
        lang=lang,
        title=None,
        page_path=reverse("blog:home", kwargs={"lang": lang}),
        feed_name="feeds:home",
        feed_kwargs={"lang": lang},
        posts=Post.objects.published().in_language(lang),
        identity=f"home:{lang}",
    )


def section_channel(lang, section):
    intro = Section.objects.filter(language=lang, slug=section).first()
    return _non_empty(
        Channel(
            lang=lang,
            title=intro.title if intro else default_section_title(section),
            page_path=reverse("blog:section", kwargs={"lang": lang, "section": section}),
            feed_name="feeds:section",
            feed_kwargs={"lang": lang, "section": section},
            posts=Post.objects.published().in_language(lang).filter(section=section),
            identity=f"section:{lang}:{section}",
        )
    )


def series_channel(lang, slug):
    series = get_object_or_404(Series, language=lang, slug=slug)
    return _non_empty(
        Channel(
            lang=lang,
            title=series.feed_title,
            page_path=series.get_absolute_url(),
            feed_name="feeds:series",
            feed_kwargs={"lang": lang, "slug": slug},
            posts=Post.objects.published().filter(series=series),
            identity=f"series:{series.pk}",
        )
    )


def term_channel(taxonomy_key, lang, term):
    taxonomy = TAXONOMIES[taxonomy_key]
    found = get_object_or_404(taxonomy.model, slug=term)
    return _non_empty(
        Channel(
            lang=lang,
            title=found.name,
            page_path=found.get_absolute_url(lang),
            feed_name=taxonomy.feed_url_name,
            feed_kwargs={"lang": lang, "term": found.slug},
            posts=taxonomy.posts(lang, found),
            identity=f"{taxonomy_key}:{lang}:{found.pk}",
        )
    )


def _non_empty(channel):
    """A section or term with no public post in this language has no feed."""
    if channel.state["count"] == 0:
        raise Http404("Nothing is published here.")
    return channel
