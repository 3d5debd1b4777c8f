"""The header's main menu and the footer's links come from the site settings: the
owner's entries per language, in their order, else the built-in ones; import_hugo
carries the real site's menu over, leaving out and reporting what Quire does not serve."""

import re
import shutil

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from blog.hugo.importer import HugoImporter
from blog.models import Language, MenuEntry, SiteSettings, SocialLink
from tests.conftest import HUGO_SITE, SHARED, shared_path

NAV = re.compile(r'<nav class="site-nav".*?</nav>', re.S)
ENTRY = re.compile(r'<a href="([^"]*)"( aria-current="page")?>([^<]*)</a>')
PAGES_SITE = SHARED / "chenk-top-pages"


def header_menu(client, path):
    """(url, name, current) of each entry of the page's main menu, in order."""
    page = client.get(path).content.decode()
    return [(url, name, bool(current)) for url, current, name in ENTRY.findall(NAV.search(page)[0])]


def add_entries(code, *entries):
    language = Language.objects.get(code=code)
    for weight, name, url in entries:
        MenuEntry.objects.create(language=language, name=name, url=url, weight=weight)


def test_the_header_lists_each_languages_entries_in_weight_order(client, db):
    add_entries("en", (3, "About", "/en/about/"), (1, "Home", "/en/"), (2, "Tags", "/en/tags/"))
    add_entries("zh", (2, "系列", "/zh/series/"), (1, "首页", "/zh/"))
    assert [name for _, name, _ in header_menu(client, "/en/tags/")] == ["Home", "Tags", "About"]
    assert [name for _, name, _ in header_menu(client, "/zh/")] == ["首页", "系列"]


def test_the_entry_for_the_page_shown_is_marked_current(client, db):
    add_entries("en", (1, "Home", "/en/"), (2, "Tags", "/en/tags/"))
    assert header_menu(client, "/en/tags/") == [
        ("/en/", "Home", False),
        ("/en/tags/", "Tags", True),
    ]


def test_a_fresh_install_shows_the_built_in_menu(client, db):
    assert header_menu(client, "/en/series/") == [
        ("/en/", "Posts", False),
        ("/en/series/", "Series", True),
        ("/en/tags/", "Tags", False),
        ("/en/categories/", "Categories", False),
    ]


def test_a_language_without_entries_keeps_the_built_in_menu(client, db):
    add_entries("en", (1, "Home", "/en/"))
    assert [name for _, name, _ in header_menu(client, "/zh/")][-1] == "分类"


def test_an_entry_renamed_in_the_admin_shows_at_once(client, db):
    add_entries("en", (1, "Home", "/en/"))
    assert header_menu(client, "/en/")[0][1] == "Home"  # now in the page cache
    client.force_login(User.objects.create_superuser("root", password="pw"))
    english = Language.objects.get(code="en")
    entry = english.menu.get()
    form = {
        **{field: getattr(english, field) for field in ("code", "language_code", "name")},
        **{field: getattr(english, field) for field in ("weight", "title", "description")},
        "is_default": "on",
        "menu-TOTAL_FORMS": 1,
        "menu-INITIAL_FORMS": 1,
        "menu-0-id": entry.pk,
        "menu-0-language": english.pk,
        "menu-0-name": "Start",
        "menu-0-url": "/en/",
        "menu-0-weight": 1,
    }
    response = client.post(f"/admin/blog/language/{english.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert header_menu(client, "/en/")[0][1] == "Start"


def test_the_footer_links_the_owners_profiles_as_theirs(client, db):
    site = SiteSettings.objects.current()
    SocialLink.objects.create(site=site, name="GitHub", url="https://github.com/quire", weight=1)
    page = client.get("/en/").content.decode()
    assert '<a href="https://github.com/quire" rel="me">GitHub</a>' in page


def test_the_footer_has_no_links_list_without_links(client, db):
    assert 'class="site-links"' not in client.get("/en/").content.decode()


@pytest.fixture
def real_site_with_pages(db, tmp_path, settings):
    """../shared/chenk-top plus ../shared/chenk-top-pages, imported."""
    settings.MEDIA_ROOT = tmp_path / "media"
    site = tmp_path / "site"
    shutil.copytree(shared_path(HUGO_SITE), site)
    shutil.copytree(shared_path(PAGES_SITE) / "content", site / "content", dirs_exist_ok=True)
    return site


def test_the_real_menu_keeps_the_entries_quire_serves(real_site_with_pages):
    HugoImporter(real_site_with_pages).run()
    assert list(Language.objects.get(code="en").menu.values_list("name", "url")) == [
        ("Home", "/en/"),
        ("Series", "/en/series/"),
        ("Archives", "/en/archives/"),
        ("About", "/en/about/"),
    ]


def test_a_real_menu_entry_quire_does_not_serve_is_reported(real_site_with_pages, capsys):
    call_command("import_hugo", real_site_with_pages)
    warnings = [line for line in capsys.readouterr().err.splitlines() if "menu:" in line]
    assert "warning: menu: /en/projects/ is not served here" in "\n".join(warnings)
    assert not [line for line in warnings if "/en/archives/" in line or "/en/about/" in line]


def test_every_entry_of_the_real_menu_answers(real_site_with_pages, client):
    HugoImporter(real_site_with_pages).run()
    for code in ("en", "zh"):
        for url, name, _ in header_menu(client, f"/{code}/"):
            assert client.get(url).status_code == 200, (name, url)


def test_a_menu_entry_that_is_no_web_address_is_left_out(real_site_with_pages):
    config = real_site_with_pages / "hugo.toml"
    config.write_text(config.read_text().replace('url = "/projects/"', 'url = "javascript:x()"'))
    report = HugoImporter(real_site_with_pages).run()
    assert any("javascript:x() is not a web address" in line for line in report.warnings)
    assert not MenuEntry.objects.filter(url__startswith="javascript").exists()
