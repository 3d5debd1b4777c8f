"""The post editor in a real browser: Markdown typed on the left is shown on the right,
its math typeset by the server."""

import pytest
from django.contrib.auth.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def logged_in(live_server, page):
    User.objects.create_superuser("writer", "writer@example.org", "a long passphrase")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "writer")
    page.fill("#id_password", "a long passphrase")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_typed_markdown_with_math_is_typeset_in_the_preview(live_server, logged_in):
    page = logged_in
    page.goto(f"{live_server.url}/admin/blog/post/add/")
    page.locator("#id_body").press_sequentially(
        "## Energy\n\nMass $m$ and $$E = mc^2$$ and *emphasis*.", delay=5
    )
    preview = page.frame_locator("iframe.quire-preview")
    preview.locator(".math-block .katex-display").wait_for(timeout=10_000)
    assert preview.locator(".math-inline .katex").count() == 1
    assert preview.locator("h2#energy").inner_text().startswith("Energy")
    assert preview.locator("em").inner_text() == "emphasis"
    assert "Preview up to date" in page.locator(".quire-status").inner_text()
