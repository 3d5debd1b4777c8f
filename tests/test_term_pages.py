"""A term's archive reads the same posts whichever way its size makes cheapest."""

import pytest

from blog import taxonomies
from blog.models import Tag
from blog.taxonomies import TAXONOMIES

PAGE = 10  # BLOG_PAGE_SIZE


@pytest.fixture
def tagged(make_post, tomorrow):
    """23 public posts on the tag (one a draft, one scheduled), other posts beside."""
    for _ in range(23):
        make_post(tags=["Wide"])
    make_post(tags=["Wide"], status="draft")
    make_post(tags=["Wide"], published_at=tomorrow)
    make_post(language="zh", tags=["Wide"])
    for _ in range(5):
        make_post(tags=["Other"])


def archive_titles(client):
    pages = [client.get(path) for path in ("/en/tags/wide/", "/en/tags/wide/page/2/")]
    pages.append(client.get("/en/tags/wide/page/3/"))
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert client.get("/en/tags/wide/page/4/").status_code == 404
    return [[p.title for p in page.context["posts"]] for page in pages]


@pytest.mark.parametrize("share", [0, 1000], ids=["from the term's side", "from the posts' side"])
def test_an_archive_lists_the_terms_public_posts_newest_first(client, tagged, monkeypatch, share):
    monkeypatch.setattr(taxonomies, "DENSE_TERM_SHARE", share)
    pages = archive_titles(client)
    assert [len(page) for page in pages] == [PAGE, PAGE, 3]
    assert [title for page in pages for title in page] == [f"Post {n}" for n in range(1, 24)]


def read_from_posts_side(slug):
    term = Tag.objects.get(slug=slug)
    query = str(TAXONOMIES["tags"].term_posts("en", term).newest_first().query)
    return "EXISTS" in query


def test_a_term_on_most_posts_is_read_from_the_posts_side(tagged):
    assert read_from_posts_side("wide")


def test_a_term_on_few_posts_is_read_from_its_own_side(tagged):
    assert not read_from_posts_side("other")
