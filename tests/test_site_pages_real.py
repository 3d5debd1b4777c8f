"""The real site's about and archives pages (../shared/chenk-top-pages) imported with
its posts (../shared/chenk-top): served at their Hugo addresses, in no list or feed.

Its own module: the import is made once and seen by every test here."""

import re
import shutil

import pytest
from django.db import transaction

from blog.hugo.importer import HugoImporter
from blog.models import Page, Post
from tests.conftest import HUGO_SITE, SHARED, shared_path

PAGES_SITE = SHARED / "chenk-top-pages"
HREF = re.compile(r'href="([^"#?]+)"')


@pytest.fixture(scope="module")
def real_site_with_pages(django_db_setup, django_db_blocker, tmp_path_factory):
    """../shared/chenk-top plus ../shared/chenk-top-pages, imported once for the module."""
    site = tmp_path_factory.mktemp("chenk-top") / "site"
    shutil.copytree(shared_path(HUGO_SITE), site)
    shutil.copytree(shared_path(PAGES_SITE) / "content", site / "content", dirs_exist_ok=True)
    with django_db_blocker.unblock(), transaction.atomic():
        report = HugoImporter(site).run()
        assert report.failed == []
        yield report
        transaction.set_rollback(True)


@pytest.fixture
def real_pages(real_site_with_pages, db):
    return real_site_with_pages


def test_the_real_about_page_answers_at_its_hugo_address(real_pages, client):
    response = client.get("/en/about/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>About</h1>" in page
    assert "<h2" in page  # its Markdown rendered
    assert not Post.objects.filter(title__in=["About", "Archives"]).exists()


def test_the_real_archives_page_lists_every_public_english_post_once(real_pages, client):
    page = client.get("/en/archives/").content.decode()
    english = Post.objects.published().in_language("en")
    links = HREF.findall(page[page.index("archive-year") : page.index("</article>")])
    assert sorted(links) == sorted(post.get_absolute_url() for post in english)


def test_the_archives_group_posts_by_year_and_month_newest_first(real_pages, client):
    page = client.get("/en/archives/").content.decode()
    years = [int(year) for year in re.findall(r"<h2>(\d{4})</h2>", page)]
    assert years == sorted(set(years), reverse=True)
    newest = Post.objects.published().in_language("en").newest_first().first()
    assert f"<h3>{newest.published_at:%B %Y}</h3>" in page


def test_neither_real_page_appears_in_any_list_feed_or_index(real_pages, client):
    """Every list page (all their pages), every feed of every list, the sitemaps and
    the search index: none names the about or archives page in what it lists (the
    header's menu links both from every page, as the live site's does)."""
    lists = {"/en/", "/en/tags/", "/en/categories/", "/en/series/"}
    for post in Post.objects.published().filter(language="en"):
        lists.add(f"/en/{post.section}/")
        lists.update(f"/en/tags/{tag.slug}/" for tag in post.tags.all())
        lists.update(f"/en/categories/{category.slug}/" for category in post.categories.all())
    walked = set()
    queue = sorted(lists)
    while queue:
        path = queue.pop()
        if path in walked:
            continue
        walked.add(path)
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        page = response.content.decode()
        listed = page[page.index("<main") : page.index("</main>")]
        assert "/en/about/" not in listed and "/en/archives/" not in listed, path
        queue += [link for link in HREF.findall(page) if "/page/" in link]
    feeds = [f"{path}index.xml" for path in lists if path.count("/") > 2 or path == "/en/"]
    addresses = [*feeds, "/sitemap.xml", "/en/sitemap.xml", "/en/index.json"]
    for address in addresses:
        response = client.get(address)
        if response.status_code == 404:  # a taxonomy's own index has no feed
            continue
        assert "/en/about/" not in response.content.decode(), address
        assert "/en/archives/" not in response.content.decode(), address
    assert len(walked) > 20 and len(addresses) > 20


def test_a_second_import_of_the_real_pages_changes_nothing(real_pages, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(HUGO_SITE, site)
    shutil.copytree(PAGES_SITE / "content", site / "content", dirs_exist_ok=True)
    again = HugoImporter(site).run()
    assert again.changed == 0
    assert Page.objects.count() == 2
