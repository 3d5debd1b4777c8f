"""Part numbers are the author's ``series_order``, and "of N" is the highest of them.

The real site's zh translation of ml-math-derivations holds parts 1, 2 and 12 only:
its XGBoost post is part 12 of 12, not "3 of 3" as list positions would count.
"""

import re

import pytest

from blog.models import Post
from series.models import Series


@pytest.fixture
def real_site(db, real_site_once):
    return real_site_once


@pytest.fixture
def zh_series(real_site):
    return Series.objects.get(language="zh", slug="ml-math-derivations")


def xgboost_page(client):
    post = Post.objects.get(language="zh", section="ml-math-derivations", series_order=12)
    return client.get(post.get_absolute_url()).content.decode()


def test_the_series_size_is_its_highest_part_number(zh_series):
    parts = list(zh_series.published_parts())
    assert len(parts) == 3
    assert Series.numbered_size(parts) == 12


def test_a_series_with_no_numbered_part_has_no_size(make_series, make_post):
    series = make_series()
    make_post(series=series, section=series.slug)
    assert Series.numbered_size(list(series.published_parts())) is None


def test_the_series_box_numbers_a_part_as_its_author_did(client, real_site):
    assert "第 12 篇，共 12 篇" in xgboost_page(client)


def test_all_parts_are_listed_under_their_own_numbers(client, real_site):
    box = re.search(r'<section class="series-box".*?</section>', xgboost_page(client), re.S)[0]
    assert re.findall(r'<li value="(\d+)"', box) == ["1", "2", "12"]


def test_the_series_page_numbers_parts_as_their_author_did(client, zh_series):
    content = client.get(zh_series.get_absolute_url()).content.decode()
    parts = re.search(r'<ol class="parts">.*?</ol>', content, re.S)[0]
    assert re.findall(r'<li lang="zh" value="(\d+)"', parts) == ["1", "2", "12"]


def test_a_home_card_shows_the_authors_part_number(client, real_site):
    content = client.get("/zh/").content.decode()
    assert "第 12 篇" in content
