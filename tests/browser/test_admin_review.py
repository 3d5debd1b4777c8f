"""Review, field help and revisions in a real browser: an Author hands a draft to an
Editor, who finds it in the list and publishes it; the series part number and the
terms in use are offered; the diff fits the window. Screenshots for people to see."""

import re

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect
from reversion.models import Version

from blog.front_matter import split_front_matter
from blog.models import Post, Tag
from series.models import Series

from .test_admin_editor import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long passphrase"
SIZES = ((1440, 900), (390, 844))


@pytest.fixture
def people(transactional_db):
    call_command("create_roles", verbosity=0)
    made = {}
    for name, role in [("ann", "Author"), ("ed", "Editor")]:
        made[name] = User.objects.create_user(
            name, email=f"{name}@example.org", password=PASSWORD, is_staff=True
        )
        made[name].groups.add(Group.objects.get(name=role))
    return made


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def draft_of(author, **fields):
    values = {"title": "Kernels, gently", "slug": "kernels", "section": "standalone"}
    values |= {"language": "en", "body": "A kernel $k(x, y)$ is…", "author": author}
    return Post.objects.create(**values | fields)


def test_an_author_hands_a_draft_over_and_an_editor_publishes_it(live_server, people, chromium):
    post = draft_of(people["ann"])
    author = log_in(chromium.new_page(), live_server, "ann")
    author.goto(f"{live_server.url}/admin/blog/post/{post.pk}/change/")
    author.check("#id_ready_for_review")
    author.click("input[name=_continue]")
    expect(author.locator(".messagelist")).to_contain_text("was changed successfully")
    author.close()

    editor = log_in(chromium.new_page(), live_server, "ed")
    editor.goto(f"{live_server.url}/admin/blog/post/")
    editor.get_by_role("link", name="Ready for review").click()
    row = editor.locator("#result_list tbody tr", has_text="Kernels, gently")
    expect(row).to_contain_text("☑ Ready for review")
    row.locator("input.action-select").check()
    editor.select_option("select[name=action]", "publish_now")
    editor.click("button[name=index]")
    expect(editor.locator(".messagelist")).to_contain_text("1 post(s) published.")
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED
    assert [message.subject for message in mail.outbox] == [
        "Ready for review: Kernels, gently",
        "Published: Kernels, gently",
    ]


def test_view_on_site_opens_an_authors_draft(live_server, people, chromium):
    post = draft_of(people["ann"])
    page = log_in(chromium.new_page(), live_server, "ann")
    page.goto(f"{live_server.url}/admin/blog/post/{post.pk}/change/")
    page.get_by_role("link", name="View on site").click()
    expect(page.locator("h1")).to_have_text("Kernels, gently")


def test_choosing_a_series_fills_in_the_next_part(live_server, people, chromium):
    series = Series.objects.create(slug="kernels", title="Kernel Methods", language="en")
    for number in (1, 2):
        draft_of(people["ed"], slug=f"part-{number}", series=series, series_order=number)
    page = log_in(chromium.new_page(), live_server, "ann")
    page.goto(f"{live_server.url}/admin/blog/post/add/")
    page.locator(".field-series .select2-selection").click()
    page.locator(".select2-search__field").fill("Kernel")
    page.locator(".select2-results__option", has_text="Kernel Methods").click()
    expect(page.locator("#id_series_order")).to_have_value("3")


def test_terms_in_use_are_offered_and_a_near_duplicate_pointed_out(live_server, people, chromium):
    post = draft_of(people["ed"], slug="tagged")
    post.tags.set([Tag.objects.create(name="Mathematical Derivations")])
    page = log_in(chromium.new_page(), live_server, "ann")
    page.goto(f"{live_server.url}/admin/blog/post/add/")
    page.locator("#id_tags").press_sequentially("math")
    page.get_by_role("option", name="Mathematical Derivations (1)").click()
    expect(page.locator("#id_tags")).to_have_value("Mathematical Derivations, ")
    page.locator("#id_tags").fill("")
    page.locator("#id_tags").press_sequentially("Mathematical Derivation")
    expect(page.locator(".field-tags .quire-field-hint")).to_have_text(
        "“Mathematical Derivation” is new; in use: “Mathematical Derivations” (1)."
    )


