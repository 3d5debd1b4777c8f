"""The per-tag RSS feed, against the live site's own feed (the seed)."""

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import html5lib
import pytest
from django.utils import timezone

from blog.models import Post, Section

ATOM = "{http://www.w3.org/2005/Atom}link"
SEED_PATHS = ["/tags/machine-learning/index.xml", "/en/tags/machine-learning/index.xml"]


def channel(content):
    return ET.fromstring(content).find("channel")


def items(xml_channel):
    return xml_channel.findall("item")


def description_facts(html):
    """What a description must keep: its text, heading ids and math TeX."""
    document = html5lib.parse(html, namespaceHTMLElements=False)
    text = " ".join("".join(document.itertext()).split())
    ids = [element.get("id") for element in document.iter() if element.get("id")]
    math = [
        "".join(element.itertext())
        for element in document.iter()
        if element.get("class") in ("math-inline", "math-block")
    ]
    return text, ids, math


@pytest.fixture
def seed_channel(seed_feed):
    return ET.parse(seed_feed).getroot().find("channel")


@pytest.mark.parametrize("path", SEED_PATHS)
def test_tag_feed_channel_equals_the_seed(client, imported_seed, seed_channel, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    ours = channel(response.content)
    for element in ("title", "link", "description", "language", "lastBuildDate"):
        assert ours.findtext(element) == seed_channel.findtext(element), element
    assert ours.find(ATOM).get("href") == seed_channel.find(ATOM).get("href")
    assert ours.find(ATOM).get("rel") == "self"


@pytest.mark.parametrize("path", SEED_PATHS)
def test_tag_feed_items_equal_the_seed_in_order(client, imported_seed, seed_channel, path):
    ours = items(channel(client.get(path).content))
    seed = items(seed_channel)
    assert len(ours) == len(seed) == 32
    for element in ("title", "link", "guid", "pubDate"):
        assert [item.findtext(element) for item in ours] == [
            item.findtext(element) for item in seed
        ], element


def test_tag_feed_descriptions_keep_the_seed_text_ids_and_math(client, imported_seed, seed_channel):
    ours = items(channel(client.get(SEED_PATHS[1]).content))
    for our_item, seed_item in zip(ours, items(seed_channel), strict=True):
        assert description_facts(our_item.findtext("description")) == description_facts(
            seed_item.findtext("description")
        ), seed_item.findtext("link")


def test_descriptions_have_absolute_urls(client, imported_seed):
    ours = items(channel(client.get(SEED_PATHS[1]).content))
    for item in ours:
        document = html5lib.parse(item.findtext("description"), namespaceHTMLElements=False)
        for element in document.iter():
            for attribute in ("href", "src"):
                if element.get(attribute):
                    assert element.get(attribute).startswith("https://"), element.get(attribute)


def test_fragment_links_point_into_the_post(client, imported_seed):
    ours = items(channel(client.get(SEED_PATHS[1]).content))
    item = next(item for item in ours if "03-probability" in item.findtext("link"))
    assert (
        'href="https://www.chenk.top/en/ml-math-derivations/'
        '03-probability-theory-and-statistical-inference/#what-you-will-learn"'
        in item.findtext("description")
    )


def test_feedparser_reads_the_feed_without_complaint(client, imported_seed):
    parsed = feedparser.parse(client.get(SEED_PATHS[0]).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == 32


@pytest.mark.parametrize("path", SEED_PATHS)
def test_a_matching_etag_gets_304(client, imported_seed, path):
    first = client.get(path)
    again = client.get(path, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_a_matching_last_modified_gets_304(client, imported_seed):
    first = client.get(SEED_PATHS[1])
    again = client.get(SEED_PATHS[1], headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


def test_a_stale_etag_gets_the_feed(client, imported_seed):
    fresh = client.get(SEED_PATHS[1])
    response = client.get(SEED_PATHS[1], headers={"if-none-match": '"stale"'})
    assert response.status_code == 200
    assert response.content == fresh.content
    assert response["ETag"] == fresh["ETag"]


def test_editing_a_post_changes_the_etag(client, imported_seed):
    before = client.get(SEED_PATHS[1])["ETag"]
    post = Post.objects.get(slug="12-xgboost-and-lightgbm")
    post.title = "A new title"
    post.save()
    response = client.get(SEED_PATHS[1], headers={"if-none-match": before})
    assert response.status_code == 200
    assert response["ETag"] != before


def test_unpublishing_a_post_changes_the_etag(client, imported_seed):
    before = client.get(SEED_PATHS[1])["ETag"]
    Post.objects.filter(slug="12-xgboost-and-lightgbm").update(status=Post.Status.DRAFT)
    assert client.get(SEED_PATHS[1])["ETag"] != before


def test_a_scheduled_post_changes_the_feed_when_its_time_comes(
    client, imported_seed, make_post, tomorrow, monkeypatch
):
    make_post(tags=["Machine Learning"], published_at=tomorrow, title="Scheduled")
    before = client.get(SEED_PATHS[1])
    assert "Scheduled" not in before.content.decode()
    monkeypatch.setattr(timezone, "now", lambda: tomorrow + dt.timedelta(minutes=1))
    after = client.get(SEED_PATHS[1], headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert items(channel(after.content))[0].findtext("title") == "Scheduled"


def test_head_is_answered_without_a_body(client, imported_seed):
    response = client.head(SEED_PATHS[0])
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"]


def test_post_is_not_allowed(client, imported_seed):
    assert client.post(SEED_PATHS[0]).status_code == 405


def test_a_cdn_may_hold_the_feed_briefly(client, imported_seed):
    cache_control = client.get(SEED_PATHS[0])["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=300" in cache_control


def test_an_unknown_tag_has_no_feed(client, db):
    assert client.get("/en/tags/no-such-tag/index.xml").status_code == 404


def test_a_tag_with_no_post_in_a_language_has_no_feed_there(client, imported_seed):
    assert client.get("/zh/tags/machine-learning/index.xml").status_code == 404


def test_drafts_and_scheduled_posts_stay_out_of_the_feed(client, make_post, tomorrow):
    make_post(title="Public", tags=["Topic"])
    make_post(title="Draft", tags=["Topic"], status=Post.Status.DRAFT)
    make_post(title="Scheduled", tags=["Topic"], published_at=tomorrow)
    titles = [
        item.findtext("title")
        for item in items(channel(client.get("/en/tags/topic/index.xml").content))
    ]
    assert titles == ["Public"]


def test_the_feed_is_well_formed_whatever_the_input(client, make_post):
    make_post(title="Bell\x07 and \ufffe", body="Body \x01 with \x1b[31m escapes", tags=["Topic"])
    response = client.get("/en/tags/topic/index.xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    assert parsed.entries[0].title == "Bell and"


def test_the_item_limit_setting_caps_the_feed(client, make_post, settings):
    for _ in range(3):
        make_post(tags=["Topic"])
    settings.FEED_ITEM_LIMIT = 2
    assert len(items(channel(client.get("/en/tags/topic/index.xml").content))) == 2


def test_a_category_feed_names_its_category(client, make_post):
    make_post(categories=["Machine Learning"])
    feed = channel(client.get("/en/categories/machine-learning/index.xml").content)
    assert feed.findtext("title") == "Machine Learning on Chen Kai Blog"
    assert feed.findtext("link") == "https://www.chenk.top/en/categories/machine-learning/"


def test_the_home_feed_is_titled_after_the_site(client, make_post):
    make_post()
    feed = channel(client.get("/en/index.xml").content)
    assert feed.findtext("title") == "Chen Kai Blog"
    assert feed.findtext("description") == "Recent content on Chen Kai Blog"


def test_a_section_feed_is_titled_as_hugo_titles_the_section(client, make_post):
    make_post(section="ml-math-derivations")
    feed = channel(client.get("/en/ml-math-derivations/index.xml").content)
    assert feed.findtext("title") == "Ml-math-derivations on Chen Kai Blog"


def test_a_section_feed_uses_the_sections_own_title(client, make_post):
    Section.objects.create(language="en", slug="aliyun-fullstack", title="Alibaba Cloud Full Stack")
    make_post(section="aliyun-fullstack")
    feed = channel(client.get("/en/aliyun-fullstack/index.xml").content)
    assert feed.findtext("title") == "Alibaba Cloud Full Stack on Chen Kai Blog"
    assert feed.findtext("link") == "https://www.chenk.top/en/aliyun-fullstack/"


def test_a_series_feed_is_titled_by_its_term(client, make_post, make_series):
    series = make_series(
        slug="ml-math-derivations", title="ML Math Derivations", term_name="ml-math-derivations"
    )
    make_post(section="ml-math-derivations", series=series, series_order=1)
    feed = channel(client.get("/en/series/ml-math-derivations/index.xml").content)
    assert feed.findtext("title") == "ml-math-derivations on Chen Kai Blog"
    assert feed.findtext("link") == "https://www.chenk.top/en/series/ml-math-derivations/"


def test_the_chinese_feed_announces_its_language(client, make_post):
    make_post(language="zh", tags=["线性代数"])
    response = client.get("/zh/tags/线性代数/index.xml")
    assert response.status_code == 200
    assert channel(response.content).findtext("language") == "zh-CN"


def test_items_carry_a_category_for_each_of_their_tags(client, make_post):
    make_post(tags=["Topic", "Machine Learning"])
    item = items(channel(client.get("/en/tags/topic/index.xml").content))[0]
    assert sorted(category.text for category in item.findall("category")) == [
        "Machine Learning",
        "Topic",
    ]


def test_renaming_a_tag_changes_the_feeds_that_list_it(client, make_post):
    post = make_post(tags=["Topic"])
    before = client.get("/en/index.xml")["ETag"]
    tag = post.tags.get()
    tag.name = "Renamed"
    tag.save()
    response = client.get("/en/index.xml", headers={"if-none-match": before})
    assert response.status_code == 200
    assert items(channel(response.content))[0].findtext("category") == "Renamed"
