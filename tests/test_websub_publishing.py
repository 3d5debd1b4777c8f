"""WebSub publishing: a post's change pings the hub once for each feed it changed,
from the task worker, and a hub that is down gets every ping once it is back.

The hub is a fake one on 127.0.0.1; the worker is django-tasks-db's own worker
loop, run in a thread of the test process.
"""

import datetime as dt
import threading
import time
import urllib.error
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.db import connections
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from blog.models import Post
from feeds.websub import announce_post, ping_hub
from tests.admin_forms import post_add_form

SITE = "https://www.chenk.top"
# Seconds to wait for the worker to deliver: generous, as a box running other suites
# can hold the worker thread off for seconds; a delivery that comes ends the wait.
DELIVERY_WAIT = 60


class FakeHub(ThreadingHTTPServer):
    """A hub that records the topic of every ping it takes; it answers the first
    ``failures`` pings with ``status`` instead."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), PingHandler)
        self.failures, self.status = 0, 503
        self.taken, self.turned_away = [], 0
        self.changed = threading.Condition()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_port}/"

    def wait_for(self, count, timeout=DELIVERY_WAIT):
        with self.changed:
            self.changed.wait_for(lambda: len(self.taken) >= count, timeout)
        return sorted(self.taken)


class PingHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        hub = self.server
        with hub.changed:
            if hub.failures:
                hub.failures -= 1
                hub.turned_away += 1
                status = hub.status
            else:
                assert form["hub.mode"] == ["publish"]
                hub.taken.extend(form["hub.url"])
                status = 204
            hub.changed.notify_all()
        self.send_response(status)
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def hub(settings):
    server = FakeHub()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.WEBSUB_HUB_URL = server.url
    settings.WEBSUB_RETRY_DELAY = 0.05
    settings.WEBSUB_RETRY_MAX_DELAY = 0.2
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def start_worker():
    """Starts the database task worker in a thread, polling every 50 ms; returns a
    function that stops it and waits for its last task."""
    workers = []

    def start():
        worker = Worker(
            queue_names=["default"],
            interval=0.05,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        )

        def run():
            try:
                worker.run()
            finally:
                connections.close_all()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        workers.append((worker, thread))

        def stop():
            worker.running = False
            thread.join(timeout=DELIVERY_WAIT)

        return stop

    yield start
    for worker, thread in workers:
        worker.running = False
        thread.join(timeout=DELIVERY_WAIT)


def feeds(*folders):
    """The topics of these channel folders: each format, summaries and full text."""
    return sorted(
        f"{SITE}{folder}{name}{query}"
        for folder in folders
        for name in ("index.xml", "atom.xml", "feed.json")
        for query in ("", "?full=1")
    )


def queued(task):
    """The task's queued runs, due now or later."""
    return DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY)


def queued_pings():
    """The topics of the pings waiting in the queue, which is then emptied."""
    waiting = queued(ping_hub)
    topics = sorted(result.args_kwargs["args"][0] for result in waiting)
    waiting.delete()
    return topics


def queued_announcements():
    return queued(announce_post)


def wait_until_the_queue_is_done():
    """Until no task is waiting or running, so every ping the worker would send is sent."""
    unfinished = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    deadline = time.monotonic() + DELIVERY_WAIT
    while unfinished.exists():
        assert time.monotonic() < deadline, "the worker left tasks unfinished"
        time.sleep(0.05)


@pytest.fixture
def hub_set(settings):
    settings.WEBSUB_HUB_URL = "https://hub.example.org/"


@pytest.fixture
def announced(make_post, make_series, hub_set, django_capture_on_commit_callbacks):
    """A published post in a series, with a tag and a category, already announced: its
    creation committed (what follows a commit ran; after-commit work is queued once
    per transaction), its announcement made."""
    series = make_series(slug="a-series")
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(
            section="a-series", series=series, series_order=1, tags=["Topic"], categories=["Kind"]
        )
    queued_announcements().delete()
    announce_post.call(post.pk)
    queued_pings()
    return post


# Which feeds changed


def test_publishing_a_post_pings_every_feed_it_is_in(make_post, make_series, hub_set):
    series = make_series(slug="a-series")
    post = make_post(section="a-series", series=series, tags=["Topic"], categories=["Kind"])
    announce_post.call(post.pk)
    assert queued_pings() == feeds(
        "/en/",
        "/en/a-series/",
        "/en/series/a-series/",
        "/en/tags/topic/",
        "/en/categories/kind/",
    )


def test_every_topic_is_the_self_link_its_feed_declares(client, make_post, hub_set):
    post = make_post(language="zh", tags=["线性代数"], categories=["机器学习"])
    announce_post.call(post.pk)
    for topic in queued_pings():
        response = client.get(topic.removeprefix(SITE))
        assert response.status_code == 200, topic
        assert f'<{topic}>; rel="self"' in response["Link"], topic


def test_an_edit_to_what_items_show_pings_every_feed_it_was_or_is_in(announced):
    announced.title = "A new title"
    announced.save()
    announced.tags.set(["Other"])
    announce_post.call(announced.pk)
    assert queued_pings() == feeds(
        "/en/",
        "/en/a-series/",
        "/en/series/a-series/",
        "/en/tags/topic/",
        "/en/tags/other/",
        "/en/categories/kind/",
    )


def test_leaving_a_series_pings_only_the_series_feeds(announced):
    announced.series = None
    announced.save()
    announce_post.call(announced.pk)
    assert queued_pings() == feeds("/en/series/a-series/")


def test_saving_without_a_change_pings_nothing(announced):
    announced.save()
    announce_post.call(announced.pk)
    assert queued_pings() == []


