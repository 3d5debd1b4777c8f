"""The XSS corpus in a real browser, under the site's real Content-Security-Policy:
no dialog opens, no request leaves for another host, no policy violation is reported."""

from urllib.parse import urlsplit

import pytest

from blog.models import Post
from tests.xss.vectors import FAMILIES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def corpus_pages(transactional_db, yesterday):
    """One published post per family, its body every vector of the family in turn."""
    return [
        Post.objects.create(
            title=f"Corpus: {family}",
            slug=f"corpus-{family}",
            section="standalone",
            language="en",
            body="\n\n".join(sources),
            status=Post.Status.PUBLISHED,
            published_at=yesterday,
        ).get_absolute_url()
        for family, sources in FAMILIES.items()
    ]


class Watch:
    """What a page does that it should not: dialogs, requests to other hosts, and
    CSP violations (Chromium reports these to the DevTools log, not the console)."""

    def __init__(self, page, origin):
        self.dialogs, self.foreign_requests, self.violations = [], [], []
        page.on("dialog", self._dialog)
        page.route("**/*", lambda route: self._route(route, origin))
        session = page.context.new_cdp_session(page)
        session.on("Log.entryAdded", self._log_entry)
        session.send("Log.enable")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route, origin):
        url = route.request.url
        if urlsplit(url).netloc == origin:
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort()

    def _log_entry(self, event):
        entry = event["entry"]
        if "Content Security Policy" in entry["text"]:
            self.violations.append(f"{entry['text']} ({entry.get('url')})")


def settle(page):
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # autofocus, toggles and animations fire after load


def test_the_watch_sees_what_it_watches_for(live_server, page, corpus_pages):
    watch = Watch(page, urlsplit(live_server.url).netloc)
    page.goto(live_server.url + corpus_pages[0])
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.ran = true";
            document.body.append(script);
            new Image().src = "https://evil.example/pixel.png";
            alert("control");
        }"""
    )
    settle(page)
    assert page.evaluate("() => window.ran") is None
    assert any("script-src" in text for text in watch.violations)
    assert watch.foreign_requests == ["https://evil.example/pixel.png"]
    assert watch.dialogs == ["control"]


def test_the_corpus_runs_nothing_and_fetches_nothing_elsewhere(live_server, page, corpus_pages):
    watch = Watch(page, urlsplit(live_server.url).netloc)
    for path in corpus_pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
        settle(page)
        page.mouse.move(5, 5)
        page.mouse.move(600, 400)  # hover handlers, had any survived
    assert watch.dialogs == []
    assert watch.foreign_requests == []
    assert watch.violations == []
