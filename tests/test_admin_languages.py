"""Languages in the admin: one that content lives under keeps its prefix and cannot be
deleted (every address of that content would break), and one added is served at once."""

import pytest

from blog.models import Language, MenuEntry, Page, Section

ADD = "/admin/blog/language/add/"


def language_form(**fields):
    return {
        "code": "de",
        "language_code": "de",
        "name": "Deutsch",
        "weight": 3,
        "title": "",
        "description": "",
        "menu-TOTAL_FORMS": 0,
        "menu-INITIAL_FORMS": 0,
        **fields,
    }


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_CHECK = 0


def test_a_language_added_in_the_admin_has_its_query_read_at_once(admin_client, client, cached):
    assert client.get("/de/search/?q=Hallo").status_code == 404
    assert admin_client.post(ADD, language_form()).status_code == 302
    assert 'value="Hallo"' in client.get("/de/search/?q=Hallo").content.decode()


@pytest.fixture
def german(db):
    return Language.objects.create(code="de", language_code="de", name="Deutsch", weight=3)


def live_there(kind, make_post, make_series):
    """Content of ``kind`` at an address under /de/."""
    if kind == "post":
        make_post(language="de")
    elif kind == "page":
        Page.objects.create(language="de", path="/de/impressum/", title="Impressum")
    elif kind == "series":
        make_series(language="de")
    elif kind == "section":
        Section.objects.create(language="de", slug="notizen", title="Notizen")
    else:  # a menu entry of another language that links there
        english = Language.objects.get(code="en")
        MenuEntry.objects.create(language=english, name="Deutsch", url="/de/notizen/")


KINDS = ["post", "page", "series", "section", "menu entry"]


def delete(admin_client, language):
    return admin_client.post(f"/admin/blog/language/{language.pk}/delete/", {"post": "yes"})


def change(admin_client, language, **fields):
    form = language_form(**{"code": language.code, "name": language.name, **fields})
    return admin_client.post(f"/admin/blog/language/{language.pk}/change/", form)


@pytest.mark.parametrize("kind", KINDS)
def test_a_language_content_lives_under_is_not_deleted(
    admin_client, german, make_post, make_series, kind
):
    live_there(kind, make_post, make_series)
    delete(admin_client, german)
    assert Language.objects.filter(code="de").exists()


def test_the_refused_deletion_says_what_lives_under_the_language(admin_client, german, make_post):
    make_post(language="de")
    make_post(language="de")
    page = delete(admin_client, german).content.decode()
    assert "Cannot delete language" in page
    assert "Posts: 2 under /de/" in page


def test_a_language_nothing_lives_under_is_deleted_with_its_menu(admin_client, german):
    MenuEntry.objects.create(language=german, name="Start", url="/de/")
    assert delete(admin_client, german).status_code == 302
    assert not Language.objects.filter(code="de").exists()


def test_languages_in_use_are_not_deleted_from_the_list_either(admin_client, german, make_post):
    make_post(language="de")
    admin_client.post(
        "/admin/blog/language/",
        {"action": "delete_selected", "_selected_action": [german.pk], "post": "yes"},
    )
    assert Language.objects.filter(code="de").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_the_prefix_of_a_language_content_lives_under_is_kept(
    admin_client, german, make_post, make_series, kind
):
    live_there(kind, make_post, make_series)
    change(admin_client, german, code="ger")
    assert Language.objects.get(pk=german.pk).code == "de"


def test_the_kept_prefix_is_explained_on_the_form(admin_client, german, make_post):
    make_post(language="de")
    page = change(admin_client, german, code="ger").content.decode()
    assert "Posts: 1 under /de/" in page


def test_a_language_in_use_is_retitled(admin_client, german, make_post):
    make_post(language="de")
    assert change(admin_client, german, title="Notizbuch").status_code == 302
    assert Language.objects.get(pk=german.pk).title == "Notizbuch"


def test_the_prefix_of_a_language_nothing_lives_under_is_changed(admin_client, german):
    assert change(admin_client, german, code="ger").status_code == 302
    assert Language.objects.get(pk=german.pk).code == "ger"
