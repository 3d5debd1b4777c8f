"""Middleware for the whole project, not one app."""

from django.core.exceptions import BadRequest
from whitenoise.middleware import WhiteNoiseMiddleware

from .content_coding import accepted_codings

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
