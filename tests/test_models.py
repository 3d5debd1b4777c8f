"""Posts and series: what is public, what is unique, what is rendered at save."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from blog.models.posts import post_url
from series.models import Series


def test_published_includes_a_post_published_in_the_past(make_post):
    post = make_post()
    assert list(Post.objects.published()) == [post]


def test_published_excludes_drafts(make_post):
    make_post(status=Post.Status.DRAFT)
    assert not Post.objects.published().exists()


def test_published_excludes_scheduled_posts(make_post, tomorrow):
    make_post(published_at=tomorrow)
    assert not Post.objects.published().exists()


def test_published_excludes_posts_without_a_date(make_post):
    make_post(published_at=None)
    assert not Post.objects.published().exists()


def test_a_scheduled_post_appears_when_its_time_comes(make_post, tomorrow, monkeypatch):
    post = make_post(published_at=tomorrow)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow + dt.timedelta(seconds=1))
    assert list(Post.objects.published()) == [post]


def test_one_post_per_permalink_per_language(make_post):
    make_post(section="s", slug="x", language="en")
    make_post(section="s", slug="x", language="zh")
    with pytest.raises(IntegrityError):
        make_post(section="s", slug="x", language="en")


def test_markdown_is_rendered_and_sanitized_at_save(make_post):
    post = make_post(body="Hello *world* <script>alert(1)</script> $x_1$")
    assert "<em>world</em>" in post.body_html
    assert "<script" not in post.body_html
    assert '<span class="math-inline">$x_1$</span>' in post.body_html


def test_editing_the_body_rerenders_it(make_post):
    post = make_post(body="Old")
    post.body = "New **text**"
    post.save()
    post.refresh_from_db()
    assert "<strong>text</strong>" in post.body_html


def test_the_permalink_follows_hugo(make_post):
    post = make_post(section="ml-math-derivations", slug="12-xgboost-and-lightgbm")
    assert post.permalink == "https://www.chenk.top/en/ml-math-derivations/12-xgboost-and-lightgbm/"


def test_non_ascii_slugs_are_percent_encoded_in_urls(make_post):
    post = make_post(language="zh", section="ml-math-derivations", slug="12-xgboost与lightgbm")
    assert post.get_absolute_url() == "/zh/ml-math-derivations/12-xgboost%E4%B8%8Elightgbm/"


@pytest.mark.parametrize(
    ("lang", "section", "slug"),
    [
        ("en", "standalone", "hello"),
        ("zh", "机器学习", "12-xgboost与lightgbm"),
        ("en", "a b", "c&d=e+f;g,h'(i)*~:@!$"),
        ("en", "standalone", "100%-sure?#not"),
    ],
)
def test_post_urls_are_what_reverse_gives(lang, section, slug):
    expected = reverse("blog:post", kwargs={"lang": lang, "section": section, "slug": slug})
    assert post_url(lang, section, slug) == expected


def test_wide_text_columns_come_after_the_narrow_ones(db):
    """SQLite reads a row's columns in order through its overflow pages: the filters
    of every listing must not sit behind a post's body."""
    with connection.cursor() as cursor:
        columns = [
            column.name
            for column in connection.introspection.get_table_description(cursor, "blog_post")
        ]
    narrow = ["status", "published_at", "embargoed_until", "expires_at", "saved_at"]
    wide = ["summary_html", "body_html", "body_text", "body"]
    assert max(map(columns.index, narrow)) < min(map(columns.index, wide))


@pytest.mark.parametrize("section", ["tags", "categories", "series", "page", "search"])
def test_reserved_sections_are_refused(make_post, section):
    post = Post(title="t", slug="t", section=section, language="en", body="b")
    with pytest.raises(ValidationError) as error:
        post.full_clean()
    assert "section" in error.value.message_dict


def test_a_title_beyond_the_limit_is_refused_at_validation(db):
    post = Post(title="x" * 10_000_000, slug="t", section="s", language="en", body="b")
    with pytest.raises(ValidationError) as error:
        post.full_clean()
    assert "title" in error.value.message_dict


def test_control_characters_are_stripped_from_titles(make_post):
    assert make_post(title="Bad\x00\x08 title").title == "Bad title"


def test_line_breaks_in_a_title_become_single_spaces(make_post):
    assert make_post(title="Two\r\n lines\nand\rmore\n").title == "Two lines and more"


def test_series_parts_are_in_series_order_then_date(make_post, make_series, yesterday):
    series = make_series()
    third = make_post(series=series, series_order=3, published_at=yesterday)
    first = make_post(series=series, series_order=1, published_at=yesterday)
    second = make_post(series=series, series_order=2, published_at=yesterday)
    assert list(series.published_parts()) == [first, second, third]


def test_series_parts_never_include_drafts(make_post, make_series):
    series = make_series()
    public = make_post(series=series, series_order=1)
    make_post(series=series, series_order=2, status=Post.Status.DRAFT)
    assert list(series.published_parts()) == [public]


def test_series_part_counts_only_public_posts(make_post, make_series, tomorrow):
    series = make_series()
    make_post(series=series, series_order=1)
    make_post(series=series, series_order=2, published_at=tomorrow)
    make_post(series=series, series_order=3, status=Post.Status.DRAFT)
    assert Series.objects.with_part_counts().get(pk=series.pk).part_count == 1


def test_series_description_is_rendered_at_save(make_series):
    series = make_series(description="*Deriving* <script>x</script>")
    assert series.description_html == "<p><em>Deriving</em> </p>"


def test_tags_get_hugo_slugs(make_post):
    post = make_post(tags=["Machine Learning", "线性代数", "C++"])
    assert sorted(tag.slug for tag in post.tags.all()) == ["c++", "machine-learning", "线性代数"]


def test_tags_whose_slugs_clash_get_distinct_slugs(make_post):
    make_post(tags=["Machine Learning"])
    post = make_post(tags=["Machine-Learning"])
    assert post.tags.get().slug == "machine-learning-1"
