"""``export_hugo`` loses nothing a reader sees: the real site imported, exported,
and its export imported into an emptied database serves every page and feed byte
for byte as before, tag order included.

The import, export, second import and both walks of the site happen once for the
module (in a transaction rolled back after it); the tests compare their results.
"""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings

from blog.hugo.exporter import HugoExporter
from blog.hugo.importer import HugoImporter

from .conftest import HUGO_SITE, shared_path
from .test_export_hugo import wipe

LINK = re.compile(r'href="(/[^"#?]*)"')
pytestmark = pytest.mark.django_db  # the module's fixture needs the test database set up

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


def read_site(client, starts=("/en/", "/zh/", "/sitemap.xml")):
    """Every page and feed reachable by links from ``starts``: its status, content
    type and bytes, by path (static and media files and the admin aside)."""
    cache.clear()
    site, queue = {}, list(starts)
    while queue:
        path = queue.pop()
        if path in site:
            continue
        response = client.get(path)
        kind = response.get("Content-Type", "")
        site[path] = (response.status_code, kind, response.content)
        if kind.startswith("text/html"):
            for link in LINK.findall(response.content.decode()):
                if not link.startswith(("/static/", "/admin/", "/media/", "/math/")):
                    queue.append(unquote(link))
    return site


@pytest.fixture(scope="module")
def both_sites(django_db_setup, django_db_blocker, tmp_path_factory):
    """The site as served from the real sources, then from their export."""
    sources = shared_path(HUGO_SITE)
    folder = tmp_path_factory.mktemp("round-trip")
    client = Client()
    with (
        override_settings(
            MEDIA_ROOT=folder / "media",
            PAGE_CACHE_ENABLED=False,
            SITE_URL="https://www.chenk.top",
            SITE_TITLE="Chen Kai Blog",
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        assert HugoImporter(sources).run().failed == []
        before = read_site(client)
        HugoExporter(folder / "export").run()
        wipe()
        assert HugoImporter(folder / "export").run().failed == []
        after = read_site(client)
        transaction.set_rollback(True)
    cache.clear()
    return before, after


def differing(before, after, kinds):
    """The paths of these kinds served differently (or only once) by the two sites."""
    paths = {
        path
        for site in (before, after)
        for path, (_status, kind, _body) in site.items()
        if kind.startswith(kinds)
    }
    return sorted(path for path in paths if before.get(path) != after.get(path))


def test_the_walk_reaches_every_kind_of_page_and_feed(both_sites):
    before, _after = both_sites
    kinds = {kind.split(";")[0] for _status, kind, _body in before.values()}
    assert {"text/html", *FEED_TYPES} <= kinds
    assert "/zh/tags/xgboost/index.xml" in before
    assert sum(kind.startswith("text/html") for _s, kind, _b in before.values()) > 100


# The zh XGBoost post's front matter: tags made by earlier posts come last.
XGBOOST_TAGS = [
    "Gradient Boosting",
    "XGBoost",
    "LightGBM",
    "Regularization",
    "Histogram Algorithm",
    "Mathematical Derivations",
    "Machine Learning",
]


def xgboost_page(site):
    return next(
        body.decode()
        for path, (_status, _kind, body) in site.items()
        if path.startswith("/zh/ml-math-derivations/12-") and path.endswith("/")
    )


def test_a_posts_keywords_keep_its_front_matter_order(both_sites):
    before, _after = both_sites
    data = re.search(r'type="application/ld\+json">(.*?)</script>', xgboost_page(before), re.S)
    assert json.loads(data[1])["keywords"] == XGBOOST_TAGS


def test_a_feed_items_categories_keep_its_front_matter_order(both_sites):
    before, _after = both_sites
    channel = ET.fromstring(before["/zh/tags/xgboost/index.xml"][2]).find("channel")
    assert [c.text for c in channel.find("item").findall("category")] == XGBOOST_TAGS


def test_every_page_reads_the_same_after_the_round_trip(both_sites):
    assert differing(*both_sites, ("text/html",)) == []


def test_every_feed_reads_the_same_after_the_round_trip(both_sites):
    assert differing(*both_sites, FEED_TYPES) == []


def test_everything_else_reads_the_same_after_the_round_trip(both_sites):
    before, after = both_sites
    assert sorted(after) == sorted(before)
    assert differing(before, after, ("",)) == []
