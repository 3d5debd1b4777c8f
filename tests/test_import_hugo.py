"""``import_hugo`` on a site written for the tests and on the real site's sources."""

import html
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from blog.front_matter import split_front_matter
from blog.hugo.importer import HugoImporter
from blog.imports import ImportAborted
from blog.languages import site_title
from blog.models import Language, Post, PostFile, Section
from series.models import Series

from .test_rendering import math_in_source, parse

TEST_SITE = Path(__file__).resolve().parent / "hugo_site"


@pytest.fixture
def site(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://example.org"
    settings.TIME_ZONE = "Asia/Shanghai"
    copy = tmp_path / "site"
    shutil.copytree(TEST_SITE, copy)
    return copy


@pytest.fixture
def imported(db, site):
    report = HugoImporter(site).run()
    assert report.failed == []
    return report


def post(title):
    return Post.objects.get(title=title)


def test_every_page_of_the_site_becomes_a_post(imported):
    assert imported.created == 11
    assert Post.objects.count() == 11


def test_running_again_changes_nothing_and_says_so(imported, site, capsys):
    saved = dict(Post.objects.values_list("pk", "saved_at"))
    call_command("import_hugo", str(site))
    output = capsys.readouterr().out
    assert "posts: 0 created, 0 updated, 11 unchanged, 0 failed (nothing changed)" in output
    assert "sections: 0 created, 0 updated, 2 unchanged" in output
    assert dict(Post.objects.values_list("pk", "saved_at")) == saved


def test_an_edited_file_updates_its_post_in_place(imported, site):
    page = site / "content/en/notes/second.md"
    page.write_text(page.read_text().replace("slug override.", "slug override, edited."))
    report = HugoImporter(site).run()
    assert (report.created, report.updated, report.unchanged) == (0, 1, 10)
    assert "edited" in post("Learning Notes (2): Second Note").body_html


def test_a_title_with_a_line_break_is_one_line_and_unchanged_when_run_again(imported, site):
    page = site / "content/en/notes/second.md"
    page.write_text(page.read_text().replace("(2): Second Note", "(2):\\r\\nSecond  Note"))
    HugoImporter(site).run()
    report = HugoImporter(site).run()
    assert report.unchanged == 11
    assert Post.objects.filter(title="Learning Notes (2): Second Note").exists()


def test_yaml_toml_and_json_front_matter_are_read(imported):
    assert post("Learning Notes (1): First Note").description == "The first note."
    assert post("Learning Notes (2): Second Note").slug == "second-note"
    assert post("A Note in JSON").categories.get().name == "Programming"


def test_dates_without_an_offset_are_in_the_sites_time_zone(imported):
    first = post("Learning Notes (1): First Note")
    assert first.published_at.isoformat() == "2025-03-01T01:00:00+00:00"
    assert first.updated_at.isoformat() == "2025-03-04T02:00:00+00:00"


def test_publish_date_after_the_date_embargoes_the_post(imported):
    plain = post("A Plain Standalone Page")
    assert plain.published_at.day == 20
    assert plain.embargoed_until.day == 21


def test_drafts_future_and_expired_posts_are_stored_and_never_public(imported):
    hidden = {"A Draft", "From the Future", "An Expired Note"}
    assert set(Post.objects.values_list("title", flat=True)) >= hidden
    assert not Post.objects.published().filter(title__in=hidden).exists()


def test_posts_live_at_their_hugo_permalinks(imported, client):
    for path, title in [
        ("/en/notes/learning-notes-1-first-note/", "Learning Notes (1): First Note"),
        ("/en/notes/second-note/", "Learning Notes (2): Second Note"),
        ("/en/standalone/plain-page/", "A Plain Standalone Page"),
        ("/en/standalone/renamed-bundle/", "Standalone Bundle"),
        ("/en/special/place/", "A Page With Its Own URL"),
        ("/zh/notes/学习笔记一第一篇/", "学习笔记（一）：第一篇"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
        assert heading.group(1).strip() == title, path


def test_a_url_override_is_the_posts_own_path(imported):
    special = post("A Page With Its Own URL")
    assert special.path == "/en/special/place/"
    assert special.get_absolute_url() == "/en/special/place/"


def test_aliases_answer_301_site_relative_and_page_relative(imported, client):
    target = "/en/notes/learning-notes-1-first-note/"
    for alias in ("/old/first-note/", "/en/notes/first-note-old/", "/old/first-note"):
        response = client.get(alias)
        assert response.status_code == 301, alias
        assert response["Location"] == target
    assert client.get("/legacy/json.html")["Location"] == "/en/notes/a-note-in-json/"


def test_translations_are_linked_both_ways(imported, client):
    english = post("Learning Notes (1): First Note")
    chinese = post("学习笔记（一）：第一篇")
    assert english.translation_key == chinese.translation_key == "first-note"
    page = client.get(english.get_absolute_url()).content.decode()
    assert f'href="{chinese.get_absolute_url()}"' in page
    assert 'hreflang="zh-CN"' in page


def test_pages_at_the_same_path_in_two_languages_are_translations(imported):
    plain_key = post("A Plain Standalone Page").translation_key
    assert plain_key == "standalone/Plain-Page"


def test_series_take_their_names_from_the_data_file_per_language(imported):
    english = Series.objects.get(language="en", slug="learning-notes")
    chinese = Series.objects.get(language="zh", slug="learning-notes")
    assert (english.title, chinese.title) == ("Learning Notes", "学习笔记")
    assert english.term_name == "learning-notes"
    assert chinese.description == "用于测试的短系列。"
    assert list(english.published_parts().values_list("series_order", flat=True)) == [1, 2]


def test_sections_come_from_their_index_files(imported, client):
    notes = Section.objects.get(language="en", slug="notes")
    assert notes.title == "Notes"
    assert "its own introduction" in notes.body_html
    assert "its own introduction" in client.get("/en/notes/").content.decode()


def test_bundle_images_are_copied_and_linked(imported, client):
    bundle = post("A Bundle With a Figure")
    stored = PostFile.objects.get(post=bundle)
    assert stored.original_path == "/en/notes/a-bundle-with-a-figure/diagram.png"
    assert f'src="{stored.file.url}"' in bundle.body_html
    response = client.get(stored.file.url)
    assert response.status_code == 200
    source = TEST_SITE / "content/en/notes/bundle-post/diagram.png"
    assert b"".join(response.streaming_content) == source.read_bytes()


def test_a_changed_bundle_image_is_stored_again(imported, site):
    image = site / "content/en/notes/bundle-post/diagram.png"
    image.write_bytes(image.read_bytes() + b"\0")
    report = HugoImporter(site).run()
    assert report.updated == 1
    stored = PostFile.objects.get(post=post("A Bundle With a Figure"))
    with stored.file.open("rb") as handle:
        assert handle.read() == image.read_bytes()


def test_non_ascii_terms_keep_their_letters(imported, client):
    tag_page = client.get("/en/tags/线性代数/")
    assert tag_page.status_code == 200
    assert "线性代数" in tag_page.content.decode()
    assert "Learning Notes (1): First Note" in tag_page.content.decode()
    feed = ET.fromstring(client.get("/zh/categories/数学/index.xml").content).find("channel")
    assert feed.findtext("title").startswith("数学")
    assert [item.findtext("title") for item in feed.iter("item")] == ["学习笔记（一）：第一篇"]


def test_a_broken_file_is_reported_with_its_path_and_the_rest_imported(db, site):
    broken = site / "content/en/notes/broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\nBody")
    report = HugoImporter(site).run()
    assert report.created == 11
    [(where, reason)] = report.failed
    assert where.endswith("content/en/notes/broken.md")
    assert "invalid YAML front matter" in reason


def test_strict_aborts_on_a_broken_file_and_changes_nothing(db, site):
    (site / "content/en/notes/broken.md").write_text("+++\ntitle = \n+++\n")
    with pytest.raises(ImportAborted, match=r"broken\.md"):
        HugoImporter(site, strict=True).run()
    assert not Post.objects.exists()
    assert not Series.objects.exists()


def test_dry_run_keeps_nothing(db, site, settings):
    report = HugoImporter(site, dry_run=True).run()
    assert report.created == 11
    assert not Post.objects.exists()
    assert not Path(settings.MEDIA_ROOT).exists()


def test_a_language_the_hugo_site_adds_is_carried_over_with_its_pages(db, site, client):
    config = site / "hugo.toml"
    config.write_text(config.read_text() + '\n  [languages.fr]\n    contentDir = "content/fr"\n')
    (site / "content/fr/notes").mkdir(parents=True)
    (site / "content/fr/notes/bonjour.md").write_text("---\ntitle: Bonjour\n---\nSalut")
    report = HugoImporter(site).run()
    assert report.failed == []
    assert "language fr: added (fr, announced as fr)" in report.site_changes
    assert "Bonjour" in client.get("/fr/notes/bonjour/").content.decode()


def test_a_directory_that_is_not_a_hugo_site_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match=r"no hugo\.toml"):
        call_command("import_hugo", str(tmp_path))


def test_the_command_reports_the_settings_it_changes(db, site, capsys):
    call_command("import_hugo", str(site))
    output = capsys.readouterr().out
    assert "site: site title: '' → 'Field Notes'" in output
    assert "site: language zh title: '' → '田野笔记'" in output


def test_a_dry_run_reports_the_settings_it_would_change_and_keeps_none(db, site, capsys):
    call_command("import_hugo", str(site), "--dry-run")
    assert "site: language zh title: '' → '田野笔记'" in capsys.readouterr().out
    assert site_title("zh") == "Chen Kai Blog"
    assert not Language.objects.filter(title="田野笔记").exists()


def test_a_second_import_changes_no_setting(db, site):
    HugoImporter(site).run()
    assert HugoImporter(site).run().site_changes == []


# The real site's sources (../shared/chenk-top)


@pytest.fixture
def chenk_top(db, hugo_site, settings):
    settings.SITE_URL = "https://www.chenk.top"
    report = HugoImporter(hugo_site).run()
    assert report.failed == []
    return hugo_site


def test_the_real_site_imports_and_a_second_run_changes_nothing(chenk_top):
    again = HugoImporter(chenk_top).run()
    assert again.changed == 0
    assert again.unchanged == Post.objects.count() == 35


def test_every_real_post_answers_at_its_hugo_path_with_its_math(chenk_top, client):
    for source in sorted((chenk_top / "content").glob("*/*/*.md")):
        if source.name == "_index.md":
            continue
        language, section = source.parent.parent.name, source.parent.name
        path = f"/{language}/{section}/{source.stem.lower()}/"
        response = client.get(path)
        assert response.status_code == 200, path
        _, body = split_front_matter(source.read_text(encoding="utf-8"))
        page = response.content.decode()
        article = page[page.index('class="post-body') :]
        assert typeset_tex(article) == math_in_source(body), path


def typeset_tex(html):
    """The TeX of each typeset formula of a page, as its source wrote it: from KaTeX's
    MathML annotation, or the code span showing TeX KaTeX refused."""
    found = []
    for element in parse(html).iter():
        kind = element.get("class")
        if kind not in ("math-inline", "math-block"):
            continue
        delimiter = "$$" if kind == "math-block" else "$"
        annotation = next((e for e in element.iter() if e.tag.endswith("annotation")), None)
        if annotation is not None:
            found.append(f"{delimiter}{annotation.text or ''}{delimiter}")
        else:
            found.append("".join(element.itertext()))
    return found


def test_every_image_a_real_post_links_resolves(chenk_top, client):
    """An image on another host is linked as the post's Markdown wrote it; an image
    served here answers with the image."""
    images = 0
    for post_page in Post.objects.published():
        for source in re.findall(r'<img [^>]*src="([^"]+)"', post_page.body_html):
            images += 1
            source = html.unescape(source)
            if source.startswith(("https://", "http://")):
                assert source in post_page.body, source
                continue
            response = client.get(source)
            assert response.status_code == 200, source
            assert response["Content-Type"].startswith("image/"), source
    assert images


def test_the_ml_tag_feed_lists_every_seed_item_the_sample_holds(chenk_top, client, seed_feed):
    seed = ET.parse(seed_feed).getroot().find("channel").findall("item")
    ours = {
        item.findtext("link"): item
        for item in ET.fromstring(client.get("/en/tags/machine-learning/index.xml").content)
        .find("channel")
        .findall("item")
    }
    sources = {p.stem.lower() for p in (chenk_top / "content/en").glob("*/*.md")}
    held = [item for item in seed if item.findtext("link").rstrip("/").rsplit("/", 1)[1] in sources]
    assert len(held) >= 30
    for item in held:
        mine = ours[item.findtext("link")]
        for element in ("title", "guid", "pubDate"):
            assert mine.findtext(element) == item.findtext(element), (
                item.findtext("link"),
                element,
            )
