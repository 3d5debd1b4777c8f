"""Workers hand freed memory back to the operating system (config/memory.py)."""

import threading
import time

from config import memory


class CLibrary:
    """The C library as ctypes opens it, keeping the calls to ``malloc_trim``."""

    def __init__(self):
        self.trims = []

    def malloc_trim(self, pad):
        self.trims.append(pad)
        return 1


# Seconds to wait for the thread to do its part: generous, as a box running other
# suites can hold a thread off for seconds; the condition met ends the wait.
WAIT = 60


def wait_for(condition, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_a_worker_trims_its_heap_in_the_background_until_stopped(monkeypatch):
    libc = CLibrary()
    monkeypatch.setattr(memory.ctypes.util, "find_library", lambda name: "libc.so.6")
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda name: libc)
    stop = memory.return_free_memory_periodically(every=0.01)
    wait_for(lambda: len(libc.trims) >= 3)
    assert set(libc.trims) == {0}  # keep no padding: hand back every free page
    [thread] = [t for t in threading.enumerate() if t.name == "malloc-trim"]
    assert thread.daemon
    stop.set()
    thread.join(timeout=WAIT)
    assert not thread.is_alive()
    trimmed = len(libc.trims)
    time.sleep(0.05)
    assert len(libc.trims) == trimmed


def test_without_malloc_trim_nothing_is_started(monkeypatch):
    monkeypatch.setattr(memory.ctypes.util, "find_library", lambda name: None)
    before = threading.active_count()
    assert memory.return_free_memory_periodically(every=0.01) is None
    assert threading.active_count() == before
