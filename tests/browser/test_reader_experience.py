"""The real site's sample, imported and read in Chromium: math, contents, themes,
phones, series navigation, accessibility — and screenshots for people to look at."""

import os
from pathlib import Path

import pytest

from blog.hugo.importer import HugoImporter
from series.models import Series

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("QUIRE_SCREENSHOTS", ROOT / "artifacts" / "screenshots"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

POST = "/en/ml-math-derivations/12-xgboost-and-lightgbm/"
SERIES = "/en/ml-math-derivations/"
PAGES = {
    "home": "/en/",
    "post": POST,
    "series": SERIES,
    "tag": "/en/tags/machine-learning/",
    "tags": "/en/tags/",
    "search": "/en/search/?q=gradient+descent",
    "chinese-post": "/zh/ml-math-derivations/12-xgboost与lightgbm/",
}
CSP_WATCH = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def real_site(hugo_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    report = HugoImporter(hugo_site).run()
    assert report.failed == []


def local_only(live_server):
    """A route handler: pages load from the test server; other hosts answer empty."""

    def route(request_route):
        if request_route.request.url.startswith(live_server.url):
            request_route.continue_()
        else:
            request_route.fulfill(status=204)

    return route


def visit(page, live_server, path, until="load"):
    page.goto(live_server.url + path, wait_until=until)


def scroll_and_wait(page, action):
    """Do ``action``, which scrolls the page, and wait until the scrolling ends, however
    long a busy box makes it take (up to 30 s).
    A promise, not wait_for_function: the pages' CSP refuses the eval it polls with."""
    page.evaluate(
        "() => { window.scrollEnded = new Promise((resolve) =>"
        " document.addEventListener('scrollend', resolve, {once: true})); }"
    )
    action()
    page.evaluate(
        """() => Promise.race([
          window.scrollEnded.then(() => true),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error("the page did not stop scrolling")), 30000)),
        ])"""
    )


def test_every_math_span_is_typeset_without_errors(live_server, real_site, page, offline):
    for path in PAGES.values():
        visit(page, live_server, path)
        spans = page.locator(".math-inline, .math-block").count()
        typeset = page.locator(".math-inline .katex, .math-block .katex-display").count()
        assert (typeset, page.locator(".katex-error, .math-error").count()) == (spans, 0), path


def test_pages_run_without_script_errors_or_csp_violations(live_server, real_site, page, offline):
    errors = []
    page.add_init_script(CSP_WATCH)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for path in PAGES.values():
        visit(page, live_server, path)
        page.wait_for_timeout(100)
        assert page.evaluate("window.cspViolations") == [], path
    assert errors == []


def test_the_contents_are_beside_the_text_on_a_wide_screen(live_server, real_site, page, offline):
    visit(page, live_server, POST)
    assert page.locator(".toc details").evaluate("details => details.open")
    toc, text = page.locator(".toc").bounding_box(), page.locator(".post-body").bounding_box()
    assert toc["x"] > text["x"] + text["width"]


def test_the_contents_start_folded_on_a_phone(live_server, real_site, phone):
    phone.route("**/*", local_only(live_server))
    visit(phone, live_server, POST)
    assert not phone.locator(".toc details").evaluate("details => details.open")
    phone.locator(".toc summary").click()
    assert phone.locator(".toc a").first.is_visible()


def heading_top_after_following(page, link):
    """Follow a contents link; where its heading then stands from the window's top."""
    target = link.get_attribute("href")
    link.scroll_into_view_if_needed()  # before the scroll waited for: a click scrolls to it
    scroll_and_wait(page, link.click)
    assert page.evaluate("window.location.hash") == target
    return page.evaluate(f"document.querySelector({target!r}).getBoundingClientRect().top")


def test_a_contents_link_brings_its_heading_to_the_top(live_server, real_site, page, offline):
    visit(page, live_server, POST)
    assert 0 <= heading_top_after_following(page, page.locator(".toc a").nth(3)) < 80


def test_the_last_contents_link_on_a_phone_brings_its_heading_to_the_top(
    live_server, real_site, phone
):
    phone.route("**/*", local_only(live_server))
    visit(phone, live_server, POST)
    phone.locator(".toc summary").click()
    assert 0 <= heading_top_after_following(phone, phone.locator(".toc a").last) < 80


def test_the_theme_toggle_switches_and_is_remembered(live_server, real_site, page, offline):
    visit(page, live_server, POST)
    before = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator(".theme-toggle").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    after = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert after != before
    visit(page, live_server, "/en/")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.locator(".theme-toggle").get_attribute("aria-pressed") == "true"


def test_a_phone_keeps_the_menu_behind_its_button(live_server, real_site, phone):
    phone.route("**/*", local_only(live_server))
    visit(phone, live_server, "/en/")
    assert not phone.locator(".site-nav").is_visible()
    phone.locator(".menu-toggle").click()
    assert phone.locator(".menu-toggle").get_attribute("aria-expanded") == "true"
    assert phone.locator(".site-nav").is_visible() and phone.locator("#site-search").is_visible()


def test_a_wide_screen_shows_the_menu_without_a_button(live_server, real_site, page, offline):
    visit(page, live_server, "/en/")
    assert page.locator(".site-nav").is_visible()
    assert not page.locator(".menu-toggle").is_visible()


def test_code_blocks_name_their_language(live_server, real_site, page, offline):
    visit(page, live_server, "/en/aliyun-pai/01-platform-overview/")
    # Their text, not their rendered text: blocks far from the screen are not rendered
    # yet (content-visibility), and innerText reads what is rendered.
    labels = page.locator(".highlight .code-language").all_text_contents()
    assert {label.lower() for label in labels} == {"bash", "python", "json"}


def test_the_contents_keep_the_current_entry_in_view(live_server, real_site, page, offline):
    visit(page, live_server, POST)
    scroll_and_wait(
        page, lambda: page.evaluate("window.scrollTo(0, document.body.scrollHeight * 0.8)")
    )
    page.wait_for_function("document.querySelector('.toc a[aria-current]') !== null")
    inside = page.evaluate(
        """() => {
          const box = document.querySelector('.toc').getBoundingClientRect();
          const link = document.querySelector('.toc a[aria-current]').getBoundingClientRect();
          return link.top >= box.top && link.bottom <= box.bottom;
        }"""
    )
    assert inside


@pytest.mark.parametrize("name", PAGES)
def test_a_375px_phone_never_scrolls_sideways(live_server, real_site, phone, name):
    phone.route("**/*", local_only(live_server))
    visit(phone, live_server, PAGES[name])
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_tables_code_and_math_that_scroll_sideways_on_a_phone_take_focus(
    live_server, real_site, phone
):
    phone.route("**/*", local_only(live_server))
    visit(phone, live_server, PAGES["post"])
    scrolling = phone.evaluate(
        """() => [...document.querySelectorAll(
              '.post-body .table-wrap, .post-body pre, .post-body .katex-display')]
            .filter((block) => {
              block.scrollIntoView();
              return block.scrollWidth > block.clientWidth;
            })
            .map((block) => block.tabIndex)"""
    )
    assert scrolling and all(index == 0 for index in scrolling)


def test_next_walks_a_whole_series_in_order(live_server, real_site, page, offline):
    series = Series.objects.get(language="en", slug="ml-math-derivations")
    expected = list(series.published_parts().values_list("title", flat=True))
    # Each part until its document is parsed, not its last image: the walk is about its
    # links, and the posts' images point at a CDN a test box cannot reach.
    first = series.published_parts().first().get_absolute_url()
    visit(page, live_server, first, "domcontentloaded")
    walked = [page.locator("h1").inner_text()]
    while page.locator("a[rel=next]").count():
        following = page.locator(".series-pager a[rel=next]")
        assert following.is_visible()
        # Followed by its address: after the module's other tests, a click on part 19's
        # link waited out the timeout without navigating (alone it navigates; cause open).
        visit(page, live_server, following.get_attribute("href"), "domcontentloaded")
        walked.append(page.locator("h1").inner_text())
    assert walked == expected


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "post", "series"])
def test_pages_pass_axe_accessibility_checks(live_server, real_site, chromium, theme, name, width):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    context = chromium.new_context(
        color_scheme=theme, bypass_csp=True, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.route("**/*", local_only(live_server))
    visit(page, live_server, PAGES[name])
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "axe.run(document, {resultTypes: ['violations'], runOnly: ['wcag2a', 'wcag2aa']})"
    )
    context.close()
    problems = [
        f"{violation['id']}: {node['target']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]
    assert problems == []


def test_screenshots_of_post_series_and_home(live_server, real_site, chromium):
    """Writes PNGs for people to look at (375 and 1280 px, light and dark); .ci/run lists
    them at the end."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        for width in (375, 1280):
            context = chromium.new_context(
                viewport={"width": width, "height": 900}, color_scheme=theme
            )
            page = context.new_page()
            page.route("**/*", local_only(live_server))
            for name in ("post", "series", "home"):
                visit(page, live_server, PAGES[name])
                page.evaluate("document.fonts.ready.then(() => true)")
                path = SCREENSHOTS / f"{name}-{width}px-{theme}.png"
                page.screenshot(path=str(path))
                assert path.stat().st_size > 10_000, path
            context.close()
