"""``/sitemap.xml`` and ``/<lang>/sitemap.xml``, as Hugo writes them for a multilingual
site; the sitemaps are made per request, so a language added to the site is in them."""

from django.contrib.sitemaps import views as sitemap_views
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from pagecache.policy import PAGE_NUMBER, public

from ..languages import absolute_url
from ..sitemaps import language_sitemaps, sitemap_index_entries


@require_safe
@public()
def sitemap_index(request):
    """Each language's sitemap on SITE_URL (not the request's host, as Django's own
    index would), dated by its newest post update."""
    entries = [
        sitemap_views.SitemapIndexItem(
            absolute_url(reverse("language-sitemap", kwargs={"section": lang})),
            sitemap.get_latest_lastmod(),
        )
        for lang, sitemap in sitemap_index_entries().items()
    ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_safe
@public(query={"p": PAGE_NUMBER})
def language_sitemap(request, section):
    """``section`` is the language, as Django's sitemap views name it."""
    return sitemap_views.sitemap(request, sitemaps=language_sitemaps(section))
