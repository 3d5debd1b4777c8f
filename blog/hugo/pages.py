"""A Hugo page read from its file: front matter interpreted the way Hugo does."""

import datetime as dt
from dataclasses import dataclass, field

from ..files import UnsafeFile, read_regular
from ..front_matter import FrontMatterError, as_datetime, as_list, split_front_matter
from ..rendering import single_line, strip_control_characters

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


@dataclass(frozen=True)
class BuildOptions:
    """Hugo's ``_build`` front matter (or the older ``headless: true``): whether the
    page gets its own address, appears in lists, and publishes its bundle's files."""

    rendered: bool = True
    listed: bool = True  # in some list (the sitemap); ``never`` is in none
    in_every_list: bool = True  # not ``local`` either: in the home page's list too
    publish_resources: bool = True

    @classmethod
    def from_front_matter(cls, meta):
        options = meta.get("_build", meta.get("build")) or {}
        if not isinstance(options, dict):
            raise FrontMatterError(f"_build is not a table: {options!r}")
        options = {str(key).lower(): value for key, value in options.items()}
        headless = _boolean(meta.get("headless", False))
        render = _choice(options.get("render"), "always", ("always", "never", "link"))
        listing = _choice(options.get("list"), "always", ("always", "never", "local"))
        return cls(
            rendered=render == "always" and not headless,
            listed=listing != "never" and not headless,
            in_every_list=listing == "always" and not headless,
            publish_resources=_boolean(options.get("publishresources", True)),
        )


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
    build: BuildOptions = field(default_factory=BuildOptions)
    layout: str = ""
    page_type: str = ""

    @property
    def is_post(self):
        """Whether Quire imports it as a post: Hugo renders it and lists it everywhere,
        and it is not an archive. Anything else (``_build.list: never`` or ``local``,
        ``_build.render: never``, ``headless``, ``layout: archives``) is a ``Page``,
        which no list, feed or count can show."""
        return (
            self.build.in_every_list
            and self.build.rendered
            and (self.layout or self.page_type) != "archives"
        )

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
            title=single_line(_text(meta.get("title"))),
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
            build=BuildOptions.from_front_matter(meta),
            layout=_text(meta.get("layout")),
            page_type=_text(meta.get("type")),
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


def _choice(value, default, choices):
    """A ``_build`` value: one of ``choices``, or Hugo's older booleans (true is the
    default, false the opposite: ``never``)."""
    if value is None:
        return default
    if isinstance(value, bool):
        return default if value else "never"
    text = str(value).strip().lower()
    if text in ("true", "false"):
        return default if text == "true" else "never"
    if text not in choices:
        raise FrontMatterError(f"_build value {value!r} is not one of {', '.join(choices)}")
    return text


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
