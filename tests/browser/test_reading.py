"""What a reader's browser does with the pages: math typeset by the server and shown
with no script, nothing fetched elsewhere."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POST = "/en/gradient-descent/02-step-sizes/"


@pytest.fixture
def sample_blog(transactional_db):
    call_command("load_sample_content")


def test_every_math_span_is_typeset_without_any_math_script(live_server, sample_blog, page):
    page.goto(live_server.url + POST)
    page.wait_for_load_state("load")
    scripts = page.evaluate("Array.from(document.scripts, (script) => script.src)")
    assert not [src for src in scripts if "katex" in src or "math" in src]
    spans = page.locator(".math-inline, .math-block")
    assert spans.count() > 10
    assert page.locator(".math-inline .katex, .math-block .katex-display").count() == spans.count()
    assert page.locator(".math-error").count() == 0
    assert "\\lambda_{\\max}" not in page.locator("main").inner_text()


def test_typeset_math_is_laid_out_by_its_classes(live_server, sample_blog, page):
    """Under the CSP's ``style-src 'self'``, the struts' heights come from /math/N.css."""
    page.goto(live_server.url + POST)
    page.wait_for_load_state("load")
    heights = page.evaluate(
        "Array.from(document.querySelectorAll('.katex-strut'),"
        " (strut) => strut.getBoundingClientRect().height)"
    )
    assert heights and all(height > 0 for height in heights)


def test_pages_fetch_nothing_from_other_hosts(live_server, sample_blog, page):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(live_server.url + "/en/gradient-descent/03-momentum/")
    page.wait_for_load_state("load")
    assert hosts == {urlsplit(live_server.url).netloc}


def test_pages_load_without_script_errors(live_server, sample_blog, page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("response", lambda response: response.ok or errors.append(response.url))
    for path in ("/en/", POST, "/en/tags/optimization/", "/en/series/", "/zh/"):
        page.goto(live_server.url + path)
    assert errors == []


@pytest.mark.parametrize("path", ["/en/", POST, "/en/gradient-descent/"])
def test_a_phone_never_scrolls_sideways(live_server, sample_blog, phone, path):
    phone.goto(live_server.url + path)
    phone.wait_for_load_state("load")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
