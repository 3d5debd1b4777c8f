"""The database goes away: readers get a 503 at once, kept pages go on being served,
and everything comes back by itself when the database does."""

import time
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from pagecache.store import BUILD_WAIT

NO_WAIT = BUILD_WAIT / 2  # wall-clock seconds


@contextmanager
def database_away():
    """Every query fails the way it does when the database server is down."""
    refused = OperationalError("connection refused (the database is away)")
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        yield


@pytest.fixture
def reader():
    """A client that gets the error page a reader would, not the exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def cached(settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_CHECK = 0  # look for the database on every request

    def change(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return change


@pytest.mark.parametrize(
    "path", ["/en/standalone/p/", "/en/", "/en/index.xml", "/en/tags/", "/healthz"]
)
def test_a_reader_gets_a_503_at_once(reader, make_post, path):
    """At once: under a second of work (CPU time, which a busy box does not stretch),
    and no wait waited out (wall-clock time under half the page cache's 20 s wait for a
    build underway, and far over what a box running other suites adds to a request)."""
    make_post(slug="p")
    with database_away():
        started, cpu_started = time.monotonic(), time.process_time()
        response = reader.get(path)
        cpu, elapsed = time.process_time() - cpu_started, time.monotonic() - started
    assert response.status_code == 503
    assert cpu < 1
    assert elapsed < NO_WAIT
    assert response["Retry-After"] == "10"
    assert "Back in a moment" in response.content.decode()


def test_kept_pages_go_on_being_served(reader, make_post, cached):
    cached(lambda: make_post(slug="p", title="Still here"))
    kept = reader.get("/en/standalone/p/")
    with database_away():
        during = reader.get("/en/standalone/p/")
        never_kept = reader.get("/en/standalone/other/")
    assert during.status_code == 200
    assert during.content == kept.content
    assert never_kept.status_code == 503


def test_pages_come_back_by_themselves_with_the_database(reader, make_post, cached):
    cached(lambda: make_post(slug="p", title="Back"))
    with database_away():
        assert reader.get("/en/standalone/p/").status_code == 503
    response = reader.get("/en/standalone/p/")
    assert response.status_code == 200
    assert "Back" in response.content.decode()


def test_a_shared_cache_that_fails_only_means_pages_are_built(reader, make_post, cached, settings):
    settings.PAGE_CACHE_ALIAS = "default"
    cached(lambda: make_post(slug="p", title="Built"))
    broken = ConnectionError("the shared cache is down")
    with mock.patch("pagecache.store.caches") as caches:
        caches.__getitem__.return_value.get.side_effect = broken
        caches.__getitem__.return_value.set.side_effect = broken
        response = reader.get("/en/standalone/p/")
    assert response.status_code == 200
    assert "Built" in response.content.decode()
