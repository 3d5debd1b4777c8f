"""Every page advertises its own feeds, in every format, in its ``<head>``."""

import json
from urllib.parse import unquote

import feedparser
import html5lib
import pytest

FORMATS = {
    "index.xml": ("application/rss+xml", ""),
    "atom.xml": ("application/atom+xml", " (Atom)"),
    "feed.json": ("application/feed+json", " (JSON Feed)"),
}


@pytest.fixture
def blog(make_post, make_series):
    series = make_series(slug="a-series", title="A Series")
    make_post(section="a-series", slug="part-1", series=series, series_order=1, tags=["Topic"])
    make_post(categories=["Kind"])
    make_post(language="zh", tags=["线性代数"])


def advertised(client, path):
    """The page's feed links: {href: (type, title)}."""
    response = client.get(path)
    assert response.status_code == 200, path
    document = html5lib.parse(response.content, namespaceHTMLElements=False)
    return {
        unquote(link.get("href")): (link.get("type"), link.get("title"))
        for link in document.find("head").iter("link")
        if link.get("rel") == "alternate"
    }


def feeds_of(folder, title):
    return {
        folder + name: (media_type, title + label) for name, (media_type, label) in FORMATS.items()
    }


@pytest.mark.parametrize(
    ("page", "folder", "title"),
    [
        ("/en/", "/en/", "Chen Kai Blog"),
        ("/zh/", "/zh/", "Chen Kai Blog"),
        ("/en/tags/topic/", "/en/tags/topic/", "Topic on Chen Kai Blog"),
        ("/zh/tags/线性代数/", "/zh/tags/线性代数/", "线性代数 on Chen Kai Blog"),
        ("/en/categories/kind/", "/en/categories/kind/", "Kind on Chen Kai Blog"),
        ("/en/series/a-series/", "/en/series/a-series/", "A Series on Chen Kai Blog"),
        ("/en/standalone/", "/en/standalone/", "Standalones on Chen Kai Blog"),
        ("/en/a-series/part-1/", "/en/a-series/", "A-series on Chen Kai Blog"),
        ("/en/a-series/part-1/", "/en/series/a-series/", "A Series on Chen Kai Blog"),
    ],
)
def test_a_page_advertises_its_own_feed_in_every_format(client, blog, page, folder, title):
    assert feeds_of(folder, title).items() <= advertised(client, page).items()


def test_every_page_advertises_the_site_feed_of_its_language(client, blog):
    assert (
        feeds_of("/zh/", "Chen Kai Blog").items()
        <= advertised(client, "/zh/tags/线性代数/").items()
    )


def test_every_advertised_feed_answers_as_advertised(client, blog):
    """In the advertised format, with the posts it is about."""
    pages = ["/en/", "/en/tags/topic/", "/en/categories/kind/", "/en/a-series/part-1/"]
    feeds = {
        href: link
        for page in pages
        for href, link in advertised(client, page).items()
        if link[0]  # the language versions of a page are alternates too, without a type
    }
    for href, (media_type, _) in feeds.items():
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"].split(";")[0] == media_type, href
        assert items_of(response), href


def items_of(response):
    if response["Content-Type"].startswith("application/feed+json"):
        return json.loads(response.content)["items"]
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed.entries
