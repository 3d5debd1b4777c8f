import os

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView
from django.views.static import serve

from pagecache.policy import make_public

from ..languages import absolute_url, default_language
from ..media import SANDBOX, content_type, shown_inline


class DefaultLanguageRedirect(RedirectView):
    """``/``: the default language's home page (the default is set in the admin)."""

    def get_redirect_url(self, *args, **kwargs):
        return reverse("blog:home", kwargs={"lang": default_language()})


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
    """Files in MEDIA_ROOT, for a single box with no proxy serving them (SERVE_MEDIA).

    Never through a link inside MEDIA_ROOT, and never as an active page: the type comes
    from ``blog.media``'s table, ``nosniff`` and a sandbox always, and anything but a
    raster image is a download."""
    root = os.path.realpath(settings.MEDIA_ROOT)
    try:
        full = FileSystemStorage(location=root).path(path)
    except SuspiciousFileOperation as error:
        raise Http404 from error
    if os.path.realpath(full) != full:
        raise Http404
    response = serve(request, os.path.relpath(full, root), document_root=root)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    if response.status_code == 200:
        response.headers.pop("Content-Encoding", None)
        response["Content-Type"] = content_type(full)
        if not shown_inline(full):
            response["Content-Disposition"] = "attachment"
    return response


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        f"Sitemap: {absolute_url(reverse('sitemap-index'))}",
    ]
    return make_public(HttpResponse("\n".join(lines) + "\n", content_type="text/plain"), 86400)
