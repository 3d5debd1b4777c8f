"""Every page type answers in a fixed number of queries, however many posts exist."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import CategorizedPost, Category, Post, Tag, TaggedPost
from blog.rendering import render_post

BUDGETS = {
    "/en/": 3,
    "/en/a-series/part-1/": 7,
    "/en/a-series/": 4,
    "/en/tags/": 1,
    "/en/tags/common/": 6,
    "/en/tags/common/index.xml": 4,
    "/en/tags/common/index.xml?full=1": 4,
    "/en/tags/common/atom.xml": 4,
    "/en/tags/common/feed.json": 4,
    "/en/index.xml": 3,
    "/en/index.json": 2,
    "/en/sitemap.xml": 5,
    "/sitemap.xml": 2,  # one per language
}
OTHER_TAGS = 7


def grow_series(series, numbers, yesterday):
    """Parts ``numbers`` of ``series``, bulk-written (rendered once, not saved one by
    one): each tagged Common and one of a few other tags, in one category."""
    rendered = render_post("A part with $x^2$ and a [link](#part).\n\n<!--more-->\n\nMore.")
    posts = Post.objects.bulk_create(
        Post(
            title=f"Part {number}",
            slug=f"part-{number}",
            section=series.slug,
            language="en",
            series=series,
            series_order=number,
            body="A part.",
            body_html=rendered.body_html,
            summary_html=rendered.summary_html,
            toc_html=rendered.toc_html,
            body_text=rendered.body_text,
            reading_minutes=rendered.reading_minutes,
            status=Post.Status.PUBLISHED,
            published_at=yesterday - dt.timedelta(minutes=number),
            translation_key=f"part-{number}",
        )
        for number in numbers
    )
    common, _ = Tag.objects.get_or_create(name="Common", slug="common")
    others = [
        Tag.objects.get_or_create(name=f"Tag {k}", slug=f"tag-{k}")[0] for k in range(OTHER_TAGS)
    ]
    category, _ = Category.objects.get_or_create(name="Category", slug="category")
    TaggedPost.objects.bulk_create(
        TaggedPost(content_object=post, tag=tag)
        for post in posts
        for tag in (common, others[post.series_order % OTHER_TAGS])
    )
    CategorizedPost.objects.bulk_create(
        CategorizedPost(content_object=post, tag=category) for post in posts
    )


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", BUDGETS)
def test_query_count_is_the_same_at_10_and_at_1000_posts(make_series, yesterday, client, path):
    series = make_series(slug="a-series")
    grow_series(series, range(1, 11), yesterday)
    with_10_posts = queries(client, path)
    grow_series(series, range(11, 1001), yesterday)
    with_1000_posts = queries(client, path)
    assert with_10_posts == with_1000_posts <= BUDGETS[path]
