"""The site's identity lives in the database: a Hugo site in any languages is served
as it is, with no code or environment change, and a change in the admin shows at once."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from blog import languages
from blog.hugo.importer import HugoImporter
from blog.models import Language, MenuEntry, Post, SiteSettings
from config.wsgi import application
from pagecache.models import ContentGeneration

HUGO_TOML = """\
baseURL = "https://exemple.ca/"
title = "Carnet"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = true

[params]
  author = "Camille"

[languages]
  [languages.fr]
    languageName = "Français"
    languageCode = "fr-CA"
    weight = 1
    contentDir = "content/fr"
    [languages.fr.params]
      description = "Notes de terrain."
    [[languages.fr.menus.main]]
      name = "Séries"
      url = "/series/"
      weight = 1
  [languages.de]
    languageName = "Deutsch"
    languageCode = "de"
    title = "Notizbuch"
    weight = 2
    contentDir = "content/de"
"""
POST = """\
---
title: {title}
date: 2025-01-0{day}T10:00:00Z
translationKey: premier
---
{body}
"""


@pytest.fixture
def french_and_german(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    site = tmp_path / "site"
    (site / "content/fr/billet").mkdir(parents=True)
    (site / "content/de/billet").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_TOML)
    (site / "content/fr/billet/premier.md").write_text(
        POST.format(title="Premier billet", day=1, body="Bonjour.")
    )
    (site / "content/de/billet/premier.md").write_text(
        POST.format(title="Erster Beitrag", day=2, body="Hallo.")
    )
    report = HugoImporter(site).run()
    assert report.failed == []
    return report


def channel(response):
    assert response.status_code == 200
    return ET.fromstring(response.content).find("channel")


def test_pages_of_a_french_and_german_site_answer_under_their_prefixes(client, french_and_german):
    french = client.get("/fr/billet/premier/").content.decode()
    german = client.get("/de/billet/premier/").content.decode()
    assert '<html lang="fr-CA">' in french and "<title>Premier billet · Carnet</title>" in french
    assert '<html lang="de">' in german and "Notizbuch" in german
    assert client.get("/")["Location"] == "/fr/"  # the default language


def test_language_is_gone_from_the_urls_when_deleted(client, french_and_german):
    Language.objects.filter(code="de").delete()
    assert client.get("/de/billet/premier/").status_code == 404


def test_feeds_announce_the_languages_code_and_title(client, french_and_german):
    french = channel(client.get("/fr/index.xml"))
    german = channel(client.get("/de/index.xml"))
    assert (french.findtext("title"), french.findtext("language")) == ("Carnet", "fr-CA")
    assert (german.findtext("title"), german.findtext("language")) == ("Notizbuch", "de")
    assert french.findtext("link") == "https://exemple.ca/fr/"


def test_section_without_index_page_is_titled_as_hugo_does(client, french_and_german):
    feed = channel(client.get("/fr/billet/index.xml"))
    assert feed.findtext("title") == "Billets on Carnet"
    assert "<h1>Billets</h1>" in client.get("/fr/billet/").content.decode()


def test_hreflang_names_each_translation_by_its_language_code(client, french_and_german):
    page = client.get("/fr/billet/premier/").content.decode()
    assert 'hreflang="de" href="https://exemple.ca/de/billet/premier/"' in page
    assert 'hreflang="fr-CA" href="https://exemple.ca/fr/billet/premier/"' in page


def test_the_menu_and_author_come_from_the_hugo_site(french_and_german):
    assert languages.menu("fr") == (("Séries", "/fr/series/"),)
    assert languages.author() == "Camille"
    assert languages.site_description("fr") == "Notes de terrain."


def test_the_site_url_of_feeds_follows_the_hugo_base_url(client, french_and_german):
    item = channel(client.get("/de/index.xml")).find("item")
    assert item.findtext("link") == "https://exemple.ca/de/billet/premier/"


def test_turning_pluralizing_off_retitles_the_section_at_once(client, french_and_german):
    site = SiteSettings.objects.current()
    site.pluralize_list_titles = False
    site.save()
    assert channel(client.get("/fr/billet/index.xml")).findtext("title") == "Billet on Carnet"


def test_an_editor_retitles_a_language_in_the_admin(client, french_and_german):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    german = Language.objects.get(code="de")
    form = {
        "code": "de",
        "language_code": "de-AT",
        "name": "Deutsch",
        "weight": 2,
        "title": "Heft",
        "description": "",
        "menu-TOTAL_FORMS": 0,
        "menu-INITIAL_FORMS": 0,
    }
    response = client.post(f"/admin/blog/language/{german.pk}/change/", form)
    assert response.status_code == 302
    assert channel(client.get("/de/index.xml")).findtext("title") == "Heft"
    assert channel(client.get("/de/index.xml")).findtext("language") == "de-AT"


def test_the_identity_is_read_once_and_kept(client, french_and_german):
    client.get("/fr/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/fr/")
    assert not [q for q in captured if "blog_language" in q["sql"] or "sitesettings" in q["sql"]]


def test_a_change_to_the_menu_is_read_again(client, french_and_german):
    MenuEntry.objects.create(language=Language.objects.get(code="de"), name="Alles", url="/de/")
    assert languages.menu("de") == (("Alles", "/de/"),)


def test_a_fresh_install_gets_its_languages_from_the_bootstrap_settings(db, settings):
    Language.objects.all().delete()
    SiteSettings.objects.all().delete()
    assert [language.code for language in languages.languages()] == ["en", "zh"]
    assert languages.language_code("zh") == "zh-CN"
    assert languages.site_title("en") == settings.SITE_TITLE


def site_with_languages(tmp_path, *keys):
    site = tmp_path / "site"
    (site / "content/notes").mkdir(parents=True)
    languages_toml = "".join(f'[languages."{key}"]\nweight = {n}\n' for n, key in enumerate(keys))
    (site / "hugo.toml").write_text(
        f'baseURL = "https://example.org/"\ntitle = "Elsewhere"\n{languages_toml}'
    )
    (site / "content/notes/first.md").write_text(POST.format(title="First", day=1, body="Hi."))
    return site


@pytest.mark.parametrize("key", ["en_GB", "fr fr", "zh-hant-tw-x", "zh-hant-tw-variant-one"])
def test_a_language_key_quire_cannot_serve_stops_the_import_by_name(db, tmp_path, key):
    site = site_with_languages(tmp_path, "en", key)
    with pytest.raises(CommandError, match=re.escape(key.lower())):
        call_command("import_hugo", site, stdout=io.StringIO())


def test_an_import_stopped_by_a_language_key_changes_nothing(db, tmp_path):
    site = site_with_languages(tmp_path, "en", "en_GB")
    with pytest.raises(CommandError):
        call_command("import_hugo", site, stdout=io.StringIO())
    assert SiteSettings.objects.current().title == ""
    assert [language.code for language in Language.objects.all()] == ["en", "zh"]
    assert not Post.objects.exists()


def test_after_a_strict_import_stops_at_a_file_the_site_has_its_languages_as_before(db, tmp_path):
    site = site_with_languages(tmp_path, "en", "fr")
    (site / "content/notes/broken.md").write_text("---\ntitle: [unclosed\n---\nBody.\n")
    with pytest.raises(CommandError):
        call_command("import_hugo", site, "--strict", stdout=io.StringIO())
    assert [language.code for language in languages.languages()] == ["en", "zh"]


def served(path):
    """``path`` as a server's worker process asks Django for it: gunicorn calls the
    WSGI application (the test client has a handler of its own)."""
    response = application(RequestFactory().get(path).environ, lambda status, headers: None)
    try:
        return b"".join(response)
    finally:
        response.close()


@pytest.mark.django_db(transaction=True)
def test_a_process_sees_a_change_another_made_with_the_page_cache_off(settings):
    settings.PAGE_CACHE_GENERATION_CHECK = 0
    assert ET.fromstring(served("/en/index.xml")).findtext("channel/title") == "Chen Kai Blog"
    # Another process saves the settings and, on commit, advances the generation.
    SiteSettings.objects.filter(pk=1).update(title="Renamed Elsewhere")
    ContentGeneration.objects.filter(pk=1).update(number=F("number") + 1)
    assert ET.fromstring(served("/en/index.xml")).findtext("channel/title") == "Renamed Elsewhere"
