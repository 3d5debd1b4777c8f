from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from blog import converters  # noqa: F401 (registers the path converters)
from blog.views import DefaultLanguageRedirect, health, math_stylesheet, media, robots_txt
from blog.views.sitemaps import language_sitemap, sitemap_index

handler500 = "blog.views.errors.server_error"

urlpatterns = [
    path("", DefaultLanguageRedirect.as_view()),
    path("healthz", health, name="health"),
    path("robots.txt", robots_txt, name="robots"),
    path("math/<int:version>.css", math_stylesheet, name="math-stylesheet"),
    path("sitemap.xml", sitemap_index, name="sitemap-index"),
    path("<lang:section>/sitemap.xml", language_sitemap, name="language-sitemap"),
    path("admin/", admin.site.urls),
    path("", include("feeds.urls")),
    path("", include("series.urls")),
    path("", include("blog.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.insert(0, re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", media))
