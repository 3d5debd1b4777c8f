"""FEED_ITEM_LIMIT cuts a feed into pages linked as RFC 5005 paged feeds."""

import json
import xml.etree.ElementTree as ET

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = "https://www.chenk.top/en/tags/topic/index.xml"


@pytest.fixture
def five_posts(make_post, settings):
    settings.FEED_ITEM_LIMIT = 2
    return [make_post(title=f"Post {n}", tags=["Topic"]).permalink for n in range(1, 6)]


def rss_links(response):
    channel = ET.fromstring(response.content).find("channel")
    return {link.get("rel"): link.get("href") for link in channel.iter(f"{ATOM}link")}


def rss_item_links(response):
    return [item.findtext("link") for item in ET.fromstring(response.content).iter("item")]


def test_the_first_page_links_to_the_next_first_and_last(client, five_posts):
    links = rss_links(client.get("/en/tags/topic/index.xml"))
    assert links == {
        "self": FEED,
        "first": FEED,
        "next": f"{FEED}?page=2",
        "last": f"{FEED}?page=3",
    }


def test_a_middle_page_links_both_ways_and_names_itself(client, five_posts):
    links = rss_links(client.get("/en/tags/topic/index.xml?page=2"))
    assert links["self"] == f"{FEED}?page=2"
    assert links["previous"] == FEED
    assert links["next"] == f"{FEED}?page=3"


def test_the_link_header_carries_the_pages_too(client, five_posts):
    header = client.get("/en/tags/topic/index.xml?page=2")["Link"]
    assert f'<{FEED}?page=3>; rel="next"' in header
    assert f'<{FEED}>; rel="previous"' in header


def test_following_next_reads_every_item_once_newest_first(client, five_posts):
    seen, url = [], "/en/tags/topic/index.xml"
    while url:
        response = client.get(url)
        seen += rss_item_links(response)
        url = rss_links(response).get("next", "").removeprefix("https://www.chenk.top")
    assert seen == five_posts


def test_a_feed_on_one_page_has_no_page_links(client, make_post):
    make_post(tags=["Topic"])
    response = client.get("/en/tags/topic/index.xml")
    assert set(rss_links(response)) == {"self"}
    assert "Link" not in response


@pytest.mark.parametrize("page", ["0", "4", "-1", "two", ""])
def test_a_page_that_does_not_exist_is_a_404(client, five_posts, page):
    assert client.get(f"/en/tags/topic/index.xml?page={page}").status_code == 404


def test_without_a_limit_there_is_only_page_1(client, make_post):
    make_post(tags=["Topic"])
    assert client.get("/en/tags/topic/index.xml?page=1").status_code == 200
    assert client.get("/en/tags/topic/index.xml?page=2").status_code == 404


def test_pages_keep_asking_for_full_text(client, five_posts):
    links = rss_links(client.get("/en/tags/topic/index.xml?full=1"))
    assert links["next"] == f"{FEED}?full=1&page=2"


def test_atom_pages_link_the_same_way(client, five_posts):
    feed = ET.fromstring(client.get("/en/tags/topic/atom.xml?page=3").content)
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["previous"] == "https://www.chenk.top/en/tags/topic/atom.xml?page=2"
    assert "next" not in links
    assert len(feed.findall(f"{ATOM}entry")) == 1


def test_json_feed_pages_name_the_next_one(client, five_posts):
    feed = json.loads(client.get("/en/tags/topic/feed.json").content)
    assert feed["next_url"] == "https://www.chenk.top/en/tags/topic/feed.json?page=2"
    assert len(feed["items"]) == 2
    last = json.loads(client.get("/en/tags/topic/feed.json?page=3").content)
    assert "next_url" not in last


def test_a_page_costs_no_more_queries_than_the_whole_feed(
    client, five_posts, settings, django_assert_num_queries
):
    with django_assert_num_queries(4):
        client.get("/en/tags/topic/index.xml?page=2")
    settings.FEED_ITEM_LIMIT = 0
    with django_assert_num_queries(4):
        client.get("/en/tags/topic/index.xml")