def test_a_draft_pings_nothing(make_post, hub_set):
    post = make_post(status=Post.Status.DRAFT, tags=["Topic"])
    announce_post.call(post.pk)
    assert queued_pings() == []


def test_unpublishing_pings_every_feed_the_post_left(announced):
    announced.status = Post.Status.DRAFT
    announced.save()
    announce_post.call(announced.pk)
    assert len(queued_pings()) == 5 * 6


def test_deleting_a_post_pings_every_feed_it_left(announced):
    post_id = announced.pk
    announced.delete()
    announce_post.call(post_id)
    assert len(queued_pings()) == 5 * 6


def test_a_scheduled_post_is_announced_when_its_time_comes(
    make_post, hub_set, tomorrow, monkeypatch
):
    post = make_post(published_at=tomorrow, tags=["Topic"])
    announce_post.call(post.pk)
    assert queued_pings() == []
    (later,) = queued_announcements()
    assert later.run_after == tomorrow
    monkeypatch.setattr(timezone, "now", lambda: tomorrow + dt.timedelta(seconds=1))
    announce_post.call(post.pk)
    assert queued_pings() == feeds("/en/", "/en/standalone/", "/en/tags/topic/")


def test_a_feed_with_a_ping_waiting_gets_no_second_one(make_post, hub_set):
    first = make_post(tags=["Topic"])
    second = make_post(tags=["Other"])
    announce_post.call(first.pk)
    announce_post.call(second.pk)
    pings = queued_pings()
    assert pings == sorted(set(pings))
    assert pings == feeds("/en/", "/en/standalone/", "/en/tags/topic/", "/en/tags/other/")


def test_announcing_again_queues_no_second_check_for_the_same_moment(make_post, hub_set, tomorrow):
    post = make_post(published_at=tomorrow)
    announce_post.call(post.pk)
    announce_post.call(post.pk)
    assert queued_announcements().count() == 1


# When announcements are queued


def test_a_committed_change_queues_its_announcement(
    make_post, hub_set, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(tags=["Topic"])
    assert {result.args_kwargs["args"][0] for result in queued_announcements()} == {post.pk}


def test_a_change_to_the_tags_alone_is_announced(announced, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        announced.tags.add("Another")
    assert queued_announcements().exists()


def test_without_a_hub_nothing_is_queued(make_post, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_post(tags=["Topic"])
    assert not DBTaskResult.objects.exists()


# Pings


def test_a_ping_tells_the_hub_the_topic(db, hub):
    ping_hub.call(f"{SITE}/en/index.xml")
    assert hub.taken == [f"{SITE}/en/index.xml"]


def test_a_hub_that_fails_gets_the_ping_again_later_each_time(db, hub, settings):
    settings.WEBSUB_RETRY_MAX_DELAY = 60
    hub.failures = 1
    before = timezone.now()
    ping_hub.call(f"{SITE}/en/index.xml", attempt=2)
    (retry,) = queued(ping_hub)
    assert retry.args_kwargs["args"] == [f"{SITE}/en/index.xml", 3]
    assert retry.run_after >= before + dt.timedelta(seconds=0.05 * 4)


def test_the_wait_between_tries_stops_growing_at_the_maximum(db, hub):
    hub.failures = 1
    ping_hub.call(f"{SITE}/en/index.xml", attempt=30)
    (retry,) = queued(ping_hub)
    assert retry.run_after <= timezone.now() + dt.timedelta(seconds=0.2)


def test_an_unreachable_hub_gets_the_ping_again_later(db, settings):
    closed = ThreadingHTTPServer(("127.0.0.1", 0), PingHandler)
    settings.WEBSUB_HUB_URL = f"http://127.0.0.1:{closed.server_port}/"
    closed.server_close()
    ping_hub.call(f"{SITE}/en/index.xml")
    assert queued(ping_hub).count() == 1


def test_a_hub_that_refuses_the_ping_is_not_asked_again(db, hub):
    hub.failures, hub.status = 1, 400
    with pytest.raises(urllib.error.HTTPError):
        ping_hub.call(f"{SITE}/en/index.xml")
    assert not DBTaskResult.objects.exists()


# End to end: the admin, the queue, the worker and the hub


def post_in_the_admin(admin_client, **fields):
    form = post_add_form(**{"tags": "Optimization", "categories": "Mathematics", **fields})
    response = admin_client.post("/admin/blog/post/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]


CHANGED_BY_THE_ADMIN_POST = feeds(
    "/en/", "/en/standalone/", "/en/tags/optimization/", "/en/categories/mathematics/"
)


def test_publishing_in_the_admin_pings_each_changed_feed_once_without_waiting(
    transactional_db, admin_client, hub, start_worker
):
    post_in_the_admin(admin_client)
    assert hub.taken == []  # the save only queued its announcement
    assert queued_announcements().exists()
    start_worker()
    assert hub.wait_for(len(CHANGED_BY_THE_ADMIN_POST)) == CHANGED_BY_THE_ADMIN_POST
    wait_until_the_queue_is_done()  # nothing more arrives
    assert len(hub.taken) == len(CHANGED_BY_THE_ADMIN_POST)


def test_a_hub_that_is_down_gets_every_ping_once_it_is_back(
    transactional_db, admin_client, hub, start_worker
):
    hub.failures = 30
    post_in_the_admin(admin_client)
    stop_worker = start_worker()
    assert hub.wait_for(len(CHANGED_BY_THE_ADMIN_POST)) == CHANGED_BY_THE_ADMIN_POST
    assert hub.turned_away == 30
    # Read the tasks once the worker is done writing them: SQLite's shared in-memory
    # test database refuses a read while another connection writes ("schema is locked").
    stop_worker()
    assert not DBTaskResult.objects.failed().exists()
