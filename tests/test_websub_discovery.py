"""With WEBSUB_HUB_URL set, every feed declares its hub, as WebSub discovery asks."""

import json
import xml.etree.ElementTree as ET

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
HUB = "https://hub.example.org/"
SELF = "https://www.chenk.top/en/tags/topic/"


@pytest.fixture
def hub(settings, make_post):
    settings.WEBSUB_HUB_URL = HUB
    make_post(tags=["Topic"])


def rss_links(content):
    channel = ET.fromstring(content).find("channel")
    return {link.get("rel"): link.get("href") for link in channel.findall(f"{ATOM}link")}


def test_rss_declares_the_hub_beside_self(client, hub):
    assert rss_links(client.get("/en/tags/topic/index.xml").content) == {
        "self": SELF + "index.xml",
        "hub": HUB,
    }


def test_atom_declares_the_hub(client, hub):
    feed = ET.fromstring(client.get("/en/tags/topic/atom.xml").content)
    assert feed.find(f"{ATOM}link[@rel='hub']").get("href") == HUB


def test_json_feed_lists_the_hub(client, hub):
    feed = json.loads(client.get("/en/tags/topic/feed.json").content)
    assert feed["hubs"] == [{"type": "WebSub", "url": HUB}]


@pytest.mark.parametrize("name", ["index.xml", "atom.xml", "feed.json"])
def test_the_link_header_names_the_hub_and_the_topic(client, hub, name):
    header = client.get(f"/en/tags/topic/{name}")["Link"]
    assert f'<{HUB}>; rel="hub"' in header
    assert f'<{SELF}{name}>; rel="self"' in header


def test_the_full_text_variant_is_its_own_topic(client, hub):
    header = client.get("/en/tags/topic/index.xml?full=1")["Link"]
    assert f'<{SELF}index.xml?full=1>; rel="self"' in header


def test_older_pages_are_not_topics(client, hub, make_post, settings):
    make_post(tags=["Topic"])
    settings.FEED_ITEM_LIMIT = 1
    response = client.get("/en/tags/topic/index.xml?page=2")
    assert "hub" not in rss_links(response.content)
    assert 'rel="hub"' not in response["Link"]


def test_without_a_hub_feeds_declare_none(client, make_post):
    make_post(tags=["Topic"])
    response = client.get("/en/tags/topic/index.xml")
    assert set(rss_links(response.content)) == {"self"}
    assert "Link" not in response
    assert "hubs" not in json.loads(client.get("/en/tags/topic/feed.json").content)


def test_setting_a_hub_changes_the_etag(client, make_post, settings):
    make_post(tags=["Topic"])
    before = client.get("/en/tags/topic/index.xml")["ETag"]
    settings.WEBSUB_HUB_URL = HUB
    response = client.get("/en/tags/topic/index.xml", headers={"if-none-match": before})
    assert response.status_code == 200
    assert response["ETag"] != before
    assert rss_links(response.content)["hub"] == HUB
