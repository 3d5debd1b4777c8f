from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from blog.sitemaps import sitemaps
from blog.views import DefaultLanguageRedirect, health, math_stylesheet, media, robots_txt
from pagecache.policy import PAGE_NUMBER, public

SITEMAPS = sitemaps()
handler500 = "blog.views.errors.server_error"

urlpatterns = [
    path("", DefaultLanguageRedirect.as_view()),
    path("healthz", health, name="health"),
    path("robots.txt", robots_txt, name="robots"),
    path("math/<int:version>.css", math_stylesheet, name="math-stylesheet"),
    path(
        "sitemap.xml",
        public()(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        public(query={"p": PAGE_NUMBER})(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("admin/", admin.site.urls),
    path("", include("feeds.urls")),
    path("", include("series.urls")),
    path("", include("blog.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.insert(0, re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", media))
