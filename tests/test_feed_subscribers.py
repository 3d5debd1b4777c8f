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
