"""Give the operating system back the memory a worker has freed.

A threaded worker that builds large responses (a feed of a thousand items, a long
post compressed twice) while other threads allocate leaves glibc's heaps full of
holes: freed, but still counted against the process, so its resident size only
grows. ``malloc_trim`` hands those free pages back; a background thread calls it
every few seconds, which costs a fraction of a millisecond and nothing per request.
"""

import ctypes
import ctypes.util
import threading

TRIM_EVERY = 5.0


def return_free_memory_periodically(every=TRIM_EVERY):
    """Start the trimming thread; a no-op where the C library has no ``malloc_trim``."""
    name = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    if trim is None:
        return None
    stop = threading.Event()

    def trim_until_stopped():
        while not stop.wait(every):
            trim(0)

    threading.Thread(target=trim_until_stopped, name="malloc-trim", daemon=True).start()
    return stop
