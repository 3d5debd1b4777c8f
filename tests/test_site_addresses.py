"""The live site's other addresses: Hugo's per-language sitemaps with ``/sitemap.xml``
as their index, and ``/<lang>/index.json``, the theme's search index."""

import xml.etree.ElementTree as ET

import pytest

from blog.models import Page, Post, SiteSettings

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client, path):
    return [loc.text for loc in ET.fromstring(client.get(path).content).iter(f"{SITEMAP}loc")]


def test_the_sitemap_index_names_each_languages_sitemap(client, make_post):
    make_post()
    assert locations(client, "/sitemap.xml") == [
        "https://www.chenk.top/en/sitemap.xml",
        "https://www.chenk.top/zh/sitemap.xml",
    ]


def test_a_language_sitemap_holds_its_posts_index_pages_and_listed_pages(client, make_post):
    make_post(slug="english")
    make_post(slug="chinese", language="zh")
    Page.objects.create(language="en", path="/en/projects/", title="Projects")
    Page.objects.create(language="en", path="/en/about/", title="About", listed=False)
    english = locations(client, "/en/sitemap.xml")
    assert "https://www.chenk.top/en/" in english
    assert "https://www.chenk.top/en/standalone/english/" in english
    assert "https://www.chenk.top/en/projects/" in english
    assert "https://www.chenk.top/en/about/" not in english
    assert not any("/zh/" in location for location in english)


def test_the_search_index_describes_each_public_post(client, make_post):
    make_post(
        title="Hello",
        slug="hello",
        body="Some words.\n\n<!--more-->\n\nMore.",
        tags=["Beta", "Alpha"],
    )
    [entry] = client.get("/en/index.json").json()
    assert {key: value for key, value in entry.items() if key not in ("date", "tags")} == {
        "title": "Hello",
        "permalink": "https://www.chenk.top/en/standalone/hello/",
        "summary": "Some words.",
        "section": "standalone",
    }
    assert sorted(entry["tags"]) == ["Alpha", "Beta"]


def test_the_search_index_dates_posts_in_iso_8601(client, make_post):
    post = make_post()
    [entry] = client.get("/en/index.json").json()
    assert entry["date"][:19] == post.published_at.isoformat()[:19]


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Post.Status.DRAFT},
        {"language": "zh"},
    ],
)
def test_the_search_index_holds_only_public_posts_of_its_language(client, make_post, hidden):
    make_post(slug="shown")
    make_post(slug="hidden", **hidden)
    entries = client.get("/en/index.json").json()
    assert [entry["permalink"].rsplit("/", 2)[-2] for entry in entries] == ["shown"]


def test_the_search_index_is_cached_and_retired_by_a_save(transactional_db, client, settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_CHECK = 0  # read the generation on every request
    # After another test's flush the settings row is made on first read, itself a change
    # that retires what is cached: made here, before anything is.
    SiteSettings.objects.current()
    post = Post.objects.create(
        title="First",
        slug="first",
        section="s",
        language="en",
        body="B.",
        status=Post.Status.PUBLISHED,
        published_at="2024-01-01T00:00:00Z",
    )
    assert client.get("/en/index.json").json()[0]["title"] == "First"
    Post.objects.filter(pk=post.pk).update(title="Unannounced")  # no signal: still cached
    assert client.get("/en/index.json").json()[0]["title"] == "First"
    post.refresh_from_db()
    post.title = "Second"
    post.save()
    assert client.get("/en/index.json").json()[0]["title"] == "Second"
