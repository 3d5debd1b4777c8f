"""Public pages: what answers 200, what is a 404, and what the public never sees."""

import re

import pytest

from blog.models import Alias, Post


@pytest.fixture
def blog(make_post, make_series, tomorrow):
    series = make_series(slug="gradient-descent", title="Gradient Descent", description="*Notes*")
    parts = [
        make_post(
            section="gradient-descent",
            slug=f"part-{n}",
            title=f"GD ({n})",
            series=series,
            series_order=n,
            tags=["Optimization"],
            categories=["Mathematics"],
        )
        for n in (1, 2, 3)
    ]
    loose = make_post(slug="loose", title="Loose post", tags=["Optimization", "Web"])
    draft = make_post(
        slug="draft",
        title="Secret draft",
        status=Post.Status.DRAFT,
        tags=["Optimization", "Hidden"],
        series=series,
        series_order=4,
        section="gradient-descent",
    )
    future = make_post(
        slug="future",
        title="Future post",
        published_at=tomorrow,
        tags=["Optimization", "Hidden"],
        categories=["Mathematics"],
    )
    return {"series": series, "parts": parts, "loose": loose, "draft": draft, "future": future}


SERIES_PARTS = ["GD (1)", "GD (2)", "GD (3)"]
# What each public page is there to show: the titles it lists or is about.
PAGE_SHOWS = {
    "/en/": [*SERIES_PARTS, "Loose post"],
    "/en/gradient-descent/": ["Gradient Descent", *SERIES_PARTS],
    "/en/gradient-descent/part-1/": ["GD (1)", "Gradient Descent"],
    "/en/standalone/": ["Loose post"],
    "/en/standalone/loose/": ["Loose post"],
    "/en/series/": ["Gradient Descent"],
    "/en/tags/": ["Optimization", "Web"],
    "/en/tags/optimization/": [*SERIES_PARTS, "Loose post"],
    "/en/categories/": ["Mathematics"],
    "/en/categories/mathematics/": SERIES_PARTS,
    "/en/index.xml": [*SERIES_PARTS, "Loose post"],
    "/en/gradient-descent/index.xml": SERIES_PARTS,
    "/en/tags/optimization/index.xml": [*SERIES_PARTS, "Loose post"],
    "/tags/optimization/index.xml": [*SERIES_PARTS, "Loose post"],
    "/en/categories/mathematics/index.xml": SERIES_PARTS,
}
PUBLIC_PAGES = list(PAGE_SHOWS)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_answer_200_with_what_they_show(client, blog, path):
    response = client.get(path)
    assert response.status_code == 200
    kind = "application/rss+xml" if path.endswith(".xml") else "text/html"
    assert response["Content-Type"].startswith(kind)
    content = response.content.decode()
    for title in PAGE_SHOWS[path]:
        assert title in content, title


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_public_page_mentions_a_draft_or_scheduled_post(client, blog, path):
    content = client.get(path).content.decode()
    assert "Secret draft" not in content
    assert "Future post" not in content
    assert "/draft/" not in content
    assert "/future/" not in content


@pytest.mark.parametrize(
    "path",
    [
        "/en/standalone/draft/",
        "/en/standalone/future/",
        "/en/gradient-descent/draft/",
        "/en/tags/hidden/",
        "/en/tags/hidden/index.xml",
    ],
)
def test_drafts_and_scheduled_posts_are_404(client, blog, path):
    assert client.get(path).status_code == 404


def test_counts_leave_out_drafts_and_scheduled_posts(client, blog):
    tags = client.get("/en/tags/").content.decode()
    assert re.search(r"Optimization</a>\s*<span class=\"count\">4</span>", tags)
    assert "Hidden" not in tags
    series = client.get("/en/series/").content.decode()
    assert "3 parts" in series


