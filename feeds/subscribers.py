"""Subscriber counts that feed readers announce in their User-Agent.

Aggregators fetch a feed once for all their users and say how many they are::

    Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers; like FeedFetcher-Google)
    Feedbin feed-id:1373711 - 17 subscribers
    Mozilla/5.0 (compatible; Inoreader/1.0; +http://www.inoreader.com/feed-fetcher; 3 subscribers)

Quire keeps the latest count per reader and feed URL (per the reader's own feed id
too, as one reader may know a feed under several), and nothing of the client's
address. Feeds are fetched often: an unchanged count is written at most hourly.
"""

import hashlib
import logging
import re
from dataclasses import dataclass
from functools import wraps

from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone

from .models import ReaderCount, SubscribedFeed

logger = logging.getLogger(__name__)

COUNT = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+) subscribers?\b", re.IGNORECASE)
FEED_ID = re.compile(r"feed-?id[=:]\s*([\w-]+)", re.IGNORECASE)
COMPATIBLE = re.compile(r"compatible;\s*([^;/)]+)")
PRODUCT_END = re.compile(r"/|\(|;| - ")
MOST_SUBSCRIBERS = 10**9  # beyond this a count is not believed
REWRITE_AFTER = 3600  # seconds an unchanged report goes unwritten


@dataclass(frozen=True)
class Report:
    reader: str
    reader_feed_id: str
    subscribers: int


def parse_user_agent(user_agent):
    """The report in a feed reader's User-Agent, or None if it announces no count."""
    count = COUNT.search(user_agent)
    if count is None:
        return None
    subscribers = int(count.group(1).replace(",", ""))
    if subscribers > MOST_SUBSCRIBERS:
        return None
    compatible = COMPATIBLE.search(user_agent)
    product = compatible.group(1) if compatible else PRODUCT_END.split(user_agent, 1)[0]
    feed_id = FEED_ID.search(user_agent)
    return Report(
        reader=FEED_ID.sub("", product).strip()[:100] or "unnamed",
        reader_feed_id=feed_id.group(1)[:100] if feed_id else "",
        subscribers=subscribers,
    )


def record(request):
    user_agent = request.headers.get("User-Agent", "")
    report = parse_user_agent(user_agent)
    if report is None:
        return
    key = hashlib.sha256(f"{request.path}\0{report}".encode()).hexdigest()
    if not cache.add(f"subscribers:{key}", True, REWRITE_AFTER):
        return
    try:
        feed, _ = SubscribedFeed.objects.get_or_create(path=request.path)
        ReaderCount.objects.update_or_create(
            feed=feed,
            reader=report.reader,
            reader_feed_id=report.reader_feed_id,
            defaults={
                "subscribers": report.subscribers,
                "user_agent": user_agent[:500],
                "reported_at": timezone.now(),
            },
        )
    except DatabaseError:
        # A count is worth less than the feed it came with: serve the feed anyway.
        logger.exception("Could not record the subscribers of %s", request.path)


def records_subscribers(view):
    """Record the count a feed reader announces whenever it gets or revalidates a feed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            record(request)
        return response

    return wrapper
