from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from pagecache.policy import make_public

from ..languages import absolute_url


@never_cache
@require_safe
def health(request):
    """For load balancers and compose health checks: the app and its database answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@cache_control(public=True, max_age=86400)
def media(request, path):
    """Files in MEDIA_ROOT, for a single box with no proxy serving them (SERVE_MEDIA)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        f"Sitemap: {absolute_url(reverse('sitemap-index'))}",
    ]
    return make_public(HttpResponse("\n".join(lines) + "\n", content_type="text/plain"), 86400)
