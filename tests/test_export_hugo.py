"""No lock-in: export_hugo writes a Hugo site that imports back into the same blog."""

import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from blog.hugo.exporter import HugoExporter
from blog.hugo.importer import HugoImporter
from blog.models import Alias, Category, Post, PostFile, Section, Tag
from series.models import Series

TEST_SITE = Path(__file__).resolve().parent / "hugo_site"
# Everything a TOML basic string must escape, and text that needs no escape at all.
AWKWARD = 'Line\r\nbreaks, a "quote", a back\\slash, a bell \x07, a tab\t, 数学与统计 ≤ ∞'


def snapshot():
    """Everything a reader or a feed could see of every post, keyed by permalink."""
    posts = Post.objects.select_related("series").prefetch_related(
        "tags", "categories", "aliases", "files"
    )
    return {
        (post.language, post.get_absolute_url()): {
            "title": post.title,
            "body": post.body,
            "body_html": post.body_html,
            "summary": post.summary,
            "description": post.description,
            "status": post.status,
            "dates": (post.published_at, post.updated_at, post.embargoed_until, post.expires_at),
            "tags": [tag.name for tag in post.tags.all()],
            "categories": [category.name for category in post.categories.all()],
            "series": (post.series.slug, post.series.title, post.series.term_name)
            if post.series
            else None,
            "series_order": post.series_order,
            "aliases": sorted(alias.path for alias in post.aliases.all()),
            "translation_key": post.translation_key,
            "files": sorted((f.name, f.sha256, f.original_path) for f in post.files.all()),
        }
        for post in posts
    }


def wipe():
    for model in (Alias, PostFile, Post, Series, Section, Tag, Category):
        model.objects.all().delete()


def round_trip(site, tmp_path):
    assert HugoImporter(site).run().failed == []
    before = snapshot()
    HugoExporter(tmp_path / "export").run()
    wipe()
    report = HugoImporter(tmp_path / "export").run()
    assert report.failed == []
    return before, snapshot()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_real_site_survives_import_export_import(db, hugo_site, tmp_path, media, settings):
    settings.SITE_URL = "https://www.chenk.top"
    before, after = round_trip(hugo_site, tmp_path)
    assert len(before) == 35
    assert after == before


def test_the_test_site_survives_with_bundles_drafts_aliases_and_urls(db, tmp_path, media, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    site = tmp_path / "site"
    shutil.copytree(TEST_SITE, site)
    before, after = round_trip(site, tmp_path)
    assert after == before
    assert any(post["files"] for post in after.values())
    assert ("en", "/en/special/place/") in after


def test_series_names_and_sections_come_back(db, tmp_path, media):
    site = tmp_path / "site"
    shutil.copytree(TEST_SITE, site)
    HugoImporter(site).run()
    names = set(Series.objects.values_list("language", "title", "description"))
    sections = set(Section.objects.values_list("language", "slug", "title", "body"))
    HugoExporter(tmp_path / "export").run()
    wipe()
    HugoImporter(tmp_path / "export").run()
    assert set(Series.objects.values_list("language", "title", "description")) == names
    assert set(Section.objects.values_list("language", "slug", "title", "body")) == sections


def test_series_toml_reads_back_any_title_and_description(db, tmp_path, media):
    english = Series.objects.create(
        slug="awkward", language="en", title=AWKWARD, description=AWKWARD
    )
    chinese = Series.objects.create(slug="awkward", language="zh", title="中文 " + AWKWARD)
    HugoExporter(tmp_path / "export").run()
    written = (tmp_path / "export" / "data" / "series.toml").read_text(encoding="utf-8")
    assert tomllib.loads(written) == {
        "awkward": {
            "name_en": english.title,
            "description_en": AWKWARD,
            "name": english.title,
            "name_zh": chinese.title,
        }
    }


def test_hugo_toml_reads_back_any_site_title(db, tmp_path, settings):
    settings.SITE_TITLE = AWKWARD
    HugoExporter(tmp_path / "export").run()
    config = tomllib.loads((tmp_path / "export" / "hugo.toml").read_text(encoding="utf-8"))
    assert config["title"] == AWKWARD
    assert config["languages"]["zh"]["languageName"] == "简体中文"


def test_hugo_builds_the_export_with_the_same_posts_in_its_feed(db, client, tmp_path, media):
    hugo = shutil.which("hugo")
    if hugo is None:
        pytest.skip("the hugo binary is not installed (apt-get install hugo)")
    shutil.copytree(TEST_SITE, tmp_path / "site")
    HugoImporter(tmp_path / "site").run()
    call_command("export_hugo", str(tmp_path / "export"))
    subprocess.run(
        [hugo, "--quiet", "--source", tmp_path / "export", "--destination", tmp_path / "out"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    hugo_feed = ET.parse(tmp_path / "out/en/index.xml").getroot()
    quire_feed = ET.fromstring(client.get("/en/index.xml").content)
    assert [link.text for link in hugo_feed.iter("link")][1:] == [
        link.text for link in quire_feed.iter("link")
    ][1:]


def test_export_refuses_a_folder_with_files_in_it(db, tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty"):
        call_command("export_hugo", str(tmp_path))
