"""Sizes of the site's own images, so pages reserve their space before they load."""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

from ..files import UnsafeFile, open_regular

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


def site_file(path):
    """``("media", name)`` or ``("static", name)`` for a URL path (already unquoted)
    under MEDIA_URL or STATIC_URL, else None — also for a path that climbs out of them
    (``/media/../../etc/passwd``) or is no file name at all: such a path is never
    looked up, so it can neither reach another folder nor raise."""
    for kind, url in (("media", settings.MEDIA_URL), ("static", settings.STATIC_URL)):
        prefix = "/" + url.strip("/") + "/"
        if path.startswith(prefix):
            name = path[len(prefix) :]
            if "\0" in name or any(part in ("", ".", "..") for part in name.split("/")):
                return None
            return kind, name
    return None


def site_file_exists(path):
    """Whether a URL path names a file this site serves from media or static files."""
    return _opener(path) is not None


def _opener(path):
    """What opens the file a URL path names, from the media storage or the static
    files, or None when the site has no such file."""
    found = site_file(path)
    if found is None:
        return None
    kind, name = found
    if kind == "media":
        return partial(default_storage.open, name, "rb") if default_storage.exists(name) else None
    located = finders.find(name)
    return partial(open, located, "rb") if located else None


def _open(source):
    staged = (_staged.get() or {}).get(source)
    if staged is not None:
        return open_regular(staged)
    parts = urlsplit(source)
    if parts.scheme or parts.netloc:
        return None  # another site's image
    opener = _opener(unquote(parts.path))
    return opener() if opener else None


def image_size(source):
    """``(width, height)`` of an image this site serves, or None (other hosts, SVG,
    missing or unreadable files). Only the file's header is read."""
    try:
        handle = _open(source)
        if handle is None:
            return None
        with handle, Image.open(handle) as image:
            return image.size
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError, UnsafeFile):
        return None
