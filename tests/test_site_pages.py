"""Pages that are not posts (about, archives): imported from Hugo's ``_build`` and
``headless`` front matter, served at their Hugo address, never in a list or feed."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.hugo.exporter import HugoExporter
from blog.hugo.importer import HugoImporter
from blog.hugo.pages import BuildOptions
from blog.models import Page, Post

TEST_SITE = Path(__file__).resolve().parent / "hugo_site"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# Hugo's _build options and headless, on the small test site


@pytest.fixture
def site(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://example.org"
    copy = tmp_path / "site"
    shutil.copytree(TEST_SITE, copy)
    return copy


def import_site(site):
    report = HugoImporter(site).run()
    assert report.failed == []
    return report


BUILD = "---\ntitle: {title}\n{front_matter}\n---\nSome **text** of {title}.\n"


@pytest.mark.parametrize(
    ("front_matter", "served", "listed"),
    [
        ("_build:\n  list: never\n  render: always", True, False),
        ("_build:\n  list: local", True, True),
        ("_build:\n  render: never", False, True),
        ("_build:\n  render: link\n  list: never", False, False),
        ("_build:\n  list: false", True, False),
        ("headless: true", False, False),
        ("layout: archives", True, True),
    ],
)
def test_build_options_make_a_page_served_and_listed_as_hugo_does(
    db, site, client, front_matter, served, listed
):
    write(
        site / "content/en/colophon.md", BUILD.format(title="Colophon", front_matter=front_matter)
    )
    import_site(site)
    page = Page.objects.get(path="/en/colophon/")
    assert (page.rendered, page.listed) == (served, listed)
    assert (client.get("/en/colophon/").status_code == 200) == served
    assert ("/en/colophon/" in client.get("/en/sitemap.xml").content.decode()) == (
        served and listed
    )


def test_a_page_hugo_lists_and_renders_stays_a_post(db, site):
    write(site / "content/en/colophon.md", BUILD.format(title="Colophon", front_matter=""))
    import_site(site)
    assert Post.objects.filter(path="/en/colophon/").exists()
    assert not Page.objects.exists()


def test_an_unknown_build_value_fails_the_file_with_its_reason(db, site):
    write(
        site / "content/en/colophon.md",
        BUILD.format(title="Colophon", front_matter="_build:\n  list: sometimes"),
    )
    report = HugoImporter(site).run()
    assert [str(path) for path, _ in report.failed] == [str(site / "content/en/colophon.md")]
    assert "sometimes" in str(report.failed[0][1])


def test_build_options_keep_publish_resources():
    options = BuildOptions.from_front_matter({"_build": {"publishResources": False}})
    assert options == BuildOptions(publish_resources=False)


def test_a_post_that_becomes_a_page_leaves_every_list(db, site, client):
    about = site / "content/en/about.md"
    write(about, BUILD.format(title="About", front_matter=""))
    import_site(site)
    assert "/en/about/" in client.get("/en/index.xml").content.decode()
    write(about, BUILD.format(title="About", front_matter="_build:\n  list: never"))
    import_site(site)
    assert "/en/about/" not in client.get("/en/index.xml").content.decode()
    assert "Some <strong>text</strong> of About." in client.get("/en/about/").content.decode()


def test_a_draft_page_is_not_served(db, site, client):
    write(
        site / "content/en/about.md",
        BUILD.format(title="About", front_matter="draft: true\n_build:\n  list: never"),
    )
    import_site(site)
    assert client.get("/en/about/").status_code == 404


# Pages themselves


def test_a_page_body_is_sanitized_at_save(db, client):
    Page.objects.create(
        language="en", path="/en/about/", title="About", body="Hi <script>alert(1)</script>"
    )
    page = client.get("/en/about/").content.decode()
    assert "alert(1)" not in Page.objects.get().body_html
    assert "<script>alert" not in page


def test_a_page_address_without_its_slash_leads_to_it(db, client):
    Page.objects.create(language="en", path="/en/about/", title="About", body="Hi.")
    response = client.get("/en/about")
    assert (response.status_code, response["Location"]) == (301, "/en/about/")


def test_a_page_is_read_once_to_be_served(db, client):
    Page.objects.create(language="en", path="/en/about/", title="About", body="Hi.")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/about/").status_code == 200
    page_reads = [query for query in captured if 'FROM "blog_page"' in query["sql"]]
    assert len(page_reads) == 1


def test_a_saved_page_retires_the_cached_one(transactional_db, client, settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_CHECK = 0  # read the generation on every request
    page = Page.objects.create(language="en", path="/en/about/", title="About", body="First.")
    assert "First." in client.get("/en/about/").content.decode()
    page.body = "Second."
    page.save()
    assert "Second." in client.get("/en/about/").content.decode()


def test_the_archive_costs_the_same_queries_at_3_and_at_30_posts(db, client, make_post):
    Page.objects.create(language="en", path="/en/archives/", title="Archives", layout="archives")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/archives/").status_code == 200
        return len(captured)

    for _ in range(3):
        make_post()
    few = queries()
    for number in range(27):
        make_post(published_at=dt.datetime(2020 + number % 5, 1 + number % 12, 3, tzinfo=dt.UTC))
    assert queries() == few


def test_export_writes_pages_back_and_they_import_again(db, site, tmp_path):
    write(
        site / "content/en/about.md",
        BUILD.format(
            title="About", front_matter="type: about\nlayout: about\n_build:\n  list: never"
        ),
    )
    import_site(site)
    before = list(Page.objects.values())
    HugoExporter(tmp_path / "export").run()
    Page.objects.all().delete()
    import_site(tmp_path / "export")
    after = list(Page.objects.values())
    assert [{**row, "id": 0} for row in after] == [{**row, "id": 0} for row in before]


@pytest.mark.parametrize("listed", [True, False])
def test_an_exported_page_imports_again_as_a_page(db, tmp_path, listed):
    Page.objects.create(
        language="en", path="/en/about/", title="About", body="Who writes.", listed=listed
    )
    HugoExporter(tmp_path / "export").run()
    Page.objects.all().delete()
    import_site(tmp_path / "export")
    assert Page.objects.get(path="/en/about/").listed == listed
    assert not Post.objects.exists()


def test_a_page_may_not_take_a_posts_address(db, make_post):
    make_post(section="standalone", slug="about")
    page = Page(language="en", path="/en/standalone/about/", title="About")
    with pytest.raises(ValidationError, match="A post lives at"):
        page.full_clean()
