"""Middleware for the whole project, not one app."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import Resolver404, resolve
from whitenoise.middleware import WhiteNoiseMiddleware

from pagecache.content_coding import accepted_codings

# The compressed copies collectstatic writes beside each static file.
STATIC_CODINGS = ("br", "gzip")


class RejectNullBytesMiddleware:
    """A NUL byte is never part of an address, and PostgreSQL refuses it in a query:
    such a request is a 400 before any cache, view or address lookup sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise BadRequest("NUL byte in the path")
        return self.get_response(request)


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """whitenoise, serving a compressed copy only in a coding the client accepts.

    whitenoise picks the smallest copy whose coding is named anywhere in
    Accept-Encoding, ``br;q=0`` included; it is shown the header reduced to the
    codings the client accepts, q-values and ``*`` weighed.
    """

    @staticmethod
    def serve(static_file, request):
        header = request.META.get("HTTP_ACCEPT_ENCODING", "")
        request.META["HTTP_ACCEPT_ENCODING"] = ", ".join(accepted_codings(header, STATIC_CODINGS))
        return WhiteNoiseMiddleware.serve(static_file, request)


class RequestBodyLimitMiddleware:
    """Refuses a request body too large for who sends it and where, from its
    Content-Length, before anything reads it.

    Django reads a body only when something asks for ``request.POST`` or
    ``request.FILES`` (a view, or the CSRF check), spooling uploads to temporary files
    as it goes, and whatever the size. Here a ``413`` comes first, so nothing is read,
    let alone written. Anyone may send REQUEST_BODY_MAX_BYTES (enough for the login
    form); staff ADMIN_REQUEST_BODY_MAX_BYTES, or what REQUEST_BODY_MAX_BYTES_BY_VIEW
    gives the view (the editor's image upload). Django reads no more than a body's
    Content-Length, so a body longer than it declares is cut there; one without any
    (chunked) would be read as empty, and is refused with ``411`` instead.

    It follows AuthenticationMiddleware, to know staff; nothing before it reads a body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH", "")
        if not declared:
            if "HTTP_TRANSFER_ENCODING" in request.META:
                return HttpResponse(
                    "A request body needs a Content-Length here.\n",
                    status=411,
                    content_type="text/plain",
                )
            return self.get_response(request)
        if not (declared.isascii() and declared.isdigit()):
            return HttpResponseBadRequest("Malformed Content-Length.\n", content_type="text/plain")
        if int(declared) > settings.REQUEST_BODY_MAX_BYTES:
            view, limit = self._limit(request)
            if int(declared) > limit:
                return self._too_large(view, limit)
        return self.get_response(request)

    @staticmethod
    def _limit(request):
        """The view's name and the largest body its sender may send it."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return None, settings.REQUEST_BODY_MAX_BYTES
        try:
            view = resolve(request.path_info).view_name
        except Resolver404:
            view = None
        by_view = settings.REQUEST_BODY_MAX_BYTES_BY_VIEW
        return view, by_view.get(view, settings.ADMIN_REQUEST_BODY_MAX_BYTES)

    @staticmethod
    def _too_large(view, limit):
        message = f"The request is too large: at most {filesizeformat(limit)} here."
        if view in settings.REQUEST_BODY_MAX_BYTES_BY_VIEW:  # endpoints scripts call
            return JsonResponse({"error": message}, status=413)
        return HttpResponse(f"{message}\n", status=413, content_type="text/plain")
