"""A term's archive reads the same posts whichever way its size makes cheapest."""

import pytest

from blog import taxonomies

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


@pytest.mark.parametrize("large_term", [1000, 0], ids=["small term", "large term"])
def test_an_archive_lists_the_terms_public_posts_newest_first(
    client, tagged, monkeypatch, large_term
):
    monkeypatch.setattr(taxonomies, "LARGE_TERM", large_term)
    pages = archive_titles(client)
    assert [len(page) for page in pages] == [PAGE, PAGE, 3]
    assert [title for page in pages for title in page] == [f"Post {n}" for n in range(1, 24)]
