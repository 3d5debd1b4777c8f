"""The post editor in a real browser, driven as an author would: CodeMirror on the
left, the page on the right (its math typeset by the server) in step with the cursor,
images pasted, math errors shown before saving, nothing typed lost."""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from blog.front_matter import split_front_matter
from blog.models import Alias, Post

from .conftest import PIXEL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("QUIRE_SCREENSHOTS", ROOT / "artifacts" / "screenshots"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "a long passphrase"
EDITOR = ".quire-workspace .cm-content"
# The public pages' policy (config/settings.py), put on the admin's answers here: the
# editor must run under it with nothing refused.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)
CSP_WATCH = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`);
});
"""


@pytest.fixture(autouse=True)
def bundle_built():
    if not (ROOT / "build" / "editor" / "quire-editor.js").exists():
        pytest.fail("the editor's bundle is not built: run `npm run build` (dev.py does)")


@pytest.fixture
def writer(transactional_db):
    return User.objects.create_superuser("writer", "writer@example.org", PASSWORD)


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "writer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


@pytest.fixture
def logged_in(live_server, writer, page):
    return log_in(page, live_server)


@pytest.fixture
def largest_post(hugo_site, writer, settings, tmp_path):
    """The longest real post of the sample, stored as it would be imported."""
    settings.MEDIA_ROOT = tmp_path / "media"
    files = sorted((hugo_site / "content").rglob("*.md"), key=lambda path: len(path.read_text()))
    metadata, body = split_front_matter(files[-1].read_text())
    return Post.objects.create(
        title=metadata["title"], slug="largest", section="standalone", language="en",
        body=body, author=writer, status=Post.Status.DRAFT,
    )  # fmt: skip


def open_editor(page, live_server, post=None):
    path = f"/admin/blog/post/{post.pk}/change/" if post else "/admin/blog/post/add/"
    page.goto(live_server.url + path)
    page.locator(EDITOR).wait_for()
    page.wait_for_function(
        "document.querySelector('.quire-status').textContent.includes('Preview up to date')"
    )
    return page.frame_locator("iframe.quire-preview")


def editor_text(page):
    return page.evaluate("document.querySelector('#id_body').value")


def test_typed_markdown_with_math_is_typeset_in_the_preview(live_server, logged_in):
    page = logged_in
    preview = open_editor(page, live_server)
    page.locator(EDITOR).click()
    page.keyboard.type("## Energy\n\nMass $m$ and $$E = mc^2$$ and *emphasis*.", delay=5)
    preview.locator(".math-block .katex-display").wait_for(timeout=10_000)
    assert preview.locator(".math-inline .katex").count() == 1
    assert preview.locator("h2#energy").inner_text().startswith("Energy")
    assert preview.locator("em").inner_text() == "emphasis"


def test_typing_at_the_end_of_the_largest_post_scrolls_the_preview_there(
    live_server, logged_in, largest_post
):
    page = logged_in
    preview = open_editor(page, live_server, largest_post)
    first_block = preview.locator("#preview > [data-source-line]").first
    first_block.evaluate("node => node.classList.add('seen-before-typing')")
    page.locator(EDITOR).click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nThe closing words, typed just now.", delay=2)
    typed = preview.locator("p", has_text="The closing words, typed just now.")
    typed.wait_for(timeout=10_000)
    # The scroll follows the refresh, however long a busy box takes: the typed words are
    # in view, far down a post of this length.
    frame = page.locator("iframe.quire-preview").element_handle().content_frame()
    frame.wait_for_function(
        """() => {
          const typed = [...document.querySelectorAll("p")].find(
            (node) => node.textContent.includes("The closing words, typed just now."));
          const box = typed?.getBoundingClientRect();
          return window.scrollY > 10000 && box?.top >= 0 && box?.bottom <= window.innerHeight;
        }"""
    )
    # Only the changed blocks were swapped in: the first one is the same node.
    assert first_block.evaluate("node => node.classList.contains('seen-before-typing')")


def test_a_pasted_image_is_uploaded_and_its_figure_previewed(
    live_server, logged_in, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = logged_in
    preview = open_editor(page, live_server)
    page.locator(EDITOR).click()
    page.keyboard.type("Before the picture.\n")
    page.locator(EDITOR).evaluate(
        """(node, bytes) => {
            const transfer = new DataTransfer();
            const file = new File([new Uint8Array(bytes)], "a-pixel.png", {type: "image/png"});
            transfer.items.add(file);
            node.dispatchEvent(new ClipboardEvent("paste", {clipboardData: transfer, bubbles: true,
                                                            cancelable: true}));
        }""",
        list(PIXEL),
    )
    preview.locator("figure.article-figure img").wait_for(timeout=10_000)
    assert re.search(r"\n\n!\[a pixel\]\(/media/uploads/\w+-a-pixel\.png\)\n", editor_text(page))


def test_an_unclosed_dollar_is_shown_before_saving_and_leads_to_its_line(live_server, logged_in):
    page = logged_in
    open_editor(page, live_server)
    page.locator(EDITOR).click()
    page.keyboard.type("First line.\n\nThe price is $5 and then nothing.\n\nLast line.")
    problem = page.locator(".quire-problems .quire-problem")
    problem.wait_for(timeout=10_000)
    assert "Line 3" in problem.inner_text()
    assert "has no closing $" in problem.inner_text()
    page.locator(EDITOR).press("Control+Home")
    problem.click()
    active = page.locator(".cm-activeLine").inner_text()
    assert active == "The price is $5 and then nothing."


def test_tex_katex_cannot_typeset_is_shown_with_its_expression(live_server, logged_in):
    page = logged_in
    open_editor(page, live_server)
    page.locator(EDITOR).click()
    page.keyboard.type("Fine $x$.\n\nBroken $\\frac{1}{$ here.")
    problem = page.locator(".quire-problems .quire-problem")
    expect(problem.locator("code")).to_have_text("\\frac{1}{", timeout=10_000)
    expect(problem).to_contain_text("Line 3")


def test_a_math_error_leads_to_its_line(live_server, logged_in):
    """Each of the server's ``math_errors`` (line, expression, KaTeX's message) is a way
    to its line, marked in the gutter."""
    page = logged_in
    open_editor(page, live_server)
    page.locator(EDITOR).click()
    page.keyboard.type("One.\nTwo $\\badmacro$.\nThree.")
    problem = page.locator(".quire-problems .quire-problem")
    expect(problem).to_contain_text("Line 2", timeout=10_000)
    expect(problem).to_contain_text("Undefined control sequence")
    problem.click()
    assert page.locator(".cm-activeLine").inner_text() == "Two $\\badmacro$."
    assert page.locator(".cm-lint-marker-error").count() == 1


def test_leaving_with_unsaved_changes_asks_first(live_server, logged_in):
    page = logged_in
    open_editor(page, live_server)
    page.locator(EDITOR).click()
    page.keyboard.type("Words not saved yet.")
    page.on("dialog", lambda dialog: dialog.dismiss())
    with page.expect_event("dialog") as asked:
        page.locator(".breadcrumbs a").first.click()
    assert asked.value.type == "beforeunload"
    assert page.url.endswith("/admin/blog/post/add/")


def test_ctrl_s_saves_without_asking_and_forgets_the_kept_copy(
    live_server, logged_in, make_post, writer
):
    post = make_post(body="", author=writer)
    page = logged_in
    open_editor(page, live_server, post)
    page.locator(EDITOR).click()
    page.keyboard.type("Saved with Ctrl+S.")
    page.wait_for_function("document.querySelector('.quire-stored').textContent !== ''")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.keyboard.press("Control+s")
    page.locator(".messagelist .success").wait_for()
    assert page.url.endswith(f"/admin/blog/post/{post.pk}/change/")
    assert dialogs == []
    post.refresh_from_db()
    assert post.body == "Saved with Ctrl+S."
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quire-'))")
    assert kept == []


def test_coming_back_offers_the_kept_text_and_restores_it(live_server, logged_in, largest_post):
    page = logged_in
    open_editor(page, live_server, largest_post)
    page.locator(EDITOR).click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nA paragraph the browser kept.")
    page.wait_for_function("document.querySelector('.quire-stored').textContent !== ''")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/admin/")
    open_editor(page, live_server, largest_post)
    banner = page.locator(".quire-restore")
    assert "unsaved changes to this post" in banner.inner_text()
    assert not editor_text(page).endswith("A paragraph the browser kept.")
    banner.get_by_role("button", name="Restore them").click()
    assert editor_text(page).endswith("\n\nA paragraph the browser kept.")
    assert page.locator(".quire-restore").count() == 0


def test_a_restored_copy_of_an_older_version_is_saved_only_through_the_conflict_check(
    live_server, logged_in, largest_post
):
    page = logged_in
    open_editor(page, live_server, largest_post)
    page.locator(EDITOR).click()
    page.keyboard.type("Kept, never saved. ")
    page.wait_for_function("document.querySelector('.quire-stored').textContent !== ''")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/admin/")
    largest_post.body = "Someone else's newer body."
    largest_post.save()
    open_editor(page, live_server, largest_post)
    assert "saved since" in page.locator(".quire-restore").inner_text()
    page.get_by_role("button", name="Restore them").click()
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state("load")
    assert "after you opened it" in page.locator(".errorlist.nonfield").inner_text()
    largest_post.refresh_from_db()
    assert largest_post.body == "Someone else's newer body."


def test_the_slug_follows_the_title_on_a_new_post(live_server, logged_in):
    page = logged_in
    open_editor(page, live_server)
    page.locator("#id_title").press_sequentially("Gradient Descent, Revisited")
    assert page.input_value("#id_slug") == "gradient-descent-revisited"


def test_a_published_posts_new_slug_leaves_its_old_address(
    live_server, logged_in, make_post, writer
):
    post = make_post(slug="first-name", author=writer)
    page = logged_in
    open_editor(page, live_server, post)
    page.fill("#id_slug", "second-name")
    page.locator("input[name=_continue]").click()
    page.locator(".messagelist .success").wait_for()
    assert Alias.objects.filter(post=post, path="/en/standalone/first-name/").exists()
    page.goto(f"{live_server.url}/en/standalone/first-name/")
    assert page.url == f"{live_server.url}/en/standalone/second-name/"


def test_the_editor_runs_under_the_strict_csp(live_server, logged_in):
    page = logged_in
    errors = []

    def with_csp(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        route.fulfill(response=response, headers=headers)

    page.route(re.compile(r".*/admin/.*"), with_csp)
    page.add_init_script(CSP_WATCH)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    preview = open_editor(page, live_server)
    page.locator(EDITOR).click()
    page.keyboard.type("## Code\n\n```python\nprint('hi')\n```\n\n$x^2$")
    preview.locator(".highlight").wait_for(timeout=10_000)
    # The fenced language's highlighter loads, and colours the code.
    page.locator(".tok-keyword:has-text('print'), .cm-content .tok-string").first.wait_for()
    page.keyboard.press("Control+f")
    page.locator(".cm-search input[name=search]").wait_for()
    assert page.evaluate("window.cspViolations") == []
    assert preview.locator("body").evaluate("() => window.cspViolations") == []
    assert errors == []


def test_a_phone_switches_between_writing_and_preview(live_server, writer, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = log_in(context.new_page(), live_server)
    open_editor(page, live_server)
    assert page.locator(".quire-preview").is_hidden()
    page.get_by_role("button", name="Preview", exact=True).click()
    assert page.locator(".quire-preview").is_visible()
    assert page.locator(".quire-editor-host").is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_full_screen_gives_each_pane_half_the_window_and_esc_leaves(live_server, logged_in):
    page = logged_in
    open_editor(page, live_server)
    page.get_by_role("button", name="Full screen").click()
    width = page.evaluate("window.innerWidth")
    assert page.locator(".quire-editor-host").bounding_box()["width"] > width * 0.45
    assert page.locator(".quire-preview").bounding_box()["width"] > width * 0.45
    page.keyboard.press("Escape")
    assert page.get_by_role("button", name="Full screen").get_attribute("aria-pressed") == "false"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_editor_passes_axe_accessibility_checks(live_server, writer, chromium, theme):
    context = chromium.new_context(color_scheme=theme, viewport={"width": 1440, "height": 900})
    page = log_in(context.new_page(), live_server)
    open_editor(page, live_server)
    page.locator(EDITOR).click()
    page.keyboard.type("# Title\n\nSome *text* with $x$ and `code`.\n\nUnclosed $ here.")
    page.locator(".quire-problems .quire-problem").wait_for()
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "axe.run('.quire-workspace', {resultTypes: ['violations'], runOnly: ['wcag2a', 'wcag2aa']})"
    )
    context.close()
    problems = [
        f"{violation['id']}: {node['target']} {node.get('failureSummary', '')}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]
    assert problems == []


def test_screenshots_of_the_editor(live_server, writer, chromium, largest_post):
    """PNGs for people to look at: 1440 and 390 px, light and dark."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        for width, height in ((1440, 900), (390, 844)):
            context = chromium.new_context(
                viewport={"width": width, "height": height}, color_scheme=theme
            )
            page = log_in(context.new_page(), live_server)
            page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda r: r.abort())
            open_editor(page, live_server, largest_post)
            page.locator(EDITOR).click()
            page.keyboard.press("Control+End")
            page.locator(".quire-body-row").scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            path = SCREENSHOTS / f"editor-{width}px-{theme}.png"
            page.screenshot(path=str(path))
            assert path.stat().st_size > 10_000, path
            context.close()
