"""Every vector of the corpus, as the description of an item of an RSS feed."""

import pytest
from django.core.management import call_command
from django.test import Client

from .published import Published
from .sources import rss_feed
from .vectors import VECTORS


@pytest.fixture(scope="module")
def imported_from_feed(module_transaction, tmp_path_factory):
    feed = tmp_path_factory.mktemp("feed") / "index.xml"
    feed.write_bytes(rss_feed())
    call_command("import_feed", str(feed), "--strict", verbosity=0)
    return Published(Client())


@pytest.mark.parametrize("vector", VECTORS, ids=lambda vector: vector.id)
def test_nothing_imported_from_a_feed_can_run(db, imported_from_feed, vector):
    imported_from_feed.assert_inert(vector)
