"""Property-based: whatever text arrives (any Unicode, control characters, lone
surrogates, very long input), rendering and both importers end in posts or a clear
per-file failure, never a crash; and every page and feed served stays well-formed."""

import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

import html5lib
import pytest
import yaml
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from blog.feed_import import import_feed
from blog.hugo.importer import HugoImporter
from blog.imports import ImportAborted
from blog.models import Post
from blog.rendering import render_post
from blog.rendering.sanitize import CONTROL_CHARACTERS

from .xss.inert import assert_inert
from .xss.sources import HUGO_CONFIG

MARKUP = [*"<>&\"'`$*_[]()!#\\|:/=-~{}\n\t ", "<!--more-->", "$$", "```", "javascript:"]
ANY_CHARACTER = st.characters(exclude_categories=())  # lone surrogates included
TEXT = st.lists(st.one_of(ANY_CHARACTER, st.sampled_from(MARKUP)), max_size=200).map("".join)
HUGE_TEXT = st.builds(lambda text, times: text * times, TEXT, st.integers(1, 300))
BODY = st.one_of(TEXT, HUGE_TEXT)
# Each example of a saving or importing test also serves pages and feeds: fewer of them.
SERVING = settings(max_examples=25)
FEEDS = ["/en/index.xml?full=1", "/en/atom.xml?full=1", "/en/feed.json?full=1"]

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def assert_well_formed_html(html):
    assert not CONTROL_CHARACTERS.search(html)
    html5lib.HTMLParser(strict=False).parse(html)
    assert_inert(html)


def assert_served_feeds_are_well_formed(client):
    for path in FEEDS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not CONTROL_CHARACTERS.search(response.content.decode())
        if path.endswith(".xml?full=1"):
            etree.fromstring(response.content)  # raises on anything not well-formed


def assert_pages_serve(client):
    for post in Post.objects.all():
        response = client.get(post.get_absolute_url())
        assert response.status_code == 200
        html5lib.parse(response.content.decode())


@given(body=BODY, summary=TEXT)
def test_rendering_any_text_gives_well_formed_inert_html(body, summary):
    rendered = render_post(body, summary)
    for html in (rendered.body_html, rendered.summary_html, rendered.toc_html):
        assert_well_formed_html(html)


@SERVING
@given(title=TEXT, body=BODY, description=TEXT)
def test_saving_any_text_keeps_a_post_that_serves(db, client, title, body, description):
    with transaction.atomic():
        post = Post.objects.create(
            title=title or "t",
            body=body,
            description=description,
            slug="any",
            section="standalone",
            language="en",
            status=Post.Status.PUBLISHED,
            published_at="2026-01-01T00:00:00Z",
        )
        post.refresh_from_db()
        assert not CONTROL_CHARACTERS.search(post.body + post.description + post.title)
        assert_pages_serve(client)
        assert_served_feeds_are_well_formed(client)
        transaction.set_rollback(True)


FRONT_MATTER = st.fixed_dictionaries(
    {"title": TEXT, "description": TEXT, "tags": st.lists(TEXT, max_size=3)},
    optional={"summary": TEXT, "slug": TEXT, "series": TEXT, "date": TEXT},
)
PAGE_FILE = st.one_of(
    st.builds(
        lambda meta, body: f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}",
        FRONT_MATTER,
        BODY,
    ),
    st.builds(lambda head, body: f"---\n{head}\n---\n{body}", TEXT, BODY),
)


@SERVING
@given(files=st.lists(PAGE_FILE, min_size=1, max_size=3))
def test_import_hugo_imports_or_reports_each_file(db, client, files):
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        site = Path(folder)
        (site / "hugo.toml").write_text(HUGO_CONFIG)
        content = site / "content" / "en" / "standalone"
        content.mkdir(parents=True)
        for number, text in enumerate(files):
            (content / f"page-{number}.md").write_bytes(text.encode("utf-8", "surrogatepass"))
        report = HugoImporter(site).run()
        outcomes = report.created + report.updated + report.unchanged + len(report.failed)
        assert outcomes == len(files)  # two files may share a slug
        assert all(reason for _, reason in report.failed)
        assert_pages_serve(client)
        assert_served_feeds_are_well_formed(client)
        transaction.set_rollback(True)


ITEM = st.fixed_dictionaries(
    {"title": TEXT, "description": BODY, "tags": st.lists(TEXT, max_size=3)}
)


def rss(items):
    def text(value):
        return escape(value.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))

    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        "<link>https://www.chenk.top/en/</link><description>d</description>"
        + "".join(
            f"<item><title>{text(item['title'])}</title>"
            f"<link>https://www.chenk.top/en/standalone/item-{number}/</link>"
            "<pubDate>Thu, 01 Jan 2026 09:00:00 +0000</pubDate>"
            + "".join(f"<category>{text(tag)}</category>" for tag in item["tags"])
            + f"<description>{text(item['description'])}</description></item>"
            for number, item in enumerate(items)
        )
        + "</channel></rss>"
    ).encode("utf-8", "surrogatepass")


@SERVING
@given(document=st.one_of(st.lists(ITEM, min_size=1, max_size=3).map(rss), st.binary()))
def test_import_feed_imports_or_refuses_any_document(db, client, document):
    with transaction.atomic():
        try:
            report = import_feed(document)
        except ImportAborted as error:
            assert str(error)
        else:
            assert all(reason for _, reason in report.failed)
        assert_pages_serve(client)
        assert_served_feeds_are_well_formed(client)
        transaction.set_rollback(True)
