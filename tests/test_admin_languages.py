"""Languages in the admin: one that content lives under keeps its prefix and cannot be
deleted (every address of that content would break), and one added is served at once."""

import pytest

from blog.models import Language

ADD = "/admin/blog/language/add/"


def language_form(code, name, **fields):
    return {
        "code": code,
        "language_code": code,
        "name": name,
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
    assert admin_client.post(ADD, language_form("de", "Deutsch")).status_code == 302
    assert 'value="Hallo"' in client.get("/de/search/?q=Hallo").content.decode()
    assert Language.objects.filter(code="de").exists()
