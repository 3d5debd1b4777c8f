"""Import an RSS 2.0 or Atom feed (such as the live site's tag feeds) as posts.

Each item becomes a post whose body and summary are the item's description, so
Quire's feed for the same term reads back the same. Section and slug come from
the item link's path (``/<lang>/<section>/<slug>/``), series and part number from
a ``Title (N): …`` title, and the feed's own term (``X on Site``) becomes a tag or
category. Re-importing updates in place, keyed by language + permalink.

A feed is read whole into memory and parsed there (a parsed feed takes several
times its size), so feeds larger than ``MAX_FEED_BYTES`` are refused outright.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

import feedparser
import reversion
from django.core.exceptions import ValidationError
from django.db import transaction

from .files import size_label
from .imports import ImportAborted, ImportReport, set_terms, term_slugs
from .languages import default_language, is_language
from .models import Category, Post, Tag, series_model
from .rendering import single_line
from .slugs import term_slug

SERIES_TITLE = re.compile(r"^(?P<series>.+?)\s*[(（](?P<part>\d+)[)）]\s*[:：]")
TERM_PAGE = re.compile(r"^/(?:(?P<lang>[^/]+)/)?(?P<taxonomy>tags|categories)/(?P<term>[^/]+)/?$")
# Hundreds of times the live site's largest feed; a whole site's full-text feed fits.
MAX_FEED_BYTES = 16 * 1024 * 1024
TOO_LARGE = f"larger than the {size_label(MAX_FEED_BYTES)} import_feed reads"


class ItemError(Exception):
    pass


@dataclass(frozen=True)
class FeedTerm:
    model: type
    name: str


def import_feed(data, *, strict=False, dry_run=False, progress=None):
    """Import the feed in ``data`` (bytes or text); return an ``ImportReport``.

    One transaction for the whole feed, so an import killed halfway leaves the
    database as it was. Every item is its own savepoint: a bad item is reported and
    skipped. With ``strict`` the first bad item aborts everything; with ``dry_run``
    nothing is kept. ``progress(where, outcome)`` hears of each item as it is done.
    """
    if len(data) > MAX_FEED_BYTES:
        raise ImportAborted(f"the feed is {TOO_LARGE}.")
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no items found"
        raise ImportAborted(f"not an RSS or Atom feed with items: {reason}")
    feed_term = _feed_term(parsed.feed)
    report = ImportReport(progress=progress)
    with transaction.atomic():
        for position, entry in enumerate(parsed.entries, start=1):
            where = entry.get("link") or f"item {position}"
            try:
                with transaction.atomic(), reversion.create_revision():
                    reversion.set_comment("Imported by import_feed.")
                    outcome = _import_entry(entry, feed_term)
            except (ItemError, ValidationError) as error:
                reason = "; ".join(error.messages) if isinstance(error, ValidationError) else error
                if strict:
                    raise ImportAborted(f"{where}: {reason}") from error
                report.fail(where, reason)
                continue
            report.add(outcome, where)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _feed_term(feed):
    """The term a tag or category feed is about, from its link and its title."""
    match = TERM_PAGE.match(urlsplit(feed.get("link", "")).path)
    title = feed.get("title", "")
    if not match or not title:
        return None
    name = title.rsplit(" on ", 1)[0].strip()
    model = Tag if match["taxonomy"] == "tags" else Category
    return FeedTerm(model, name)


def _location(link):
    segments = [unquote(part) for part in urlsplit(link).path.split("/") if part]
    if segments and is_language(segments[0]):
        lang, segments = segments[0], segments[1:]
    else:
        lang = default_language()
    if len(segments) != 2:
        raise ItemError("the link is not of the form /<lang>/<section>/<slug>/")
    return lang, segments[0], segments[1].lower()


def _moment(entry, key):
    # ``in`` first: feedparser's ``get("updated_parsed")`` falls back to the
    # publication date (with a warning); only a real update date counts here.
    field_name = f"{key}_parsed"
    parsed = entry[field_name] if field_name in entry else None  # noqa: SIM401
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None


def _import_entry(entry, feed_term):
    title = single_line(entry.get("title", ""))
    description = entry.get("summary", "").strip()
    if not entry.get("link"):
        raise ItemError("the item has no link")
    lang, section, slug = _location(entry["link"])
    published_at = _moment(entry, "published") or _moment(entry, "updated")
    if published_at is None:
        raise ItemError("the item has no date")
    series, series_order = _series(title, lang, section)

    post = Post.objects.filter(language=lang, section=section, slug=slug).first()
    created = post is None
    post = post or Post(language=lang, section=section, slug=slug)
    values = {
        "title": title,
        "body": description,
        "summary": description,
        "status": Post.Status.PUBLISHED,
        "published_at": published_at,
        "updated_at": _moment(entry, "updated") or published_at,
        "series": series,
        "series_order": series_order,
    }
    tags = [term["term"] for term in entry.get("tags", []) if term.get("term")]
    if feed_term and feed_term.model is Tag:
        tags.append(feed_term.name)
    categories = [feed_term.name] if feed_term and feed_term.model is Category else []

    changed = created or any(getattr(post, name) != value for name, value in values.items())
    missing_tags = _missing_terms(post, "tags", tags)
    missing_categories = _missing_terms(post, "categories", categories)
    if not (changed or missing_tags or missing_categories):
        return "unchanged"
    for name, value in values.items():
        setattr(post, name, value)
    post.full_clean()
    post.save()
    set_terms(post, "tags", missing_tags, keep_existing=True)
    set_terms(post, "categories", missing_categories, keep_existing=True)
    return "created" if created else "updated"


def _series(title, lang, section):
    match = SERIES_TITLE.match(title)
    if not match:
        return None, None
    series, _ = series_model().objects.get_or_create(
        language=lang, slug=section, defaults={"title": match["series"]}
    )
    return series, int(match["part"])


def _missing_terms(post, field_name, names):
    """The ``names`` the post lacks, in the feed's order."""
    present = set(term_slugs(getattr(post, field_name))) if post.pk else set()
    return [name for name in dict.fromkeys(names) if term_slug(name) not in present]
