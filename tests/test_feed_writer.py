"""The quick XML writer writes the very bytes Django's feed writer does."""

import io
from datetime import UTC, datetime

import pytest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from feeds.generator import AtomFeedWriter, QuickXMLGenerator, RssFeedWriter

WHEN = datetime(2025, 3, 1, 12, 30, tzinfo=UTC)


def feed_of(feed_class):
    feed = feed_class(
        title="Tom & Jerry's <notes>",
        link="https://example.com/",
        description="",
        language="en",
        feed_url="https://example.com/index.xml",
        links={"hub": "https://hub.example/", "next": "https://example.com/?page=2"},
    )
    for number, title in enumerate(["Plain", "", "Quotes \" and ' and ]]>", "数学 ≤ 1"]):
        feed.add_item(
            title=title,
            link=f"https://example.com/p/{number}/",
            unique_id=f"https://example.com/p/{number}/",
            description=f'<p>Summary {number} &amp; <a href="/x?a=1&amp;b=2">more</a></p>',
            content="<p>Whole post</p>" if number % 2 else None,
            pubdate=WHEN,
            updateddate=WHEN,
            categories=["math", "R&D", ""],
        )
    return feed


def django_bytes(feed, django_class):
    buffer = io.StringIO()
    django_class.write(feed, buffer, "utf-8")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("feed_class", "django_class"),
    [(RssFeedWriter, Rss201rev2Feed), (AtomFeedWriter, Atom1Feed)],
)
def test_a_feed_is_written_byte_for_byte_as_django_writes_it(feed_class, django_class):
    feed = feed_of(feed_class)
    assert feed.writeString("utf-8") == django_bytes(feed, django_class)


def test_an_element_with_text_is_written_in_one_piece():
    buffer = io.StringIO()
    handler = QuickXMLGenerator(buffer, "utf-8", short_empty_elements=True)
    handler.startElement("item", {})
    handler.addQuickElement("title", "a < b & c")
    handler.addQuickElement("empty", "")
    handler.addQuickElement("link", None, {"href": "/x"})
    handler.endElement("item")
    assert buffer.getvalue() == (
        '<item><title>a &lt; b &amp; c</title><empty/><link href="/x"/></item>'
    )


def test_text_the_xml_writer_refuses_is_still_refused():
    handler = QuickXMLGenerator(io.StringIO(), "utf-8", short_empty_elements=True)
    with pytest.raises(ValueError):
        handler.addQuickElement("title", "bell \x07")
