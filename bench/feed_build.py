#!/usr/bin/env python3
"""The 1,000-item tag feed built afresh, in process (no page cache, no HTTP).

    DATABASE_URL=… .venv/bin/python bench/feed_build.py   # a database bench/dataset.py filled

Prints the median and best wall time of 15 builds of /en/tags/bench-1000/index.xml
and of its full-text form, and the bytes of each.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

FEED = "/en/tags/bench-1000/index.xml"


def main():
    settings.PAGE_CACHE_ENABLED = False
    client = Client(HTTP_HOST="127.0.0.1")
    for path in (FEED, FEED + "?full=1"):
        times, size = [], 0
        for _ in range(15):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            size = len(response.content)
        print(
            f"{path}: median {statistics.median(times):.0f} ms, best {min(times):.0f} ms, "
            f"{size:,} bytes ({response.content.count(b'<item>')} items)"
        )


if __name__ == "__main__":
    main()
