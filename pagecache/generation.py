"""The content generation every cached response is filed under.

Each process reads the generation from the database at most once a second
(``PAGE_CACHE_GENERATION_CHECK``), so a change made anywhere reaches every server
within that second; when a scheduled change comes due, the first process to see
it advances the generation. While the database cannot be reached, the last generation
seen stands, so what was kept goes on being served.
"""

import math
import threading
import time

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

from .models import ContentGeneration
from .store import shared_cache

_local = threading.local()
_last_seen = {}  # "number": the generation any thread of this process read last
_schedules = []  # callables: when an app's public content next changes by itself

generation_seen = Signal()
"""Sent when this process first sees a new generation: content changed, here or in
another process, so what a process keeps of it (e.g. the site's settings) is stale."""
SHARED_KEY = "pagecache:generation"


def follow_schedule(next_change):
    """Advance the generation when ``next_change()`` comes due: an app whose public content
    changes with no save (a post's date comes, its embargo ends, it expires) registers
    the callable that says when, the nearest future moment or None."""
    if next_change not in _schedules:
        _schedules.append(next_change)


def next_scheduled_change():
    """When the public content will next change by itself, by every app's schedule."""
    return min((moment for when in _schedules if (moment := when())), default=None)


def advance_generation():
    """Retire every cached response (call on commit of any content change)."""
    ContentGeneration.objects.get_or_create(pk=1)
    ContentGeneration.objects.filter(pk=1).update(
        number=F("number") + 1, next_scheduled_change=next_scheduled_change()
    )
    _local.checked_at = -math.inf


def current_generation():
    """The generation number to file responses under, read at most once a second; while
    the database is away, the last one seen here or by any server (through the shared
    cache), or None if none is known."""
    now = time.monotonic()
    if now - getattr(_local, "checked_at", -math.inf) >= settings.PAGE_CACHE_GENERATION_CHECK:
        _local.checked_at = now
        try:
            _local.number, _local.due = _read_generation()
        except DatabaseError:
            _local.number, _local.due = None, None
    if _local.number is None:
        return _last_seen.get("number") or shared_cache("get", SHARED_KEY)
    if _local.due is not None and timezone.now() >= _local.due:
        try:
            advance_generation()
        except DatabaseError:
            return _local.number
        return current_generation()
    return _local.number


def _read_generation():
    state = ContentGeneration.objects.filter(pk=1).values("number", "next_scheduled_change").first()
    if state is None:
        with transaction.atomic():
            advance_generation()
        return _read_generation()
    _remember(state["number"])
    return state["number"], state["next_scheduled_change"]


def _remember(number):
    if _last_seen.get("number") != number:
        _last_seen["number"] = number
        generation_seen.send(sender=ContentGeneration)
        shared_cache("set", SHARED_KEY, number, None)
