"""The page cache: whole public pages and feeds, kept compressed, retired by any
change to the content — including a scheduled post's time coming."""

import datetime as dt
import gzip
import threading

import brotli
import pytest
import reversion
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Version

from blog.models import Post
from pagecache.deployment import deployment_fingerprint
from pagecache.entries import Entry
from pagecache.middleware import PageCacheMiddleware
from pagecache.models import ContentGeneration
from pagecache.policy import make_public
from pagecache.store import Claim, ProcessEntries


@pytest.fixture
def cached(settings, django_capture_on_commit_callbacks):
    """The page cache on, changes committed as they would be outside a test."""
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_CHECK = 0

    def change(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return change


def queries(client, path, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers=headers)
    return response, len(captured)


def test_a_second_request_is_answered_from_the_cache(client, make_post, cached):
    cached(lambda: make_post(slug="p", title="Kept"))
    first, _ = queries(client, "/en/standalone/p/")
    again, count = queries(client, "/en/standalone/p/")
    assert again.content == first.content
    assert count <= 1  # at most the generation check


def test_an_edit_is_seen_at_once(client, make_post, cached):
    post = cached(lambda: make_post(slug="p", title="Before"))
    assert "Before" in client.get("/en/standalone/p/").content.decode()
    post.title = "After"
    cached(post.save)
    assert "After" in client.get("/en/standalone/p/").content.decode()


def test_a_tag_change_reaches_the_tag_page_and_feed(client, make_post, cached):
    post = cached(lambda: make_post(slug="p", title="Tagged", tags=["Old"]))
    assert client.get("/en/tags/old/").status_code == 200
    cached(lambda: post.tags.set(["New"]))
    assert client.get("/en/tags/old/").status_code == 404
    assert "Tagged" in client.get("/en/tags/new/index.xml").content.decode()


def test_a_scheduled_post_appears_when_its_time_comes(
    client, make_post, cached, tomorrow, monkeypatch
):
    cached(lambda: make_post(slug="now", title="Now"))
    cached(lambda: make_post(slug="soon", title="Soon", published_at=tomorrow))
    assert "Soon" not in client.get("/en/").content.decode()
    monkeypatch.setattr(timezone, "now", lambda: tomorrow + dt.timedelta(seconds=1))
    assert "Soon" in client.get("/en/").content.decode()


def test_an_expiring_post_disappears_when_its_time_comes(
    client, make_post, cached, tomorrow, monkeypatch
):
    cached(lambda: make_post(slug="brief", title="Brief", expires_at=tomorrow))
    assert "Brief" in client.get("/en/").content.decode()
    monkeypatch.setattr(timezone, "now", lambda: tomorrow + dt.timedelta(seconds=1))
    assert "Brief" not in client.get("/en/").content.decode()


def test_pages_carry_an_etag_and_answer_304_from_the_cache(client, make_post, cached):
    cached(lambda: make_post(slug="p"))
    etag = client.get("/en/standalone/p/")["ETag"]
    again, count = queries(client, "/en/standalone/p/", if_none_match=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert count <= 1


def test_feeds_answer_304_from_the_cache(client, make_post, cached):
    cached(lambda: make_post(tags=["T"]))
    etag = client.get("/en/tags/t/index.xml")["ETag"]
    again, count = queries(client, "/en/tags/t/index.xml", if_none_match=etag)
    assert again.status_code == 304
    assert count <= 1


def test_pages_tell_shared_caches_how_long_to_keep_them(client, make_post, settings):
    make_post(slug="p")
    cache_control = client.get("/en/standalone/p/")["Cache-Control"]
    assert "public" in cache_control
    assert f"s-maxage={settings.PAGE_MAX_AGE}" in cache_control
    assert f"stale-while-revalidate={settings.STALE_WHILE_REVALIDATE}" in cache_control


def test_feeds_tell_shared_caches_how_long_to_keep_them(client, make_post, settings):
    make_post(tags=["T"])
    cache_control = client.get("/en/tags/t/index.xml")["Cache-Control"]
    assert f"s-maxage={settings.FEED_MAX_AGE}" in cache_control
    assert "stale-while-revalidate" in cache_control


def test_a_raw_save_retires_kept_pages(client, make_post, cached):
    """A raw save (django-reversion's ``revert()``, ``loaddata``) skips ``Post.save()``
    but changes what readers see all the same."""

    def draft_with_a_version():
        with reversion.create_revision():
            return make_post(slug="p", status=Post.Status.DRAFT)

    post = cached(draft_with_a_version)
    post.status = Post.Status.PUBLISHED
    cached(post.save)
    assert client.get("/en/standalone/p/").status_code == 200
    cached(Version.objects.get_for_object(post).get().revert)
    assert client.get("/en/standalone/p/").status_code == 404


def test_a_restore_in_the_admin_is_seen_at_once(admin_client, client, make_post, cached):
    def post_with_a_version():
        with reversion.create_revision():
            return make_post(slug="p", body="The first words.")

    post = cached(post_with_a_version)
    post.body = "The second words."
    cached(post.save)
    assert "second words" in client.get("/en/standalone/p/").content.decode()
    first = Version.objects.get_for_object(post).get()
    url = f"/admin/blog/post/{post.pk}/history/{first.pk}/restore/"
    cached(lambda: admin_client.post(url, {"version": post.saved_at.isoformat()}))
    assert "first words" in client.get("/en/standalone/p/").content.decode()


def test_a_post_deleted_in_the_admin_is_gone_at_once(admin_client, client, make_post, cached):
    post = cached(lambda: make_post(slug="p", tags=["T"]))
    assert client.get("/en/tags/t/").status_code == 200
    cached(lambda: admin_client.post(f"/admin/blog/post/{post.pk}/delete/", {"post": "yes"}))
    assert client.get("/en/standalone/p/").status_code == 404
    assert client.get("/en/tags/t/").status_code == 404


def test_a_revoked_share_link_stops_at_once(admin_client, client, make_post, cached):
    from blog.sharing import share_url

    draft = cached(lambda: make_post(slug="d", status=Post.Status.DRAFT))
    link = share_url(draft).removeprefix("https://www.chenk.top")
    assert client.get(link).status_code == 200
    action = {"action": "revoke_share_links", "_selected_action": [draft.pk]}
    cached(lambda: admin_client.post("/admin/blog/post/", action))
    assert client.get(link).status_code == 404


def test_a_shared_draft_is_private_and_never_kept(client, make_post, cached):
    from blog.sharing import share_url

    draft = cached(lambda: make_post(slug="d", title="First", status=Post.Status.DRAFT))
    link = share_url(draft).removeprefix("https://www.chenk.top")
    assert "no-store" in client.get(link)["Cache-Control"]
    Post.objects.filter(pk=draft.pk).update(title="Second")  # no signal: nothing retired
    assert "Second" in client.get(link).content.decode()


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("br, gzip", "br"),
        ("gzip", "gzip"),
        ("", None),
        ("br;q=0, gzip;q=0, identity", None),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0.5, gzip;q=0.8", "gzip"),
        ("GZIP;q=1, br;q=0.001", "gzip"),
        ("*", "br"),
        ("br;q=0, *", "gzip"),
        ("gzip;q=0, *;q=0.5", "br"),
        ("identity;q=0", None),  # nothing else acceptable: identity all the same, no 406
        ("*;q=0", None),
    ],
)
def test_bodies_come_compressed_as_the_client_accepts(client, make_post, cached, accept, encoding):
    cached(lambda: make_post(slug="p", body="Words. " * 300))
    plain = client.get("/en/standalone/p/").content
    response = client.get("/en/standalone/p/", headers={"accept-encoding": accept})
    assert response.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response["Vary"]
    body = response.content
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding](body)
    assert decoded == plain


