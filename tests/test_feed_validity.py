"""Feeds are valid: Atom against RFC 4287's RELAX NG schema, RSS and Atom as
feedparser reads them, JSON Feed as version 1.1 defines it (every feed of the
real site is held to them in ``test_feeds_real_site``)."""

import datetime as dt
import json
from functools import cache
from pathlib import Path

import feedparser
import rnc2rng
from lxml import etree

ATOM_RNC = Path(__file__).resolve().parent / "schemas" / "atom.rnc"


@cache
def atom_schema():
    # rnc2rng declares RFC 4287's ``namespace local = ""`` as xmlns:local="", which
    # XML 1.0 forbids; the schema refers to that namespace as ns="" anyway.
    rng = rnc2rng.dumps(rnc2rng.load(str(ATOM_RNC))).replace(' xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode()))


def assert_valid_atom(content, url):
    schema = atom_schema()
    assert schema.validate(etree.fromstring(content)), f"{url}: {schema.error_log.last_error}"


def assert_json_feed_1_1(feed, url):
    """What https://www.jsonfeed.org/version/1.1/ requires of a feed and its items."""
    assert feed["version"] == "https://jsonfeed.org/version/1.1", url
    assert isinstance(feed["title"], str), url
    for member in ("home_page_url", "feed_url", "next_url"):
        assert feed.get(member, "https://").startswith("https://"), (url, member)
    for item in feed["items"]:
        assert isinstance(item["id"], str), url
        assert isinstance(item.get("content_html") or item.get("content_text"), str), url
        for member in ("date_published", "date_modified"):
            assert dt.datetime.fromisoformat(item[member]).tzinfo is not None, (url, member)
        assert all(isinstance(tag, str) for tag in item.get("tags", [])), url


def feed_urls(folders, names, queries=("", "?full=1")):
    return [folder + name + query for folder in folders for name in names for query in queries]


def test_the_schema_rejects_an_atom_feed_without_an_id():
    feed = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><updated>2026-01-01T00:00:00Z</updated></feed>'
    assert not atom_schema().validate(etree.fromstring(feed))


def test_paged_feeds_with_a_hub_and_hostile_input_stay_valid(client, make_post, settings):
    settings.FEED_ITEM_LIMIT = 1
    settings.WEBSUB_HUB_URL = "https://hub.example.org/"
    for title in ("Bell\x07 <b>and</b> \ufffe", "Quotes \" ' & ]]> end", "中文 $x^2$"):
        make_post(title=title, body=f"{title}\n\n<script>x</script> \x1b[31m", tags=["Topic"])
    for url in feed_urls(["/en/tags/topic/"], ["atom.xml"], ("", "?page=2", "?full=1&page=3")):
        assert_valid_atom(client.get(url).content, url)
    for url in feed_urls(["/en/tags/topic/"], ["index.xml"], ("", "?page=2", "?full=1&page=3")):
        assert not feedparser.parse(client.get(url).content).bozo, url
    assert_json_feed_1_1(json.loads(client.get("/en/tags/topic/feed.json").content), "json")
