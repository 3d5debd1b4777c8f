"""Hugo's sitemaps of a multilingual site: ``/<lang>/sitemap.xml`` for each language
(its index pages, public posts with the ``hreflang`` alternates of their translations
and their last update, and its listed pages), and ``/sitemap.xml``, the index of those."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .languages import language_choices, language_code, site_url
from .models import Page, Post, series_model


@dataclass(frozen=True)
class PublicSite:
    """Stands in for django.contrib.sites: the host is the site's base URL, not the request's."""

    domain: str


class SiteUrlSitemap(Sitemap):
    def get_urls(self, page=1, site=None, protocol=None):
        parts = urlsplit(site_url())
        return super().get_urls(page, site=PublicSite(parts.netloc), protocol=parts.scheme)


class PostSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def __init__(self, lang):
        self.lang = lang

    def items(self):
        return (
            Post.objects.published()
            .in_language(self.lang)
            .only("language", "section", "slug", "path", "updated_at", "translation_key")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, post):
        return post.updated_at

    def get_latest_lastmod(self):
        """For the index: the newest update, asked of the database rather than found
        by reading every post."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site=site, protocol=protocol)
        versions = self._versions({url["item"].translation_key for url in urls} - {""})
        origin = site_url()
        for url in urls:
            others = versions.get(url["item"].translation_key, {})
            if len(others) > 1:
                url["alternates"] = [
                    {"lang_code": language_code(lang), "location": origin + path}
                    for lang, path in others.items()
                ]
        return urls

    @staticmethod
    def _versions(keys):
        """translation key → {language: path} for the public posts sharing it."""
        versions = {}
        posts = Post.objects.published().filter(translation_key__in=keys)
        for post in posts.only("language", "section", "slug", "path", "translation_key"):
            versions.setdefault(post.translation_key, {})[post.language] = post.get_absolute_url()
        return versions


class IndexPageSitemap(SiteUrlSitemap):
    changefreq = "daily"

    def __init__(self, lang):
        self.lang = lang

    def items(self):
        pages = [
            reverse(name, kwargs={"lang": self.lang})
            for name in ("blog:home", "series:index", "blog:tags", "blog:categories")
        ]
        series = series_model().objects.filter(language=self.lang).with_part_counts()
        return pages + [s.get_absolute_url() for s in series.filter(part_count__gt=0)]

    def location(self, path):
        return path


class PageSitemap(SiteUrlSitemap):
    """Pages that are not posts, unless Hugo keeps them out of lists (``list: never``)."""

    changefreq = "monthly"

    def __init__(self, lang):
        self.lang = lang

    def items(self):
        return Page.objects.listed().filter(language=self.lang).only("path", "updated_at")

    def lastmod(self, page):
        return page.updated_at


def language_codes():
    return [code for code, _ in language_choices()]


def language_sitemaps(lang):
    """What ``/<lang>/sitemap.xml`` holds, in Hugo's order: pages, then posts."""
    return {
        "index-pages": IndexPageSitemap(lang),
        "posts": PostSitemap(lang),
        "pages": PageSitemap(lang),
    }


def sitemap_index_entries():
    """For ``/sitemap.xml``: one entry per language, dated by its newest post update."""
    return {lang: PostSitemap(lang) for lang in language_codes()}
