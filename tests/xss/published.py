"""Where a vector ends up once saved: the stored HTML, the public page, the feed items.

``Published`` reads the section's feeds once (every format, full text) and then
answers, vector by vector, whether anything executable reached a reader.
"""

import json
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from lxml import etree

from blog.models import Post

from .inert import assert_inert, executable_parts

SECTION = "standalone"
CONTROL_SLUG = "xss-control"
# A harmless post with math, an image and a link: its page shows what the
# template itself brings (its scripts, stylesheets and search form).
CONTROL_BODY = "Control: $x$, ![a](/static/favicon.svg) and [a link](https://example.org/)."
FEEDS = {
    "rss": f"/en/{SECTION}/index.xml?full=1",
    "atom": f"/en/{SECTION}/atom.xml?full=1",
    "json": f"/en/{SECTION}/feed.json?full=1",
}
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"


def _path(url):
    return urlsplit(url).path


def rss_items(document):
    for item in etree.fromstring(document).iter("item"):
        yield item.findtext("link"), [item.findtext("description"), item.findtext(CONTENT_ENCODED)]


def atom_items(document):
    for entry in etree.fromstring(document).iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        yield link, [entry.findtext(f"{ATOM}summary"), entry.findtext(f"{ATOM}content")]


def json_items(document):
    for item in json.loads(document)["items"]:
        yield item["url"], [item.get("summary"), item.get("content_html")]


READERS = {"rss": rss_items, "atom": atom_items, "json": json_items}


class Published:
    def __init__(self, client):
        self.client = client
        self.feed_html = defaultdict(list)  # post path -> [(where, html)]
        for name, path in FEEDS.items():
            response = client.get(path)
            assert response.status_code == 200, path
            for link, parts in READERS[name](response.content):
                self.feed_html[_path(link)] += [(name, html or "") for html in parts]
        control = Post.objects.get(slug=CONTROL_SLUG)
        self.template_parts = Counter(executable_parts(self._page(control)))

    def _page(self, post):
        response = self.client.get(post.get_absolute_url())
        assert response.status_code == 200, post.get_absolute_url()
        return response.content.decode()

    def assert_inert(self, vector):
        """Nothing of ``vector`` can run: not in the stored HTML, not on the post's
        page (beyond what the template itself brings), not in any feed item."""
        post = Post.objects.get(slug=vector.slug)
        for field in (
            "body_html",
            "summary_html",
            "typeset_body_html",
            "typeset_summary_html",
            "toc_html",
        ):
            assert_inert(getattr(post, field), f"{vector.id} {field}")
        added = Counter(executable_parts(self._page(post))) - self.template_parts
        assert not added, f"{vector.id}: the page gained {sorted(added)}"
        items = self.feed_html[post.get_absolute_url()]
        assert {name for name, _ in items} == set(FEEDS), f"{vector.id}: missing from a feed"
        for name, html in items:
            assert_inert(html, f"{vector.id} {name} item")
