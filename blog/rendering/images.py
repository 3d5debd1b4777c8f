"""Sizes of the site's own images, so pages reserve their space before they load."""

from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

_staged = ContextVar("staged_images", default=None)


@contextmanager
def staged_images(files):
    """Measure these images (URL → local path) from their local files: an importer
    renders its posts before it puts their files in storage."""
    token = _staged.set({**(_staged.get() or {}), **files})
    try:
        yield
    finally:
        _staged.reset(token)


def _open(source):
    staged = (_staged.get() or {}).get(source)
    if staged is not None:
        return open(staged, "rb")
    parts = urlsplit(source)
    if parts.scheme or parts.netloc:
        return None  # another site's image
    path = unquote(parts.path)
    media_url = "/" + settings.MEDIA_URL.strip("/") + "/"
    static_url = "/" + settings.STATIC_URL.strip("/") + "/"
    if path.startswith(media_url) and default_storage.exists(path[len(media_url) :]):
        return default_storage.open(path[len(media_url) :], "rb")
    if path.startswith(static_url):
        found = finders.find(path[len(static_url) :])
        return open(found, "rb") if found else None
    return None


def image_size(source):
    """``(width, height)`` of an image this site serves, or None (other hosts, SVG,
    missing or unreadable files). Only the file's header is read."""
    try:
        handle = _open(source)
        if handle is None:
            return None
        with handle, Image.open(handle) as image:
            return image.size
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
