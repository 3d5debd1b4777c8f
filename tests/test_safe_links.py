"""The menus' entries and the footer's links are addresses a reader follows: web and
mail addresses, paths on the site and fragments, never a script (``javascript:``,
``data:``, ``vbscript:``) — refused in the admin, and left out of pages when a row
holds one from before."""

import pytest
from django.core.exceptions import ValidationError

from blog.models import Language, MenuEntry, SiteSettings, SocialLink
from blog.models.validators import validate_link

SAFE = [
    "https://github.com/quire",
    "http://example.org/a?b=c#d",
    "mailto:camille@example.org",
    "/en/series/",
    "about/",
    "../tags/",
    "#top",
]
UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "ftp://example.org/",
    "https://",
]


@pytest.mark.parametrize("url", SAFE)
def test_web_and_mail_addresses_paths_and_fragments_are_links(url):
    validate_link(url)


@pytest.mark.parametrize("url", UNSAFE)
def test_scripts_and_other_schemes_are_not_links(url):
    with pytest.raises(ValidationError):
        validate_link(url)


def language_change(client, language, url):
    form = {
        **{field: getattr(language, field) for field in ("code", "language_code", "name")},
        **{field: getattr(language, field) for field in ("weight", "title", "description")},
        "is_default": "on",
        "menu-TOTAL_FORMS": 1,
        "menu-INITIAL_FORMS": 0,
        "menu-0-language": language.pk,
        "menu-0-name": "Click",
        "menu-0-url": url,
        "menu-0-weight": 1,
    }
    return client.post(f"/admin/blog/language/{language.pk}/change/", form)


def site_settings_change(client, url):
    site = SiteSettings.objects.current()
    form = {
        "title": site.title,
        "base_url": site.base_url,
        "author": site.author,
        "pluralize_list_titles": "on",
        "capitalize_list_titles": "on",
        "title_case_style": site.title_case_style,
        "links-TOTAL_FORMS": 1,
        "links-INITIAL_FORMS": 0,
        "links-0-site": site.pk,
        "links-0-name": "Click",
        "links-0-url": url,
        "links-0-weight": 1,
    }
    return client.post(f"/admin/blog/sitesettings/{site.pk}/change/", form)


def test_the_admin_refuses_a_script_as_a_menu_entry(admin_client):
    language_change(admin_client, Language.objects.get(code="en"), "javascript:alert(1)")
    assert not MenuEntry.objects.exists()


def test_the_admin_takes_a_path_as_a_menu_entry(admin_client):
    response = language_change(admin_client, Language.objects.get(code="en"), "/en/series/")
    assert response.status_code == 302
    assert MenuEntry.objects.get().url == "/en/series/"


def test_the_admin_refuses_a_script_as_a_footer_link(admin_client):
    site_settings_change(admin_client, "javascript:alert(1)")
    assert not SocialLink.objects.exists()


def test_the_admin_takes_a_web_address_as_a_footer_link(admin_client):
    assert site_settings_change(admin_client, "https://github.com/quire").status_code == 302
    assert SocialLink.objects.get().url == "https://github.com/quire"


def test_a_stored_script_menu_entry_is_left_out_of_pages(client, db):
    english = Language.objects.get(code="en")
    MenuEntry.objects.create(language=english, name="Safe", url="/en/tags/", weight=1)
    MenuEntry.objects.create(language=english, name="Click", url="javascript:alert(1)", weight=2)
    page = client.get("/en/").content.decode()
    assert "Safe" in page and "javascript:" not in page


def test_a_stored_script_footer_link_is_left_out_of_pages(client, db):
    site = SiteSettings.objects.current()
    SocialLink.objects.create(site=site, name="Click", url="data:text/html,hi", weight=1)
    assert "data:text/html" not in client.get("/en/").content.decode()
