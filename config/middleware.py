"""Middleware for the whole project, not one app."""

from django.core.exceptions import BadRequest


class RejectNullBytesMiddleware:
    """A NUL byte is never part of an address, and PostgreSQL refuses it in a query:
    such a request is a 400 before any cache, view or address lookup sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise BadRequest("NUL byte in the path")
        return self.get_response(request)
