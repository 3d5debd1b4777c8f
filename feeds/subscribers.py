"""Subscriber counts that feed readers announce in their User-Agent.

Aggregators fetch a feed once for all their users and say how many they are::

    Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers; like FeedFetcher-Google)
    Feedbin feed-id:1373711 - 17 subscribers
    Mozilla/5.0 (compatible; Inoreader/1.0; +http://www.inoreader.com/feed-fetcher; 3 subscribers)

Quire keeps the latest count per reader and feed URL (per the reader's own feed id
too, as one reader may know a feed under several), and nothing of the client's
address. Feeds are fetched often: an unchanged count is written at most hourly.

Anyone can send such a User-Agent, so counts are bounded: a report above
FEED_SUBSCRIBERS_MAX_REPORT is not believed, and one client address (an IPv6 /64
counting as one) writes at most FEED_SUBSCRIBERS_ROWS_PER_ADDRESS counts a day —
rewriting those as often as it reports. The address is counted in the cache under a
keyed hash of it and the day, never in clear.
"""

import hashlib
import ipaddress
import logging
import re
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone
from django.utils.crypto import salted_hmac

from blog.addresses import client_ip

from .models import ReaderCount, SubscribedFeed

logger = logging.getLogger(__name__)

COUNT = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+) subscribers?\b", re.IGNORECASE)
FEED_ID = re.compile(r"feed-?id[=:]\s*([\w-]+)", re.IGNORECASE)
COMPATIBLE = re.compile(r"compatible;\s*([^;/)]+)")
PRODUCT_END = re.compile(r"/|\(|;| - ")
REWRITE_AFTER = 3600  # seconds an unchanged report goes unwritten
DAY = 24 * 3600


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
    if subscribers > settings.FEED_SUBSCRIBERS_MAX_REPORT:
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
    if not address_may_write(request, (request.path, report.reader, report.reader_feed_id)):
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


def address_may_write(request, row):
    """Whether the client's address may write ``row`` (feed, reader, reader's feed id)
    today: one it wrote today already, or a new one within its daily allowance."""
    day = timezone.now().date().isoformat()
    address = salted_hmac("feeds.subscribers", f"{day}\0{_network(client_ip(request))}")
    address = address.hexdigest()[:32]
    row_key = f"subscribers:row:{address}:{hashlib.sha256(repr(row).encode()).hexdigest()[:32]}"
    if cache.get(row_key):
        return True
    rows_key = f"subscribers:rows:{address}"
    cache.add(rows_key, 0, DAY)
    try:
        written = cache.incr(rows_key)
    except ValueError:  # expired in between: this is the day's first
        written = 1
        cache.set(rows_key, written, DAY)
    if written > settings.FEED_SUBSCRIBERS_ROWS_PER_ADDRESS:
        return False
    cache.set(row_key, True, DAY)
    return True


def _network(address):
    """An IPv4 address, or the /64 of an IPv6 one: what one client is usually given."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return address or ""
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def records_subscribers(view):
    """Record the count a feed reader announces whenever it gets or revalidates a feed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            record(request)
        return response

    return wrapper