@pytest.mark.parametrize("accept", ["br", "br;q=0, gzip;q=0, identity", "identity;q=0"])
def test_a_304_from_the_cache_names_no_coding_whatever_the_client_accepts(
    client, make_post, cached, accept
):
    cached(lambda: make_post(slug="p", body="Words. " * 300))
    etag = client.get("/en/standalone/p/", headers={"accept-encoding": "br"})["ETag"]
    headers = {"accept-encoding": accept, "if-none-match": etag}
    again = client.get("/en/standalone/p/", headers=headers)
    assert again.status_code == 304
    assert "Content-Encoding" not in again
    assert "Accept-Encoding" in again["Vary"]


def test_head_is_answered_from_the_cache_without_a_body(client, make_post, cached):
    cached(lambda: make_post(slug="p"))
    client.get("/en/standalone/p/")
    response = client.head("/en/standalone/p/")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"]


def test_not_found_pages_are_not_kept(client, make_post, cached):
    client.get("/en/standalone/later/")
    cached(lambda: make_post(slug="later"))
    assert client.get("/en/standalone/later/").status_code == 200


def test_the_admin_is_never_kept(admin_client, cached):
    first = admin_client.get("/admin/")
    assert "public" not in first.get("Cache-Control", "")
    admin_client.logout()
    assert admin_client.get("/admin/").status_code == 302


