"""Quire against Hugo itself: build tests/hugo_site with the real ``hugo`` binary,
import the same site, and ask Quire for every address Hugo wrote."""

import email.utils
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from blog.hugo.importer import HugoImporter
from blog.models import Post

from .hugo_binary import hugo_build

SITE = Path(__file__).resolve().parent / "hugo_site"
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
REDIRECT = re.compile(r'http-equiv="refresh" content="0; url=([^"]+)"')


@pytest.fixture(scope="module")
def hugo_output(tmp_path_factory):
    return hugo_build(SITE, tmp_path_factory.mktemp("hugo-public"))


@pytest.fixture
def imported(db, settings, tmp_path, hugo_output):
    """The site imported as it is: its titles, base URL and languages come with it."""
    settings.TIME_ZONE = "Asia/Shanghai"
    settings.MEDIA_ROOT = tmp_path / "media"
    report = HugoImporter(SITE).run()
    assert report.failed == []
    return hugo_output


def written(output, pattern):
    return sorted(path.relative_to(output).as_posix() for path in output.rglob(pattern))


def channel(content):
    return ET.fromstring(content).find("channel")


def items(xml_channel):
    return [
        (
            item.findtext("title"),
            item.findtext("link"),
            item.findtext("guid"),
            # Hugo writes each date in the offset it was given, Quire in TIME_ZONE: same instant.
            email.utils.parsedate_to_datetime(item.findtext("pubDate")),
        )
        for item in xml_channel.findall("item")
    ]


def test_hugo_wrote_the_feeds_this_test_expects(imported):
    feeds = written(imported, "index.xml")
    assert "en/tags/线性代数/index.xml" in feeds
    assert "en/series/learning-notes/index.xml" in feeds
    assert len(feeds) == 15


def test_every_feed_hugo_writes_has_the_same_channel_in_quire(client, imported):
    for feed in written(imported, "index.xml"):
        response = client.get(f"/{feed}")
        assert response.status_code == 200, feed
        hugo, quire = channel((imported / feed).read_bytes()), channel(response.content)
        assert quire.findtext("title") == hugo.findtext("title"), feed
        assert quire.findtext("link") == hugo.findtext("link"), feed
        assert quire.find(ATOM_LINK).get("href") == hugo.find(ATOM_LINK).get("href"), feed
        assert quire.findtext("language") == hugo.findtext("language"), feed


@pytest.mark.parametrize(
    ("feed", "title", "language"),
    [
        ("en/standalone/index.xml", "Standalones on Field Notes", "en"),  # no _index.md
        ("en/index.xml", "Field Notes", "en"),
        ("zh/index.xml", "田野笔记", "zh-CN"),  # the language's own title
    ],
)
def test_list_titles_site_titles_and_language_codes_are_hugos(
    client, imported, feed, title, language
):
    hugo, quire = channel((imported / feed).read_bytes()), channel(client.get(f"/{feed}").content)
    assert (hugo.findtext("title"), hugo.findtext("language")) == (title, language)
    assert (quire.findtext("title"), quire.findtext("language")) == (title, language)


def test_every_feed_hugo_writes_has_the_same_items_in_quire(client, imported):
    for feed in written(imported, "index.xml"):
        hugo = items(channel((imported / feed).read_bytes()))
        quire = items(channel(client.get(f"/{feed}").content))
        assert quire == hugo, feed


def test_every_page_hugo_writes_answers_in_quire(client, imported):
    for page in written(imported, "*.html"):
        html = (imported / page).read_text()
        path = "/" + page.removesuffix("index.html")
        response = client.get(path)
        redirect = REDIRECT.search(html)
        if redirect is None:
            assert response.status_code == 200, path
        elif path == "/":
            assert response.status_code in (301, 302), path
            assert response["Location"] == "/en/"
        else:
            assert response.status_code == 301, path
            assert f"https://example.org{response['Location']}" == redirect[1], path


def test_bundle_files_answer_at_hugos_address_and_in_the_post(client, imported):
    for resource in written(imported, "*.png"):
        response = client.get(f"/{resource}")
        assert response.status_code == 301, resource
        moved = client.get(response["Location"])
        assert moved.status_code == 200
        assert b"".join(moved.streaming_content) == (imported / resource).read_bytes()


def test_drafts_future_and_expired_pages_are_stored_but_hidden(client, imported):
    hidden = Post.objects.exclude(pk__in=Post.objects.published())
    assert sorted(hidden.values_list("title", flat=True)) == [
        "A Draft",
        "An Expired Note",
        "From the Future",
    ]
    assert client.get("/en/tags/secret/").status_code == 404
