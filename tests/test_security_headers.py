"""Every response carries the security headers: pages, errors, feeds, static files,
the admin, and answers from the page cache."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

PAGE = "/en/standalone/p/"
FEED = "/en/tags/t/index.xml"
HEADERS = [
    "Content-Security-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Strict-Transport-Security",
]


@pytest.fixture
def site(make_post, settings):
    settings.SECURE_HSTS_SECONDS = 31536000  # as in production
    make_post(slug="p", tags=["T"])


@pytest.fixture
def cached(settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_CHECK = 0


def get(client, path, **headers):
    return client.get(path, secure=True, headers=headers)


def missing(response):
    return [name for name in HEADERS if name not in response]


@pytest.mark.parametrize(
    "path",
    [PAGE, FEED, "/en/tags/t/feed.json", "/en/", "/no/such/page/", "/sitemap.xml", "/robots.txt"],
)
def test_public_responses_carry_every_security_header(client, site, path):
    assert missing(get(client, path)) == []


def test_not_found_pages_carry_every_security_header(client, site):
    response = get(client, "/en/standalone/nothing-here/")
    assert response.status_code == 404
    assert missing(response) == []


def test_static_files_carry_every_security_header(client, site):
    response = get(client, "/static/css/site.css")
    response.close()
    assert response.status_code == 200
    assert missing(response) == []


def test_the_admin_login_carries_the_headers_but_its_own_csp(client, site):
    response = get(client, "/admin/login/")
    assert missing(response) == ["Content-Security-Policy"]


@pytest.mark.parametrize("path", [PAGE, FEED])
def test_answers_from_the_page_cache_carry_every_security_header(client, site, cached, path):
    get(client, path)
    with CaptureQueriesContext(connection) as queries:
        hit = get(client, path)
    assert len(queries) <= 1  # served from the cache
    assert missing(hit) == []


def test_not_modified_answers_from_the_page_cache_carry_the_headers(client, site, cached):
    etag = get(client, PAGE)["ETag"]
    response = get(client, PAGE, if_none_match=etag)
    assert response.status_code == 304
    assert missing(response) == []


def test_a_new_deployment_answers_with_its_own_security_headers(client, site, cached, settings):
    get(client, PAGE)
    settings.PERMISSIONS_POLICY = {"camera": ["self"]}
    redeployed = Client()  # a new process, reading the new settings
    assert get(redeployed, PAGE)["Permissions-Policy"] == "camera=(self)"


def test_the_content_security_policy_allows_only_the_sites_own_scripts(client, site):
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in get(client, PAGE)["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] in ("'none'", "'self'")
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "unsafe-inline" not in get(client, PAGE)["Content-Security-Policy"]


def test_browser_features_the_site_never_uses_are_turned_off(client, site):
    policy = get(client, PAGE)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in policy
    assert "interest-cohort" not in policy


def test_referrers_and_sniffing_and_openers_are_restricted(client, site):
    response = get(client, PAGE)
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
