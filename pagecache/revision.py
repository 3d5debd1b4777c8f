"""The content revision every cached response is filed under.

Each process reads the revision from the database at most once a second
(``PAGE_CACHE_REVISION_CHECK``), so a change made anywhere reaches every server
within that second; when a scheduled change comes due, the first process to see
it raises the revision. While the database cannot be reached, the last revision
seen stands, so what was kept goes on being served.
"""

import math
import threading
import time

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from blog import languages
from blog.models import Post

from .models import Revision
from .store import shared_cache

_local = threading.local()
_last_seen = {}  # "number": the revision any thread of this process read last
SHARED_KEY = "pagecache:revision"


def next_scheduled_change():
    """When the public content will next change by itself: the nearest future date,
    embargo end or expiry of a published post."""
    now = timezone.now()
    upcoming = Post.objects.filter(status=Post.Status.PUBLISHED).aggregate(
        date=Min("published_at", filter=Q(published_at__gt=now)),
        embargo=Min("embargoed_until", filter=Q(embargoed_until__gt=now)),
        expiry=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    return min((moment for moment in upcoming.values() if moment), default=None)


def raise_revision():
    """Retire every cached response (call on commit of any content change)."""
    Revision.objects.get_or_create(pk=1)
    Revision.objects.filter(pk=1).update(
        number=F("number") + 1, next_scheduled_change=next_scheduled_change()
    )
    _local.checked_at = -math.inf


def current_revision():
    """The revision number to file responses under, read at most once a second; while
    the database is away, the last one seen here or by any server (through the shared
    cache), or None if none is known."""
    now = time.monotonic()
    if now - getattr(_local, "checked_at", -math.inf) >= settings.PAGE_CACHE_REVISION_CHECK:
        _local.checked_at = now
        try:
            _local.number, _local.due = _read_revision()
        except DatabaseError:
            _local.number, _local.due = None, None
    if _local.number is None:
        return _last_seen.get("number") or shared_cache("get", SHARED_KEY)
    if _local.due is not None and timezone.now() >= _local.due:
        try:
            raise_revision()
        except DatabaseError:
            return _local.number
        return current_revision()
    return _local.number


def _read_revision():
    state = Revision.objects.filter(pk=1).values("number", "next_scheduled_change").first()
    if state is None:
        with transaction.atomic():
            raise_revision()
        return _read_revision()
    _remember(state["number"])
    return state["number"], state["next_scheduled_change"]


def _remember(number):
    if _last_seen.get("number") != number:
        _last_seen["number"] = number
        languages.forget()  # the change may be to the site's settings, made elsewhere
        shared_cache("set", SHARED_KEY, number, None)
