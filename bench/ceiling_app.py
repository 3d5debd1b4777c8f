"""The first ceiling: the fastest Django answers — no middleware, no database, one
view returning bytes read once at start. Served by the same gunicorn as Quire.

    BENCH_BODIES=/dir gunicorn -c config/gunicorn.conf.py bench.ceiling_app:application
"""

import mimetypes
import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import Http404, HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="ceiling",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

BODIES = {
    file.name: (file.read_bytes(), mimetypes.guess_type(file.name)[0] or "text/html")
    for file in Path(os.environ["BENCH_BODIES"]).iterdir()
}


def prebuilt(request, name):
    if name not in BODIES:
        raise Http404
    body, content_type = BODIES[name]
    return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")


urlpatterns = [path("<str:name>", prebuilt)]
application = get_wsgi_application()