def test_readers_announcing_subscribers_reach_the_feed_view(client, make_post, cached):
    from feeds.models import ReaderCount

    cached(lambda: make_post(tags=["T"]))
    client.get("/en/tags/t/index.xml")
    agent = "Feedbin feed-id:1 - 17 subscribers"
    client.get("/en/tags/t/index.xml", headers={"user-agent": agent})
    assert ReaderCount.objects.get().subscribers == 17


def test_unknown_query_parameters_share_the_pages_entry(client, make_post, cached):
    cached(lambda: make_post(slug="p", title="Kept"))
    first, _ = queries(client, "/en/standalone/p/")
    again, count = queries(client, "/en/standalone/p/?utm_source=x&fbclid=1")
    assert again.content == first.content
    assert count <= 1  # at most the generation check


def test_the_parameters_a_view_reads_are_kept_apart_and_in_any_order(
    client, make_post, cached, settings
):
    settings.FEED_ITEM_LIMIT = 1
    cached(lambda: [make_post(title=f"Item {n}", tags=["T"]) for n in (1, 2)])
    feed = "/en/tags/t/index.xml"
    first = client.get(feed).content
    second = client.get(f"{feed}?page=2&utm_source=x").content
    full = client.get(f"{feed}?full=1").content
    assert len({first, second, full}) == 3
    again, count = queries(client, f"{feed}?utm_source=y&page=2")
    assert again.content == second
    assert count <= 1


