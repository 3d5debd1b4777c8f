"""The authoring admin: lists, filters, editing, and what stays read-only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import Post, Tag
from tests.admin_forms import post_add_form


@pytest.fixture
def a_post(make_post, make_series):
    series = make_series(slug="gd", title="GD")
    return make_post(
        section="gd",
        slug="one",
        title="GD (1)",
        series=series,
        series_order=1,
        tags=["Optimization"],
    )


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?status__exact=published",
        "?language__exact=en",
        "?series__id__exact={series}",
        "?tags__id__exact={tag}",
        "?q=GD",
    ],
)
def test_the_post_list_filters_and_searches(admin_client, a_post, query):
    query = query.format(series=a_post.series.pk, tag=a_post.tags.get().pk)
    response = admin_client.get(f"/admin/blog/post/{query}")
    assert response.status_code == 200
    assert "GD (1)" in response.content.decode()


def test_an_author_writes_a_post_in_the_admin(admin_client, admin_user, db):
    response = admin_client.post(
        "/admin/blog/post/add/",
        post_add_form(
            body="Some $x_1$ and *emphasis*.",
            tags="Optimization, Machine Learning",
            categories="Mathematics",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get(slug="written-in-the-admin")
    assert '<span class="math-inline">$x_1$</span>' in post.body_html
    assert post.author == admin_user
    assert sorted(tag.name for tag in post.tags.all()) == ["Machine Learning", "Optimization"]


def test_rendered_html_is_read_only(admin_client, a_post):
    content = admin_client.get(f"/admin/blog/post/{a_post.pk}/change/").content.decode()
    assert 'name="body_html"' not in content
    assert 'name="summary_html"' not in content
    assert 'name="body"' in content


def test_a_duplicate_permalink_is_refused_with_a_message(admin_client, a_post):
    response = admin_client.post(
        "/admin/blog/post/add/",
        {
            "title": "Same place",
            "body": "x",
            "status": "draft",
            "updated_at_0": "2026-01-01",
            "updated_at_1": "09:00:00",
            "language": "en",
            "section": "gd",
            "slug": "one",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_a_series_shows_its_posts_in_order(admin_client, a_post, make_post):
    make_post(section="gd", slug="zero", title="GD (0)", series=a_post.series, series_order=0)
    content = admin_client.get(f"/admin/series/series/{a_post.series.pk}/change/").content.decode()
    assert content.index("GD (0)") < content.index("GD (1)")


def test_a_tag_added_without_a_slug_gets_hugos(admin_client, db):
    response = admin_client.post("/admin/blog/tag/add/", {"name": "Node.js", "slug": ""})
    assert response.status_code == 302
    assert Tag.objects.get(name="Node.js").slug == "node.js"


def test_the_post_list_reads_no_post_text(admin_client, a_post):
    with CaptureQueriesContext(connection) as captured:
        assert admin_client.get("/admin/blog/post/").status_code == 200
    listing = [q["sql"] for q in captured.captured_queries if 'FROM "blog_post"' in q["sql"]]
    assert any('"blog_post"."title"' in sql for sql in listing)
    for column in ("body", "body_html", "body_text", "summary_html", "toc_html"):
        assert not any(f'"blog_post"."{column}"' in sql for sql in listing), column
