"""Full text in RSS: off by default, on by setting, and always at ``?full=1``."""

import xml.etree.ElementTree as ET

import feedparser
import pytest

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
FEED = "/en/tags/topic/index.xml"


@pytest.fixture
def post(make_post):
    return make_post(
        slug="full",
        tags=["Topic"],
        body=(
            "The summary.\n\n<!--more-->\n\n"
            "Then $e^{i\\pi} + 1 = 0$ and\n\n$$\\int_0^1 x\\,dx$$\n\n"
            "A [sibling](../other/), a [section](/en/standalone/) and ![a figure](diagram.png)."
        ),
    )


def first_item(response):
    assert response.status_code == 200
    return ET.fromstring(response.content).find("channel/item")


def test_items_carry_only_the_summary_by_default(client, post):
    item = first_item(client.get(FEED))
    assert item.find(CONTENT) is None
    assert "The summary." in item.findtext("description")


def test_the_setting_puts_the_whole_post_in_content_encoded(client, post, settings):
    settings.FEED_FULL_TEXT = True
    item = first_item(client.get(FEED))
    assert "The summary." in item.findtext("description")
    assert "Then " in item.findtext(CONTENT)


def test_full_1_asks_for_the_whole_post_whatever_the_setting(client, post):
    assert "Then " in first_item(client.get(FEED + "?full=1")).findtext(CONTENT)


def test_full_text_keeps_the_math_as_tex_in_its_spans(client, post):
    content = first_item(client.get(FEED + "?full=1")).findtext(CONTENT)
    assert '<span class="math-inline">$e^{i\\pi} + 1 = 0$</span>' in content
    assert '<span class="math-block">$$\\int_0^1 x\\,dx$$</span>' in content


def test_full_text_has_only_absolute_urls(client, post):
    content = first_item(client.get(FEED + "?full=1")).findtext(CONTENT)
    assert 'href="https://www.chenk.top/en/standalone/other/"' in content
    assert 'href="https://www.chenk.top/en/standalone/"' in content
    assert 'src="https://www.chenk.top/en/standalone/full/diagram.png"' in content


def test_the_full_text_variant_names_itself_as_self(client, post):
    channel = ET.fromstring(client.get(FEED + "?full=1").content).find("channel")
    assert (
        channel.find(ATOM_LINK).get("href")
        == "https://www.chenk.top/en/tags/topic/index.xml?full=1"
    )


def test_feedparser_reads_the_full_text(client, post):
    parsed = feedparser.parse(client.get(FEED + "?full=1").content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert "Then " in parsed.entries[0].content[0].value


def test_the_full_text_variant_answers_conditional_requests(client, post):
    first = client.get(FEED + "?full=1")
    assert client.get(FEED + "?full=1", headers={"if-none-match": first["ETag"]}).status_code == 304


def test_turning_full_text_on_changes_the_etag(client, post, settings):
    before = client.get(FEED)["ETag"]
    settings.FEED_FULL_TEXT = True
    response = client.get(FEED, headers={"if-none-match": before})
    assert response.status_code == 200
    assert response["ETag"] != before
    assert "Then " in feedparser.parse(response.content).entries[0].content[0].value


@pytest.mark.parametrize("value", ["", "0", "yes", "1x"])
def test_any_other_full_value_is_a_bad_request(client, post, value):
    assert client.get(f"{FEED}?full={value}").status_code == 400
