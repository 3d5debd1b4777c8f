"""What a reader sees when the server fails: a 503 while the database is away."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

# Seconds a client (or the nginx front) is told to wait before trying again.
RETRY_AFTER = 10


def server_error(request):
    """Django's 500 page, except when the database cannot be reached: then a 503 that
    says to come back soon. Rendered without the database or a request context."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        page = loader.get_template("503.html").render()
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return defaults.server_error(request)
