"""What follows a change runs once per post per transaction: one admin save sends
``post_save`` and taggit's ``m2m_changed`` for tags and categories (``post_add`` even
for terms the post had), yet the post is reindexed once, announced to the hub once
and the page cache's generation advanced once."""

from types import SimpleNamespace

import pytest

from blog import signals as blog_signals
from blog.models import Post
from feeds import signals as feeds_signals
from pagecache import signals as pagecache_signals
from tests.admin_forms import post_add_form


@pytest.fixture
def followed(admin_client, settings, monkeypatch, django_capture_on_commit_callbacks):
    """The follow-ups run by one admin save of a tagged, categorized post."""
    settings.WEBSUB_HUB_URL = "https://hub.example.org/"
    done = SimpleNamespace(reindexed=[], announced=[], advanced=[])
    monkeypatch.setattr(blog_signals, "index_post", done.reindexed.append)
    monkeypatch.setattr(
        feeds_signals, "announce_post", SimpleNamespace(enqueue=done.announced.append)
    )
    monkeypatch.setattr(pagecache_signals, "advance_generation", lambda: done.advanced.append(True))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/blog/post/add/", post_add_form(tags="one, two", categories="kind")
        )
    done.post = Post.objects.get()
    return done


def test_an_admin_save_reindexes_the_post_once(followed):
    assert followed.reindexed == [followed.post.pk]


def test_an_admin_save_announces_the_post_once(followed):
    assert followed.announced == [followed.post.pk]


def test_an_admin_save_advances_the_generation_once(followed):
    assert followed.advanced == [True]
