"""``/sitemap.xml`` and ``/<lang>/sitemap.xml``, as Hugo writes them for a multilingual
site; the sitemaps are made per request, so a language added to the site is in them."""

from django.contrib.sitemaps import views as sitemap_views

from pagecache.policy import PAGE_NUMBER, public

from ..sitemaps import language_sitemaps, sitemap_index_entries


@public()
def sitemap_index(request):
    return sitemap_views.index(
        request, sitemaps=sitemap_index_entries(), sitemap_url_name="language-sitemap"
    )


@public(query={"p": PAGE_NUMBER})
def language_sitemap(request, section):
    """``section`` is the language: Django's sitemap index names its entries so."""
    return sitemap_views.sitemap(request, sitemaps=language_sitemaps(section))
