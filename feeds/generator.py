"""Writers of feed documents: Hugo's RSS 2.0, Atom 1.0 and JSON Feed 1.1."""

import io
import json
from xml.sax.saxutils import escape

from django.utils.feedgenerator import (
    Atom1Feed,
    Rss201rev2Feed,
    SyndicationFeed,
    rfc2822_date,
    rfc3339_date,
)
from django.utils.xmlutils import SimplerXMLGenerator

from blog.rendering import CONTROL_CHARACTERS, strip_control_characters

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def _xml_safe(value):
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, (list, tuple)):
        return [_xml_safe(item) for item in value]
    return value


class ControlCharacterFree:
    """Strips every string a feed receives of the control characters XML 1.0 cannot
    write, so the document is well-formed for any input (and equal across formats)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(_xml_safe, args), **{k: _xml_safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_xml_safe, args), **{k: _xml_safe(v) for k, v in kwargs.items()})


class QuickXMLGenerator(SimplerXMLGenerator):
    """Django's XML writer, with each element of text written in one piece.

    A feed holds several elements of text per item, and the SAX triple of start,
    characters and end per element is a large part of the cost of writing it
    (docs/BENCHMARKS.md). The element is built here, its text escaped as
    ``characters`` would, and handed to ``ignorableWhitespace``, the SAX event
    ``XMLGenerator`` writes as it is given (closing an open start tag first). The bytes
    are the ones SimplerXMLGenerator writes; elements with attributes, with no text or
    with control characters (some of which it refuses) still go through it.
    """

    def addQuickElement(self, name, contents=None, attrs=None):
        if attrs or not contents or CONTROL_CHARACTERS.search(contents):
            super().addQuickElement(name, contents, attrs)
            return
        self.ignorableWhitespace(f"<{name}>{escape(contents)}</{name}>")


class WrittenAtOnce:
    """Writes the document in memory with ``QuickXMLGenerator``, then into the
    response in one piece: the XML writer's thousands of small writes cost more
    against a response. Each format says what its document holds, as Django's
    ``write`` of that format does."""

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        handler = QuickXMLGenerator(buffer, encoding, short_empty_elements=True)
        handler.startDocument()
        self.write_document(handler)
        outfile.write(buffer.getvalue())


class RssFeedWriter(WrittenAtOnce, ControlCharacterFree, Rss201rev2Feed):
    """RSS 2.0 written element for element as the Hugo site writes it, plus each
    item's tags as ``category`` and, for full text, the post in ``content:encoded``."""

    def write_document(self, handler):
        self.add_stylesheets(handler)
        handler.startElement("rss", self.rss_attributes())
        handler.startElement("channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS}

    def add_root_elements(self, handler):
        handler.addQuickElement("title", self.feed["title"])
        handler.addQuickElement("link", self.feed["link"])
        handler.addQuickElement("description", self.feed["description"])
        handler.addQuickElement("generator", "Quire")
        if self.feed["language"]:
            handler.addQuickElement("language", self.feed["language"])
        handler.addQuickElement("lastBuildDate", rfc2822_date(self.latest_post_date()))
        if self.feed["feed_url"]:
            handler.addQuickElement(
                "atom:link",
                None,
                {"href": self.feed["feed_url"], "rel": "self", "type": "application/rss+xml"},
            )
        for rel, href in self.feed["links"].items():
            handler.addQuickElement("atom:link", None, {"href": href, "rel": rel})

    def add_item_elements(self, handler, item):
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", item["link"])
        if item["pubdate"] is not None:
            handler.addQuickElement("pubDate", rfc2822_date(item["pubdate"]))
        if item["unique_id"] is not None:
            handler.addQuickElement("guid", item["unique_id"])
        if item["description"] is not None:
            handler.addQuickElement("description", item["description"])
        if item.get("content") is not None:
            handler.addQuickElement("content:encoded", item["content"])
        for category in item["categories"]:
            handler.addQuickElement("category", category)


class AtomFeedWriter(WrittenAtOnce, ControlCharacterFree, Atom1Feed):
    """Atom 1.0 (RFC 4287): Django's, with the whole post in ``content`` for full text."""

    def write_document(self, handler):
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        for rel, href in self.feed["links"].items():
            handler.addQuickElement("link", "", {"href": href, "rel": rel})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content") is not None:
            handler.addQuickElement("content", item["content"], {"type": "html"})


class JsonFeedWriter(ControlCharacterFree, SyndicationFeed):
    """JSON Feed 1.1 (jsonfeed.org): ``content_html`` is the fullest text the other
    formats carry, the full post when asked for, else the summary."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.document(), ensure_ascii=False))

    def document(self):
        feed = self.feed
        hub = feed["links"].get("hub")
        return _present(
            version=JSON_FEED_VERSION,
            title=feed["title"],
            home_page_url=feed["link"],
            feed_url=feed["feed_url"],
            description=feed["description"],
            language=feed["language"],
            authors=[{"name": feed["author_name"]}] if feed["author_name"] else None,
            next_url=feed["links"].get("next"),
            hubs=[{"type": "WebSub", "url": hub}] if hub else None,
            items=[self.item_document(item) for item in self.items],
        )

    def item_document(self, item):
        return _present(
            id=item["unique_id"],
            url=item["link"],
            title=item["title"],
            content_html=item.get("content") or item["description"],
            date_published=item["pubdate"] and rfc3339_date(item["pubdate"]),
            date_modified=item["updateddate"] and rfc3339_date(item["updateddate"]),
            tags=list(item["categories"]) or None,
        )


def _present(**members):
    """JSON Feed leaves out what a feed or item does not have."""
    return {key: value for key, value in members.items() if value is not None}