@pytest.mark.parametrize(
    "path",
    [
        "/en/tags/no-such-tag/",
        "/en/no-such-section/",
        "/en/standalone/no-such-slug/",
        "/en/page/99/",
        "/en/tags/optimization/page/9/",
        "/en/standalone/page/5/",
        "/xx/",
        "/en/categories/nothing/",
        "/zh/gradient-descent/",
    ],
)
def test_unknown_things_are_404(client, blog, path):
    response = client.get(path)
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.parametrize("query", ["?page=abc", "?page=-1", "?page=99999999999999999999"])
def test_a_bad_page_parameter_is_404_not_500(client, blog, query):
    assert client.get(f"/en/{query}").status_code == 404


def test_page_one_redirects_to_the_list(client, blog):
    response = client.get("/en/page/1/")
    assert response.status_code == 301
    assert response["Location"] == "/en/"


def test_hugos_paginated_series_pages_lead_to_the_series(client, blog):
    response = client.get("/en/gradient-descent/page/2/")
    assert response.status_code == 301
    assert response["Location"] == "/en/gradient-descent/"


def test_the_root_redirects_to_the_default_language(client, db):
    response = client.get("/")
    assert response.status_code == 302  # temporary: the default language is a setting
    assert response["Location"] == "/en/"


def test_home_paginates_in_hugo_form(client, make_post, settings):
    settings.BLOG_PAGE_SIZE = 2
    for _ in range(5):
        make_post()
    first = client.get("/en/").content.decode()
    assert 'href="/en/page/2/"' in first
    third = client.get("/en/page/3/")
    assert third.status_code == 200
    assert 'href="/en/page/2/"' in third.content.decode()


def test_a_series_page_lists_its_parts_in_order(client, blog):
    content = client.get("/en/gradient-descent/").content.decode()
    positions = [content.index(f"GD ({n})") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    assert "<em>Notes</em>" in content


def test_a_post_in_a_series_links_its_neighbours(client, blog):
    content = client.get("/en/gradient-descent/part-2/").content.decode()
    assert "part 2 of 3" in content
    assert 'rel="prev" href="/en/gradient-descent/part-1/"' in content
    assert 'rel="next" href="/en/gradient-descent/part-3/"' in content


def test_the_last_part_has_no_next_link_to_a_draft(client, blog):
    content = client.get("/en/gradient-descent/part-3/").content.decode()
    assert 'rel="next"' not in content


def test_a_post_page_shows_its_rendered_body(client, make_post):
    make_post(slug="math", body="## Heading\n\nSome $x^2$ math.")
    content = client.get("/en/standalone/math/").content.decode()
    assert '<annotation encoding="application/x-tex">x^2</annotation>' in content
    assert 'id="heading"' in content


def test_every_page_advertises_its_feeds(client, blog):
    for path in ("/en/", "/en/gradient-descent/part-1/", "/en/tags/optimization/"):
        assert 'type="application/rss+xml"' in client.get(path).content.decode()
    tag_page = client.get("/en/tags/optimization/").content.decode()
    assert 'href="/en/tags/optimization/index.xml"' in tag_page


def test_math_is_typeset_in_the_page_with_styles_from_our_own_origin(client, blog):
    content = client.get("/en/gradient-descent/part-1/").content.decode()
    assert '<span class="math-inline"><span class="katex">' in content
    assert "/static/katex/katex.min.css" in content
    assert re.search(r'<link rel="stylesheet" href="/math/\d+\.css">', content)
    assert "katex.min.js" not in content and "math.js" not in content
    assert "cdn" not in content.lower()


def test_an_alias_answers_301_to_the_permalink(client, blog):
    Alias.objects.create(post=blog["loose"], path="/old/loose-post/")
    response = client.get("/old/loose-post/")
    assert response.status_code == 301
    assert response["Location"] == "/en/standalone/loose/"


def test_an_alias_of_a_draft_is_404(client, blog):
    Alias.objects.create(post=blog["draft"], path="/old/draft/")
    assert client.get("/old/draft/").status_code == 404


def test_chinese_tag_pages_answer_with_unicode_slugs(client, make_post):
    make_post(language="zh", tags=["线性代数"], title="矩阵")
    response = client.get("/zh/tags/%E7%BA%BF%E6%80%A7%E4%BB%A3%E6%95%B0/")
    assert response.status_code == 200
    assert "矩阵" in response.content.decode()


def test_the_health_check_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
