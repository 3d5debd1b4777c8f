"""A Hugo page read from its file: front matter interpreted the way Hugo does."""

import datetime as dt
from dataclasses import dataclass, field

from ..files import UnsafeFile, read_regular
from ..front_matter import FrontMatterError, as_datetime, as_list, split_front_matter
from ..rendering import strip_control_characters

# Hugo's default front-matter date configuration, in order of preference.
DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
PUBLISH_DATE_KEYS = ("publishdate", "pubdate", "published", "date")
LASTMOD_KEYS = ("lastmod", "modified", "date", "publishdate", "pubdate", "published")
EXPIRY_DATE_KEYS = ("expirydate", "unpublishdate")
# Hugo dates a page that names no date at all with Go's zero time.
ZERO_TIME = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
# Some fifty times the longest post of the real site; rendering grows with the size.
MAX_PAGE_BYTES = 2 * 1024 * 1024


class PageError(Exception):
    """A content file that cannot be imported; the message says why."""


@dataclass
class HugoPage:
    source: object  # the ContentFile
    title: str
    body: str
    date: dt.datetime
    lastmod: dt.datetime
    publish_date: dt.datetime
    expiry_date: dt.datetime | None
    draft: bool
    slug: str
    url: str
    summary: str
    description: str
    aliases: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    series: list = field(default_factory=list)
    series_order: int | None = None
    series_title: str = ""
    translation_key: str = ""

    @property
    def language(self):
        return self.source.language

    @property
    def undated(self):
        return self.date == ZERO_TIME


def read_page(content_file, timezone):
    """Read ``content_file``; dates without an offset are in ``timezone``."""
    try:
        text = read_regular(content_file.path, MAX_PAGE_BYTES).decode("utf-8")
    except UnsafeFile as error:
        raise PageError(str(error)) from error
    except UnicodeDecodeError as error:
        raise PageError(f"not UTF-8 text ({error.reason})") from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as read_text() did
    # Characters XML cannot carry (and PostgreSQL cannot store, for NUL) go at once,
    # whichever field (title, series, alias, …) they would reach.
    text = strip_control_characters(text)
    try:
        meta, body = split_front_matter(text)
        date = _first_date(meta, DATE_KEYS, timezone) or ZERO_TIME
        return HugoPage(
            source=content_file,
            title=_text(meta.get("title")),
            body=body,
            date=date,
            lastmod=_first_date(meta, LASTMOD_KEYS, timezone) or date,
            publish_date=_first_date(meta, PUBLISH_DATE_KEYS, timezone) or date,
            expiry_date=_first_date(meta, EXPIRY_DATE_KEYS, timezone),
            draft=_boolean(meta.get("draft", False)),
            slug=_text(meta.get("slug")),
            url=_text(meta.get("url")),
            summary=_text(meta.get("summary")),
            description=_text(meta.get("description")),
            aliases=as_list(meta.get("aliases")),
            tags=as_list(meta.get("tags")),
            categories=as_list(meta.get("categories")),
            series=as_list(meta.get("series")),
            series_order=_integer(meta.get("series_order", meta.get("weight"))),
            series_title=_text(meta.get("series_title")),
            translation_key=_text(meta.get("translationkey")) or content_file.translation_path,
        )
    except FrontMatterError as error:
        raise PageError(str(error)) from error


def _first_date(meta, keys, timezone):
    for key in keys:
        value = as_datetime(meta.get(key), timezone)
        if value is not None:
            return value
    return None


def _text(value):
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise FrontMatterError(f"expected text, found {type(value).__name__}: {value!r}")
    return str(value).strip()


def _boolean(value):
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1"}
    return bool(value)


def _integer(value):
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise FrontMatterError(f"not a whole number: {value!r}") from error
    if number < 0:
        raise FrontMatterError(f"a negative order: {value!r}")
    return number
