"""When a post appears or goes by itself, worked out once (``Post.visibility``) for the
admin's state column, the WebSub re-check and the page cache's schedule."""

import datetime as dt

from blog.models import Post
from pagecache.generation import next_scheduled_change


def test_a_scheduled_post_is_next_seen_at_its_date(make_post, tomorrow):
    post = make_post(published_at=tomorrow)
    assert post.visibility() == ("scheduled", tomorrow)


def test_an_embargoed_post_is_next_seen_when_its_embargo_ends(make_post, tomorrow):
    post = make_post(embargoed_until=tomorrow)
    assert post.visibility() == ("embargoed", tomorrow)


def test_an_expiring_post_is_public_until_its_expiry(make_post, tomorrow):
    post = make_post(expires_at=tomorrow)
    assert post.visibility() == ("published", tomorrow)


def test_an_expired_post_changes_no_more(make_post, now):
    post = make_post(expires_at=now - dt.timedelta(hours=1))
    assert post.visibility() == ("expired", None)


def test_a_draft_changes_by_no_date(make_post, tomorrow):
    post = make_post(status=Post.Status.DRAFT, published_at=tomorrow)
    assert post.visibility() == ("draft", None)


def test_the_posts_next_change_is_the_nearest_of_any_post(make_post, tomorrow):
    make_post(published_at=tomorrow)
    make_post(embargoed_until=tomorrow - dt.timedelta(hours=2))
    make_post(expires_at=tomorrow - dt.timedelta(hours=1))
    make_post(status=Post.Status.DRAFT, published_at=tomorrow - dt.timedelta(hours=3))
    assert Post.objects.next_visibility_change() == tomorrow - dt.timedelta(hours=2)


def test_a_posts_past_moments_are_no_next_change(make_post, tomorrow, yesterday):
    make_post(embargoed_until=yesterday, expires_at=tomorrow)
    assert Post.objects.next_visibility_change() == tomorrow


def test_posts_that_change_no_more_have_no_next_change(make_post, yesterday):
    make_post(expires_at=yesterday)
    assert Post.objects.next_visibility_change() is None


def test_the_next_change_of_any_number_of_posts_is_one_query(
    make_post, tomorrow, django_assert_num_queries
):
    for hours in range(1, 6):
        make_post(published_at=tomorrow, expires_at=tomorrow + dt.timedelta(hours=hours))
    with django_assert_num_queries(1):
        Post.objects.next_visibility_change()


def test_the_page_cache_is_due_again_at_the_posts_next_change(make_post, tomorrow):
    make_post(embargoed_until=tomorrow)
    assert next_scheduled_change() == Post.objects.next_visibility_change() == tomorrow
