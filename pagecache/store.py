"""Where kept responses live: this process's memory, then the shared cache if any."""

import logging
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)
# Seconds a request waits for another's build of the same page before making its own,
# and how often it looks for another process's build meanwhile.
BUILD_WAIT = 20
POLL = 0.05


def shared_cache(operation, *arguments):
    """``operation`` on the shared cache (Redis, when REDIS_URL is set), if there is
    one. A shared cache that fails is one that misses: pages are built instead."""
    if not settings.PAGE_CACHE_ALIAS:
        return None
    try:
        return getattr(caches[settings.PAGE_CACHE_ALIAS], operation)(*arguments)
    except Exception:
        logger.warning("the shared page cache is unavailable", exc_info=True)
        return None


class ProcessEntries:
    """The latest entry of each address this process answered lately, with the
    generation it was built under, kept live (a hit unpickles nothing): up to
    ``budget`` bytes, the least recently used going first."""

    def __init__(self, budget):
        self.budget = budget
        self.size = 0
        self.entries = OrderedDict()  # key -> (generation, entry)
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            kept = self.entries.get(key)
            if kept is not None:
                self.entries.move_to_end(key)
            return kept

    def put(self, key, generation, entry):
        if entry.size > self.budget:
            return
        with self.lock:
            self._drop(key)
            self.entries[key] = (generation, entry)
            self.size += entry.size
            while self.size > self.budget:
                _, (_, evicted) = self.entries.popitem(last=False)
                self.size -= evicted.size

    def discard(self, key):
        with self.lock:
            self._drop(key)

    def _drop(self, key):
        kept = self.entries.pop(key, None)
        if kept is not None:
            self.size -= kept[1].size


class EntryStore:
    """Process memory in front of the shared cache, so that workers and servers build
    each response once per generation and answer it from memory after."""

    def __init__(self):
        self.process = ProcessEntries(settings.PAGE_CACHE_PROCESS_BYTES)

    def get(self, key, generation):
        """(entry, fresh): the entry of ``generation`` if any is kept, else this process's
        latest older one (stale), else None."""
        kept = self.process.get(key)
        if kept is not None and kept[0] == generation:
            return kept[1], True
        entry = shared_cache("get", f"{key}@{generation}")
        if entry is not None:
            self.process.put(key, generation, entry)
            return entry, True
        return (kept[1], False) if kept is not None else (None, False)

    def put(self, key, generation, entry):
        """Keep ``entry``, and retire the entry of an older generation it replaces from the
        shared tier, which would otherwise hold it, never to be read again (generations
        only go up), until it expires: so the shared tier holds about one entry per address."""
        replaced = self.process.get(key)
        self.process.put(key, generation, entry)
        shared_cache("set", f"{key}@{generation}", entry, settings.PAGE_CACHE_SECONDS)
        if replaced is not None and replaced[0] != generation:
            shared_cache("delete", f"{key}@{replaced[0]}")

    def discard(self, key):
        self.process.discard(key)


@dataclass
class Claim:
    """What a request may do about a page nobody has kept for this generation."""

    build: bool  # build it: nobody else is
    running: threading.Event | None  # else: set when this process's build of it ends
    shared_claim: str  # else: in the shared cache while another process builds it

    def wait(self, ready):
        """Until the build underway is over (or ``ready()``), at most BUILD_WAIT s."""
        if self.running is not None:
            self.running.wait(BUILD_WAIT)
            return
        deadline = time.monotonic() + BUILD_WAIT
        while time.monotonic() < deadline and not ready():
            if not shared_cache("get", self.shared_claim):
                return  # that build is over, and kept nothing (a page not to keep)
            time.sleep(POLL)


class Builds:
    """The pages being built now, so that a crowd asking for one gets one build: by
    one thread of this process, and by one process of all that share the cache."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running = {}  # key -> threading.Event, set when this process's build ends

    @contextmanager
    def claim(self, key, generation):
        with self.lock:
            running = self.running.get(key)
            if running is None:
                self.running[key] = threading.Event()
        shared_claim = f"{key}@{generation}:building"
        if running is not None:
            yield Claim(build=False, running=running, shared_claim=shared_claim)
            return
        # This thread speaks for its process: it waits on any other process's build
        # while holding the claim, so this process's other threads wait on it.
        build = shared_cache("add", shared_claim, True, BUILD_WAIT) is not False
        try:
            yield Claim(build=build, running=None, shared_claim=shared_claim)
        finally:
            if build:
                shared_cache("delete", shared_claim)
            with self.lock:
                self.running.pop(key).set()
