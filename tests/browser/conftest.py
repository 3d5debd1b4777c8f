"""Playwright driving Debian's Chromium; skipped without it unless ``CI`` is set."""

import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI requires the browser tests")
        pytest.skip(f"{message}; browser tests skipped")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test thread, where the tests
    # (and pytest-django's teardown) still use the ORM; Django refuses that unless told.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def offline(page, live_server):
    """Answer requests for other hosts (the real posts' image CDN) with an empty
    image, as a closed network would not; record whether any were made."""
    foreign = []
    local = live_server.url

    def route(request_route):
        if request_route.request.url.startswith(local):
            request_route.continue_()
        else:
            foreign.append(request_route.request.url)
            request_route.fulfill(status=200, content_type="image/png", body=PIXEL)

    page.route("**/*", route)
    return foreign


def _png_chunk(kind, data):
    checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)


# A valid one-pixel PNG, built rather than pasted.
PIXEL = (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
    + _png_chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00\x00"))
    + _png_chunk(b"IEND", b"")
)
