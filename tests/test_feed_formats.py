"""Atom 1.0 and JSON Feed 1.1 beside every RSS feed (the real site's feeds are
compared across the formats in ``test_feeds_real_site``)."""

import datetime as dt
import json
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import feedparser
import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def rss(client, folder, query=""):
    channel = ET.fromstring(fetch(client, f"{folder}index.xml{query}").content).find("channel")
    return {
        "title": channel.findtext("title"),
        "link": channel.findtext("link"),
        "items": [
            {
                "id": item.findtext("guid"),
                "link": item.findtext("link"),
                "title": item.findtext("title"),
                "published": parsedate_to_datetime(item.findtext("pubDate")),
                "summary": item.findtext("description"),
                "content": item.findtext(CONTENT) or item.findtext("description"),
                "tags": [category.text for category in item.findall("category")],
            }
            for item in channel.findall("item")
        ],
    }


def atom(client, folder, query=""):
    feed = ET.fromstring(fetch(client, f"{folder}atom.xml{query}").content)
    return {
        "title": feed.findtext(f"{ATOM}title"),
        "link": feed.find(f"{ATOM}link[@rel='alternate']").get("href"),
        "items": [
            {
                "id": entry.findtext(f"{ATOM}id"),
                "link": entry.find(f"{ATOM}link[@rel='alternate']").get("href"),
                "title": entry.findtext(f"{ATOM}title"),
                "published": dt.datetime.fromisoformat(entry.findtext(f"{ATOM}published")),
                "updated": dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")),
                "summary": entry.findtext(f"{ATOM}summary"),
                "content": entry.findtext(f"{ATOM}content") or entry.findtext(f"{ATOM}summary"),
                "tags": [category.get("term") for category in entry.findall(f"{ATOM}category")],
            }
            for entry in feed.findall(f"{ATOM}entry")
        ],
    }


def json_feed(client, folder, query=""):
    feed = json.loads(fetch(client, f"{folder}feed.json{query}").content)
    return {
        "title": feed["title"],
        "link": feed["home_page_url"],
        "items": [
            {
                "id": item["id"],
                "link": item["url"],
                "title": item["title"],
                "published": dt.datetime.fromisoformat(item["date_published"]),
                "updated": dt.datetime.fromisoformat(item["date_modified"]),
                "content": item["content_html"],
                "tags": item.get("tags", []),
            }
            for item in feed["items"]
        ],
    }


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("index.xml", "application/rss+xml"),
        ("atom.xml", "application/atom+xml"),
        ("feed.json", "application/feed+json"),
    ],
)
def test_every_channel_is_served_in_every_format(client, make_post, make_series, name, media_type):
    series = make_series(slug="a-series")
    make_post(section="a-series", series=series, tags=["Topic"], categories=["Kind"])
    for folder in (
        "/en/",
        "/en/a-series/",
        "/en/series/a-series/",
        "/en/tags/topic/",
        "/en/categories/kind/",
        "/tags/topic/",
    ):
        response = client.get(folder + name)
        assert response.status_code == 200, folder + name
        assert response["Content-Type"] == f"{media_type}; charset=utf-8", folder + name


def test_ids_are_the_permalinks_of_the_posts_and_pages(client, make_post):
    make_post(slug="a-post", tags=["Topic"])
    feed = ET.fromstring(client.get("/en/tags/topic/atom.xml").content)
    assert feed.findtext(f"{ATOM}id") == "https://www.chenk.top/en/tags/topic/"
    assert feed.findtext(f"{ATOM}entry/{ATOM}id") == "https://www.chenk.top/en/standalone/a-post/"
    member = json.loads(client.get("/en/tags/topic/feed.json").content)
    assert member["items"][0]["id"] == "https://www.chenk.top/en/standalone/a-post/"


def test_each_format_names_itself_as_self(client, make_post):
    make_post(tags=["Topic"])
    feed = ET.fromstring(client.get("/en/tags/topic/atom.xml").content)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == (
        "https://www.chenk.top/en/tags/topic/atom.xml"
    )
    member = json.loads(client.get("/tags/topic/feed.json").content)
    assert member["feed_url"] == "https://www.chenk.top/en/tags/topic/feed.json"


def test_atom_names_the_site_as_author_and_its_description_as_subtitle(client, make_post):
    make_post()
    feed = ET.fromstring(client.get("/en/atom.xml").content)
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Chen Kai Blog"
    assert feed.findtext(f"{ATOM}subtitle") == "Recent content on Chen Kai Blog"


def test_feedparser_reads_the_atom_feed_without_complaint(client, make_post):
    make_post(tags=["Topic"], body="Some $x^2$ math.")
    parsed = feedparser.parse(client.get("/en/tags/topic/atom.xml?full=1").content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.entries[0].tags[0].term == "Topic"


def test_the_json_feed_has_what_json_feed_1_1_requires(client, make_post):
    make_post(tags=["Topic"], language="zh", title="中文")
    feed = json.loads(client.get("/zh/tags/topic/feed.json").content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["language"] == "zh-CN"
    assert feed["authors"] == [{"name": "Chen Kai Blog"}]
    (item,) = feed["items"]
    assert item["title"] == "中文"
    assert isinstance(item["id"], str)
    assert item["content_html"]


@pytest.mark.parametrize("name", ["atom.xml", "feed.json"])
def test_atom_and_json_answer_conditional_requests_and_head(client, make_post, name):
    make_post(tags=["Topic"])
    first = client.get(f"/en/tags/topic/{name}")
    assert first["Last-Modified"]
    assert (
        client.get(f"/en/tags/topic/{name}", headers={"if-none-match": first["ETag"]}).status_code
        == 304
    )
    head = client.head(f"/en/tags/topic/{name}")
    assert head.status_code == 200
    assert head.content == b""


@pytest.mark.parametrize("name", ["atom.xml", "feed.json"])
def test_an_unknown_term_has_no_atom_or_json_feed(client, db, name):
    assert client.get(f"/en/tags/no-such-tag/{name}").status_code == 404


def test_the_json_feed_is_valid_whatever_the_input(client, make_post):
    make_post(title="Bell\x07 and \ufffe", tags=["Topic"])
    assert json.loads(client.get("/en/tags/topic/feed.json").content)["items"][0]["title"] == (
        "Bell and"
    )
