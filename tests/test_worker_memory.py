"""Workers hand freed memory back to the operating system (config/memory.py)."""

import threading

import pytest

from config.memory import return_free_memory_periodically


def trimming_threads():
    return [t for t in threading.enumerate() if t.name == "malloc-trim"]


def test_a_worker_trims_its_heap_in_the_background_until_stopped():
    stop = return_free_memory_periodically(every=0.01)
    if stop is None:
        pytest.skip("this C library has no malloc_trim")
    [thread] = trimming_threads()
    assert thread.daemon
    stop.set()
    thread.join(timeout=1)
    assert not thread.is_alive()
