"""What may enter the media storage from an import, and how media files are served.

Media is served from the site's own origin, where a page that ran script could read
the admin (its CSRF token, its users). So nothing under ``/media/`` may act as a page:

- an import copies only passive files: raster images, SVG, PDF and plain data;
- every media response says ``nosniff`` and carries a sandboxing Content-Security-
  Policy, and anything but a raster image is sent as a download
  (``Content-Disposition: attachment``). SVG is the one image that can hold script:
  it still shows in an ``<img>`` (where browsers never run an image's script, and
  ignore ``attachment``), but opened by itself it is a download in a sandbox;
- types are decided here, from the name, never sniffed from the content; a name
  outside the table is served as ``application/octet-stream``.

``deploy/nginx.conf`` serves ``/media/`` with the same headers.
"""

from pathlib import PurePosixPath

INLINE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
}
DOWNLOAD_TYPES = {
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".tsv": "text/tab-separated-values; charset=utf-8",
    ".json": "application/json",
}
CONTENT_TYPES = INLINE_TYPES | DOWNLOAD_TYPES
OTHER_TYPE = "application/octet-stream"
SANDBOX = "default-src 'none'; sandbox"


def _suffix(name):
    return PurePosixPath(name).suffix.lower()


def importable(name):
    """Whether an import may copy a file of this name into the media storage."""
    return _suffix(name) in CONTENT_TYPES


def content_type(name):
    return CONTENT_TYPES.get(_suffix(name), OTHER_TYPE)


def shown_inline(name):
    return _suffix(name) in INLINE_TYPES
