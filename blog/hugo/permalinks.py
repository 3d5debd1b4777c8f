"""Where Hugo publishes a page: its ``url``, its section's permalink pattern, or its path."""

import posixpath
import re

from ..slugs import hugo_urlize
from .pages import PageError

TOKEN = re.compile(
    r":(slugorcontentbasename|slugorfilename|contentbasename|sections|section|"
    r"filename|slug|title|yearday|weekdayname|weekday|monthname|month|year|day)"
)


def page_path(page, config):
    """The site path Hugo gives ``page``, e.g. ``/en/ml-math-derivations/12-xgboost/``."""
    source = page.source
    if page.url:
        return _normalize(page.url, "its address")
    prefix = config.url_prefix(page.language)
    pattern = config.permalinks.get(source.section.lower())
    if pattern:
        return _normalize(prefix + TOKEN.sub(lambda m: _token(m[1], page), pattern), "its address")
    last = hugo_urlize(page.slug) if page.slug else hugo_urlize(source.filename)
    segments = [hugo_urlize(folder) for folder in source.folders] + [last]
    return _normalize(f"{prefix}/{'/'.join(segments)}/", "its address")


def alias_path(alias, page_path):
    """An alias as Hugo resolves it: site-relative, or relative to the page's folder."""
    if not alias.startswith("/"):
        folder = page_path.rstrip("/").rsplit("/", 1)[0] + "/"
        alias = posixpath.normpath(folder + alias)
    return _normalize(alias, "the alias")


def _normalize(path, what):
    """Leading slash, no doubled slashes, a trailing slash unless it names a file.

    A ``.`` or ``..`` segment is refused: a page's address also places its bundle's
    files in the media storage, where ``..`` would climb out of the import's folder."""
    path = "/" + re.sub(r"/{2,}", "/", path.strip().lstrip("/"))
    for segment in path.split("/"):
        if segment in (".", ".."):
            raise PageError(
                f"{what} {path} has a “{segment}” segment; an import never writes "
                "outside its folders"
            )
    last = path.rsplit("/", 1)[-1]
    if path != "/" and "." not in last and not path.endswith("/"):
        path += "/"
    return path


def _token(name, page):
    source, date = page.source, page.date
    slug = hugo_urlize(page.slug) if page.slug else ""
    values = {
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "monthname": date.strftime("%B").lower(),
        "day": f"{date.day:02d}",
        "weekday": str((date.weekday() + 1) % 7),
        "weekdayname": date.strftime("%A").lower(),
        "yearday": f"{date.timetuple().tm_yday:03d}",
        "section": hugo_urlize(source.section),
        "sections": "/".join(hugo_urlize(folder) for folder in source.folders),
        "title": hugo_urlize(page.title),
        "slug": slug or hugo_urlize(page.title),
        "filename": hugo_urlize(source.filename),
        "contentbasename": hugo_urlize(source.filename),
        "slugorfilename": slug or hugo_urlize(source.filename),
        "slugorcontentbasename": slug or hugo_urlize(source.filename),
    }
    return values[name]