def test_a_chinese_near_duplicate_is_pointed_out_and_a_distinct_name_is_not(
    live_server, people, chromium
):
    post = draft_of(people["ed"], slug="tagged", language="zh")
    post.tags.set([Tag.objects.create(name="机器学习")])
    page = log_in(chromium.new_page(), live_server, "ann")
    page.goto(f"{live_server.url}/admin/blog/post/add/")
    page.locator("#id_tags").press_sequentially("深度学习, 机器 学习")
    expect(page.locator(".field-tags .quire-field-hint")).to_have_text(
        "“机器 学习” is new; in use: “机器学习” (1)."
    )


def test_the_server_is_asked_once_typing_pauses_not_at_every_key(live_server, people, chromium):
    page = log_in(chromium.new_page(), live_server, "ann")
    asked = []
    page.on("request", lambda request: "/terms/near/" in request.url and asked.append(request))
    page.goto(f"{live_server.url}/admin/blog/post/add/")
    name = "Mathematical Derivation"
    with page.expect_response(lambda response: "/terms/near/" in response.url):
        page.locator("#id_tags").press_sequentially(name)
    assert 1 <= len(asked) < len(name)


@pytest.fixture
def revised_post(hugo_site, people):
    """A real post revised the way authors revise: a sentence reworded, a formula
    changed, a paragraph added."""
    files = sorted((hugo_site / "content").rglob("*.md"), key=lambda path: len(path.read_text()))
    _, body = split_front_matter(files[len(files) // 2].read_text())
    paragraphs = body.split("\n\n")
    with reversion.create_revision():
        post = draft_of(people["ann"], body=body)
    middle = len(paragraphs) // 2
    paragraphs[middle] = paragraphs[middle].replace(" the ", " this ", 2) + " Revised."
    paragraphs.insert(middle + 2, "A new paragraph, with $e^{i\\pi} + 1 = 0$ in it.")
    with reversion.create_revision():
        post.body = "\n\n".join(paragraphs)
        post.save()
    return post


def compare_url(live_server, post, view="side"):
    newer, older = Version.objects.get_for_object(post)
    return (
        f"{live_server.url}/admin/blog/post/{post.pk}/history/compare/"
        f"?a={older.pk}&b={newer.pk}&view={view}"
    )


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("view", ["side", "inline", "rendered"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_diff_fits_the_window(live_server, people, chromium, revised_post, view, width, height):
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = log_in(context.new_page(), live_server, "ed")
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda r: r.abort())
    page.goto(compare_url(live_server, revised_post, view))
    assert overflow(page) <= 0
    context.close()


def test_changed_words_are_highlighted_under_the_csp(live_server, people, chromium, revised_post):
    page = log_in(chromium.new_page(), live_server, "ed")
    page.goto(compare_url(live_server, revised_post))
    inserted = page.locator("table.quire-diff ins").first
    background = inserted.evaluate("node => getComputedStyle(node).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_screenshots_of_the_diff_and_the_review_list(live_server, people, chromium, revised_post):
    """PNGs for people to look at: 1440 and 390 px, light and dark."""
    Post.objects.filter(pk=revised_post.pk).update(ready_for_review=True)
    draft_of(people["ann"], title="Changes asked for", slug="asked", review_note="Shorter.")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "diff": compare_url(live_server, revised_post),
        "diff-inline": compare_url(live_server, revised_post, "inline"),
        "diff-rendered": compare_url(live_server, revised_post, "rendered"),
        "review-list": f"{live_server.url}/admin/blog/post/",
    }
    for theme in ("light", "dark"):
        for width, height in SIZES:
            context = chromium.new_context(
                viewport={"width": width, "height": height}, color_scheme=theme
            )
            page = log_in(context.new_page(), live_server, "ed")
            page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda r: r.abort())
            for name, url in pages.items():
                page.goto(url)
                if name.startswith("diff"):
                    page.locator(".quire-diff-legend").scroll_into_view_if_needed()
                path = SCREENSHOTS / f"{name}-{width}px-{theme}.png"
                page.screenshot(path=str(path))
                assert path.stat().st_size > 10_000, path
            context.close()
