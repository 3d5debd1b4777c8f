"""Feed readers announce their subscribers in the User-Agent; the admin adds them up."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from feeds.models import ReaderCount, SubscribedFeed
from feeds.subscribers import Report, parse_user_agent

FEEDLY = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; {} subscribers; like FeedFetcher-Google)"
FEED = "/en/tags/topic/index.xml"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def topic(make_post):
    make_post(tags=["Topic"])


def fetch(client, user_agent, path=FEED, **headers):
    return client.get(path, headers={"user-agent": user_agent, **headers})


@pytest.mark.parametrize(
    ("user_agent", "report"),
    [
        (FEEDLY.format(42), Report("Feedly", "", 42)),
        ("Feedbin feed-id:1373711 - 17 subscribers", Report("Feedbin", "1373711", 17)),
        (
            "NewsBlur Feed Fetcher - 1 subscriber - https://www.newsblur.com/site/6865/chen-kai",
            Report("NewsBlur Feed Fetcher", "", 1),
        ),
        (
            "Mozilla/5.0 (compatible; Inoreader/1.0; +http://www.inoreader.com/feed-fetcher; "
            "3 subscribers; )",
            Report("Inoreader", "", 3),
        ),
        (
            "Mozilla/5.0 (compatible; BazQux/2.4; +https://bazqux.com/fetcher; 1,204 subscribers)",
            Report("BazQux", "", 1204),
        ),
        (
            "theoldreader.com (+http://theoldreader.com/; 5 subscribers; feed-id=5a0b1c)",
            Report("theoldreader.com", "5a0b1c", 5),
        ),
        (
            "Feedfetcher-Google; (+http://www.google.com/feedfetcher.html; 9 subscribers; "
            "feed-id=1234567)",
            Report("Feedfetcher-Google", "1234567", 9),
        ),
    ],
)
def test_readers_announcements_are_understood(user_agent, report):
    assert parse_user_agent(user_agent) == report


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
        "Miniflux/2.2.4 (+https://miniflux.app; Linux)",
        "Reader - 99999999999 subscribers",
    ],
)
def test_a_user_agent_without_a_believable_count_is_no_report(user_agent):
    assert parse_user_agent(user_agent) is None


def test_a_fetch_records_the_readers_count_for_that_feed(client, topic):
    fetch(client, FEEDLY.format(42))
    (count,) = ReaderCount.objects.all()
    assert (count.feed.path, count.reader, count.subscribers) == (FEED, "Feedly", 42)


def test_nothing_of_the_clients_address_is_kept(client, topic):
    fetch(client, FEEDLY.format(42), REMOTE_ADDR="203.0.113.7", x_forwarded_for="198.51.100.2")
    (count,) = ReaderCount.objects.values()
    assert not any(
        "203.0.113" in str(value) or "198.51.100" in str(value) for value in count.values()
    )


def test_the_latest_count_replaces_the_last(client, topic):
    fetch(client, FEEDLY.format(42))
    fetch(client, FEEDLY.format(45))
    assert list(ReaderCount.objects.values_list("subscribers", flat=True)) == [45]


def test_a_revalidation_counts_too(client, topic):
    etag = fetch(client, "curl")["ETag"]
    assert fetch(client, FEEDLY.format(7), if_none_match=etag).status_code == 304
    assert ReaderCount.objects.get().subscribers == 7


def test_a_feed_that_does_not_exist_records_nothing(client, db):
    assert fetch(client, FEEDLY.format(7), path="/en/tags/nothing/index.xml").status_code == 404
    assert not SubscribedFeed.objects.exists()


def test_an_unchanged_count_is_not_written_again_within_the_hour(
    client, topic, django_assert_num_queries
):
    fetch(client, FEEDLY.format(42))
    with django_assert_num_queries(4):  # the feed's own queries only
        fetch(client, FEEDLY.format(42))


def test_each_format_is_its_own_feed(client, topic):
    fetch(client, FEEDLY.format(3))
    fetch(client, FEEDLY.format(4), path="/en/tags/topic/atom.xml")
    assert sorted(SubscribedFeed.objects.values_list("path", flat=True)) == [
        "/en/tags/topic/atom.xml",
        FEED,
    ]


def test_totals_add_up_the_readers_of_a_feed(client, topic):
    fetch(client, FEEDLY.format(42))
    fetch(client, "Feedbin feed-id:1 - 17 subscribers")
    fetch(client, "Feedbin feed-id:2 - 3 subscribers")
    feed = SubscribedFeed.objects.with_totals().get()
    assert (feed.subscriber_total, feed.reader_total) == (62, 3)


def test_a_reader_silent_for_a_week_no_longer_counts(client, topic):
    fetch(client, FEEDLY.format(42))
    fetch(client, "Feedbin feed-id:1 - 17 subscribers")
    ReaderCount.objects.filter(reader="Feedly").update(
        reported_at=timezone.now() - dt.timedelta(days=8)
    )
    assert SubscribedFeed.objects.with_totals().get().subscriber_total == 17


def test_the_admin_shows_subscriber_totals_per_feed(admin_client, client, topic, make_post):
    make_post(tags=["Else"])
    fetch(client, FEEDLY.format(42))
    fetch(client, "Feedbin feed-id:1 - 17 subscribers")
    fetch(client, FEEDLY.format(5), path="/en/tags/else/feed.json")
    page = admin_client.get("/admin/feeds/subscribedfeed/").content.decode()
    assert '<td class="field-subscribers">59</td>' in page
    assert '<td class="field-subscribers">5</td>' in page
    assert page.index(FEED) < page.index("/en/tags/else/feed.json")


def test_the_admin_lists_a_feeds_readers(admin_client, client, topic):
    fetch(client, FEEDLY.format(42))
    feed = SubscribedFeed.objects.get()
    page = admin_client.get(f"/admin/feeds/subscribedfeed/{feed.pk}/change/").content.decode()
    assert "Feedly" in page
    assert "42" in page


def fetch_from(client, address, user_agent, path=FEED):
    return client.get(path, headers={"user-agent": user_agent}, REMOTE_ADDR=address)


def test_an_implausible_count_is_not_believed(client, topic, settings):
    fetch(client, "Feedbin feed-id:1 - 1 subscriber")
    fetch(client, "Feedbin feed-id:2 - 987654321 subscribers")
    over = settings.FEED_SUBSCRIBERS_MAX_REPORT + 1
    fetch(client, f"Feedbin feed-id:3 - {over:,} subscribers")
    assert SubscribedFeed.objects.with_totals().get().subscriber_total == 1


def test_the_largest_plausible_count_is_believed(client, topic, settings):
    fetch(client, FEEDLY.format(settings.FEED_SUBSCRIBERS_MAX_REPORT))
    assert ReaderCount.objects.get().subscribers == settings.FEED_SUBSCRIBERS_MAX_REPORT


def test_one_address_writes_at_most_its_daily_allowance_of_counts(client, topic, settings):
    for feed_id in range(200):
        fetch_from(client, "203.0.113.7", f"Feedbin feed-id:{feed_id} - 5 subscribers")
    assert ReaderCount.objects.count() == settings.FEED_SUBSCRIBERS_ROWS_PER_ADDRESS


def test_an_ipv6_network_counts_as_one_address(client, topic, settings):
    for n in range(1, 60):
        fetch_from(client, f"2001:db8:1:2::{n:x}", f"Feedbin feed-id:{n} - 5 subscribers")
    assert ReaderCount.objects.count() == settings.FEED_SUBSCRIBERS_ROWS_PER_ADDRESS


def test_past_its_allowance_an_address_still_updates_the_counts_it_wrote(client, topic, settings):
    settings.FEED_SUBSCRIBERS_ROWS_PER_ADDRESS = 2
    for agent in ("Feedbin feed-id:1 - 5 subscribers", FEEDLY.format(7), FEEDLY.format(8)):
        fetch_from(client, "203.0.113.7", agent)
    fetch_from(client, "203.0.113.7", "Feedbin feed-id:9 - 1 subscriber")
    assert dict(ReaderCount.objects.values_list("reader", "subscribers")) == {
        "Feedbin": 5,
        "Feedly": 8,
    }


def test_each_address_has_its_own_allowance(client, topic, settings):
    settings.FEED_SUBSCRIBERS_ROWS_PER_ADDRESS = 1
    fetch_from(client, "203.0.113.7", "Feedbin feed-id:1 - 5 subscribers")
    fetch_from(client, "203.0.113.7", "Feedbin feed-id:2 - 5 subscribers")
    fetch_from(client, "198.51.100.2", "Feedbin feed-id:3 - 5 subscribers")
    assert sorted(ReaderCount.objects.values_list("reader_feed_id", flat=True)) == ["1", "3"]


def test_an_addresss_allowance_comes_back_the_next_day(client, topic, settings, monkeypatch):
    settings.FEED_SUBSCRIBERS_ROWS_PER_ADDRESS = 1
    fetch_from(client, "203.0.113.7", "Feedbin feed-id:1 - 5 subscribers")
    tomorrow = timezone.now() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    fetch_from(client, "203.0.113.7", "Feedbin feed-id:2 - 5 subscribers")
    assert ReaderCount.objects.count() == 2


def test_behind_the_proxy_each_client_address_has_its_own_allowance(client, topic, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.FEED_SUBSCRIBERS_ROWS_PER_ADDRESS = 1
    for n, address in enumerate(["203.0.113.7", "203.0.113.7", "198.51.100.2"]):
        client.get(
            FEED,
            headers={"user-agent": f"Feedbin feed-id:{n} - 5 subscribers"},
            REMOTE_ADDR="172.18.0.5",  # the proxy
            HTTP_X_FORWARDED_FOR=address,
        )
    assert sorted(ReaderCount.objects.values_list("reader_feed_id", flat=True)) == ["0", "2"]


def test_the_address_is_counted_under_a_keyed_hash_never_in_clear(client, topic):
    fetch_from(client, "203.0.113.7", FEEDLY.format(42))
    kept = repr(list(cache._cache))  # the keys; their values are counts and flags
    assert "subscribers:rows:" in kept
    assert "203.0.113" not in kept
