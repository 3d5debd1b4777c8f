"""Every feed of the real site, in both languages: the three formats tell the
same story, and each is valid.

The real site's sources are imported once for the module (``real_site_once``);
every test reads a home page, a tag, a category, a series and a section feed in
each language, in RSS, Atom and JSON Feed.
"""

import json

import feedparser
import pytest

from .test_feed_formats import atom, json_feed, rss
from .test_feed_validity import assert_json_feed_1_1, assert_valid_atom, feed_urls


@pytest.fixture
def real_site(db, real_site_once):
    return real_site_once


# A home page, a tag, a category, a series and a section, in each language.
CHANNELS = [
    "/en/",
    "/zh/",
    "/en/tags/machine-learning/",
    "/zh/tags/machine-learning/",
    "/en/categories/machine-learning/",
    "/zh/categories/机器学习/",
    "/en/series/ml-math-derivations/",
    "/zh/series/ml-math-derivations/",
    "/en/pde-ml/",
    "/zh/ml-math-derivations/",
]


def to_the_second(moment):
    """RSS dates (RFC 822) have no fraction of a second."""
    return moment.replace(microsecond=0)


def test_the_three_formats_agree_on_titles_links_ids_dates_and_tags(client, real_site):
    for folder in CHANNELS:
        feeds = rss(client, folder), atom(client, folder), json_feed(client, folder)
        assert len({(feed["title"], feed["link"]) for feed in feeds}) == 1, folder
        ours, theirs, its = (feed["items"] for feed in feeds)
        assert len(ours) == len(theirs) == len(its) > 0, folder
        for item, entry, member in zip(ours, theirs, its, strict=True):
            assert item["id"] == item["link"] == entry["id"] == member["id"], folder
            assert item["link"] == entry["link"] == member["link"], folder
            assert item["title"] == entry["title"] == member["title"], folder
            assert item["published"] == to_the_second(entry["published"]), folder
            assert entry["published"] == member["published"], folder
            assert entry["updated"] == member["updated"], folder
            assert item["tags"] == entry["tags"] == member["tags"], folder


def test_the_three_formats_carry_the_same_summary(client, real_site):
    for folder in CHANNELS:
        ours, theirs, its = rss(client, folder), atom(client, folder), json_feed(client, folder)
        for item, entry, member in zip(ours["items"], theirs["items"], its["items"], strict=True):
            assert item["summary"] == entry["summary"] == member["content"], item["link"]


def test_the_three_formats_carry_the_same_full_text(client, real_site):
    for folder in CHANNELS:
        feeds = [read(client, folder, "?full=1") for read in (rss, atom, json_feed)]
        for item, entry, member in zip(*(feed["items"] for feed in feeds), strict=True):
            assert item["content"] == entry["content"] == member["content"], item["link"]
            assert len(item["content"]) > len(item["summary"]), item["link"]
            assert entry["summary"] == item["summary"], item["link"]


def test_every_atom_feed_is_valid_against_the_rfc_4287_schema(client, real_site):
    for url in feed_urls(CHANNELS, ["atom.xml"]):
        assert_valid_atom(client.get(url).content, url)


def test_feedparser_reads_every_rss_and_atom_feed_without_complaint(client, real_site):
    # feedparser sanitizes every entry's HTML, slowly: full text is read for one
    # channel per language, summaries for all.
    urls = feed_urls(CHANNELS, ["index.xml", "atom.xml"], [""])
    urls += feed_urls(["/zh/", "/en/pde-ml/"], ["index.xml", "atom.xml"], ["?full=1"])
    for url in urls:
        parsed = feedparser.parse(client.get(url).content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        assert parsed.entries, url


def test_every_json_feed_follows_json_feed_1_1(client, real_site):
    for url in feed_urls(CHANNELS, ["feed.json"]):
        assert_json_feed_1_1(json.loads(client.get(url).content), url)
