"""The corpus written out as the importers read it: a Hugo site and an RSS feed."""

import json
from xml.sax.saxutils import escape

from .published import CONTROL_BODY, CONTROL_SLUG, SECTION
from .vectors import VECTORS

SITE_URL = "https://www.chenk.top"
HUGO_CONFIG = """\
baseURL = "https://www.chenk.top/"
title = "Chen Kai Blog"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true

[languages.en]
  languageCode = "en"
  contentDir = "content/en"
"""


def _posts():
    yield CONTROL_SLUG, CONTROL_BODY, False
    for vector in VECTORS:
        yield vector.slug, vector.source, vector.raw_xml


def write_hugo_site(folder):
    """A Hugo site with one page per vector (the body), its description the vector too."""
    (folder / "hugo.toml").write_text(HUGO_CONFIG)
    content = folder / "content" / "en" / SECTION
    content.mkdir(parents=True)
    for slug, body, _ in _posts():
        front_matter = (
            f"---\ntitle: Vector {slug}\ndate: 2026-01-01 09:00:00\n"
            f"description: {json.dumps(body)}\n---\n"
        )
        (content / f"{slug}.md").write_text(front_matter + body, encoding="utf-8")
    return folder


def rss_feed():
    """An RSS 2.0 document with one item per vector, its description the vector:
    escaped as HTML always is in RSS, or as it is for the feed-only vectors."""
    items = []
    for slug, body, raw_xml in _posts():
        link = f"{SITE_URL}/en/{SECTION}/{slug}/"
        description = body if raw_xml else escape(body)
        items.append(
            f"<item><title>Vector {slug}</title><link>{link}</link><guid>{link}</guid>"
            f"<pubDate>Thu, 01 Jan 2026 09:00:00 +0000</pubDate>"
            f"<description>{description}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>Vectors</title><link>{SITE_URL}/en/</link><description>XSS corpus</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()