@pytest.fixture
def file_tier(settings, tmp_path):
    """The shared tier as one box has it: files, here in a folder of the test's own."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tmp_path,
        },
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    return tmp_path


def test_twenty_thousand_junk_query_strings_add_nothing_to_the_cache(rf, generations, file_tier):
    builds = []

    def post_page(request):
        builds.append(request.GET.dict())
        return make_public(HttpResponse("a post"))

    middleware = PageCacheMiddleware(post_page)
    middleware(rf.get("/en/standalone/p/"))
    files = sorted(file_tier.iterdir())
    for n in range(20_000):
        assert middleware(rf.get(f"/en/standalone/p/?utm_x={n}")).content == b"a post"
    assert sorted(file_tier.iterdir()) == files
    assert len(middleware.store.process.entries) == 1
    assert builds == [{}]


def test_search_answers_are_not_kept(client, make_post, cached):
    post = cached(lambda: make_post(slug="p", title="Lattice"))
    client.get("/en/search/?q=lattice")
    Post.objects.filter(pk=post.pk).update(title="Lattice revised")  # no signal: nothing retired
    assert "Lattice revised" in client.get("/en/search/?q=lattice").content.decode()


def test_a_page_number_spelt_otherwise_is_answered_but_not_kept(client, make_post, cached):
    cached(lambda: make_post(tags=["T"]))
    client.get("/en/tags/t/index.xml?page=01")
    again, count = queries(client, "/en/tags/t/index.xml?page=01")
    assert again.status_code == 200
    assert count > 1


def test_a_series_asked_for_a_page_number_leads_to_the_series(client, make_post, make_series):
    series = make_series(slug="s")
    make_post(section="s", series=series, series_order=1)
    response = client.get("/en/s/?page=7")
    assert response.status_code == 301
    assert response["Location"] == "/en/s/"


def test_a_rebuilt_page_retires_its_previous_entry_from_the_shared_tier(
    client, make_post, cached, file_tier
):
    post = cached(lambda: make_post(slug="p", title="First"))
    for title in ("Second", "Third"):
        client.get("/en/standalone/p/")
        before = set(file_tier.iterdir())
        post.title = title
        cached(post.save)
    client.get("/en/standalone/p/")
    after = set(file_tier.iterdir())
    assert len(after - before) == len(before - after) == 1  # one entry for another


def test_different_hosts_do_not_share_entries(client, make_post, cached, settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    cached(lambda: make_post(slug="p"))
    client.get("/en/standalone/p/", HTTP_HOST="a.example")
    _, count = queries(client, "/en/standalone/p/", host="b.example")
    assert count > 1


def test_a_transaction_of_many_changes_advances_the_generation_once(make_post, cached):
    cached(lambda: ContentGeneration.objects.get_or_create(pk=1))
    before = ContentGeneration.objects.get().number
    cached(lambda: [make_post(tags=["A", "B"]) for _ in range(5)])
    assert ContentGeneration.objects.get().number == before + 1


def entry_of(body):
    return Entry.of(make_public(HttpResponse(body, content_type="text/plain")))


def test_each_process_keeps_only_its_most_recently_used_entries_within_its_budget():
    process = ProcessEntries(budget=12)
    for key in "abc":
        process.put(key, 1, entry_of(b"1234"))
    process.get("a")
    process.put("d", 1, entry_of(b"1234"))
    assert [key for key in "abcd" if process.get(key)] == ["a", "c", "d"]


def test_a_body_is_compressed_only_for_the_encodings_asked_for(rf):
    entry = entry_of(b"compress me " * 100)
    entry.answer(rf.get("/", headers={"Accept-Encoding": "gzip"}))
    assert set(entry.variants) == {"gzip"}


# Seconds a test waits for its threads to reach a point: generous, as a box running
# other suites can hold a thread off for seconds; reaching it ends the wait.
THREAD_WAIT = 60


class SlowPage:
    """A view whose second build waits until the test lets it finish."""

    def __init__(self):
        self.builds = 0
        self.building = threading.Event()
        self.finish = threading.Event()

    def __call__(self, request):
        self.builds += 1
        number = self.builds
        if number == 2:
            self.building.set()
            self.finish.wait(THREAD_WAIT)
        return make_public(HttpResponse(f"build {number}"))


@pytest.fixture
def generations(settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = True
    generation = {"number": 1}
    monkeypatch.setattr("pagecache.middleware.current_generation", lambda: generation["number"])
    return generation


def rebuild_in_background(middleware, rf, page):
    answers = []
    thread = threading.Thread(target=lambda: answers.append(middleware(rf.get("/p/"))))
    thread.start()
    assert page.building.wait(THREAD_WAIT)
    return thread, answers


def test_while_a_page_is_rebuilt_other_readers_get_its_previous_answer(rf, generations):
    page = SlowPage()
    middleware = PageCacheMiddleware(page)
    middleware(rf.get("/p/"))
    generations["number"] = 2
    thread, rebuilt = rebuild_in_background(middleware, rf, page)
    meanwhile = middleware(rf.get("/p/"))
    page.finish.set()
    thread.join()
    after = middleware(rf.get("/p/"))
    assert [meanwhile.content, rebuilt[0].content, after.content] == [
        b"build 1",
        b"build 2",
        b"build 2",
    ]
    assert page.builds == 2


def test_readers_of_a_page_never_built_wait_for_its_one_build(rf, generations, monkeypatch):
    page = SlowPage()
    page.builds = 1  # the first build is the slow one
    middleware = PageCacheMiddleware(page)
    thread, built = rebuild_in_background(middleware, rf, page)
    reached, wait_for_the_build = threading.Event(), Claim.wait

    def wait(claim, ready):
        reached.set()
        wait_for_the_build(claim, ready)

    monkeypatch.setattr(Claim, "wait", wait)
    waiting = []
    reader = threading.Thread(target=lambda: waiting.append(middleware(rf.get("/p/"))))
    reader.start()
    assert reached.wait(THREAD_WAIT)  # the reader found the build running and waits on it
    page.finish.set()
    thread.join()
    reader.join()
    assert built[0].content == waiting[0].content == b"build 2"
    assert page.builds == 2


def test_with_a_shared_cache_a_response_built_once_serves_every_process(
    make_post, cached, settings
):
    settings.PAGE_CACHE_ALIAS = "default"
    cached(lambda: make_post(slug="p", title="Shared"))
    built = Client().get("/en/standalone/p/")
    with CaptureQueriesContext(connection) as captured:
        elsewhere = Client().get("/en/standalone/p/")
    assert elsewhere.content == built.content
    assert len(captured) <= 1  # at most the generation check


def test_sites_on_different_databases_keep_their_responses_apart(settings, monkeypatch):
    ours = deployment_fingerprint()
    monkeypatch.setitem(settings.DATABASES["default"], "NAME", "another-blog")
    assert deployment_fingerprint() != ours


def test_a_deployment_with_other_security_headers_keeps_its_responses_apart(settings):
    ours = deployment_fingerprint()
    settings.SECURE_REFERRER_POLICY = "no-referrer"
    assert deployment_fingerprint() != ours
