"""Media files in Chromium: an imported SVG still shows in a post, but neither it nor an
HTML file stored in media runs script when opened by itself; a raster image opened by
itself still shows, under the media sandbox."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error

from blog.models import Post

from .conftest import PIXEL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" '
    "onload=\"alert('svg onload')\"><script>alert('svg script')</script>"
    '<rect width="40" height="20" fill="teal"/></svg>'
)


@pytest.fixture
def media(settings, tmp_path, yesterday):
    folder = tmp_path / "media" / "hugo"
    folder.mkdir(parents=True)
    settings.MEDIA_ROOT = tmp_path / "media"
    (folder / "diagram.svg").write_text(SVG)
    (folder / "evil.html").write_text("<script>alert('html')</script>")
    (folder / "figure.png").write_bytes(PIXEL)
    return Post.objects.create(
        title="With a diagram",
        slug="with-a-diagram",
        section="standalone",
        language="en",
        body="![A diagram](/media/hugo/diagram.svg)",
        status=Post.Status.PUBLISHED,
        published_at=yesterday,
    )


@pytest.fixture
def quire_media(page, live_server, client):
    """Django's live test server answers /media/ itself, around the URLconf; send
    those requests to Quire's media view, which answers them everywhere else."""

    def answer(route):
        response = client.get(urlsplit(route.request.url).path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        response.close()
        route.fulfill(status=response.status_code, headers=dict(response.items()), body=body)

    page.route(f"{live_server.url}/media/**", answer)


@pytest.fixture
def dialogs(page, quire_media):
    opened = []

    def record(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def open_alone(page, url):
    """Navigate to ``url``; a download ends the navigation, and is returned."""
    with page.expect_download() as download:
        try:
            page.goto(url)
        except Error as error:  # Chromium aborts a navigation that became a download
            assert "net::ERR_ABORTED" in str(error) or "Download is starting" in str(error)
    page.wait_for_timeout(300)
    return download.value


def test_an_svg_in_a_post_shows_without_running_its_script(live_server, page, media, dialogs):
    page.goto(live_server.url + media.get_absolute_url())
    image = page.locator('img[src="/media/hugo/diagram.svg"]')
    image.wait_for()
    page.wait_for_load_state("load")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 40
    assert dialogs == []


@pytest.mark.parametrize("name", ["diagram.svg", "evil.html"])
def test_an_active_file_opened_alone_is_a_download_that_runs_nothing(
    live_server, page, media, dialogs, name
):
    download = open_alone(page, f"{live_server.url}/media/hugo/{name}")
    assert download.suggested_filename == name
    assert dialogs == []


def test_a_raster_image_opened_alone_still_shows(live_server, page, media, quire_media):
    page.goto(f"{live_server.url}/media/hugo/figure.png")
    assert page.evaluate("() => document.images[0].naturalWidth") == 1
