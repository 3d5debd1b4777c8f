"""Nothing under /media/ runs on the site's origin: raster images are shown, anything
else is a download in a sandbox, nothing is sniffed into something more active, no
link inside the media folder is followed, and no path climbs out of it. Image links in
a body that climb out of /media/ or /static/ are never opened."""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections
from PIL import Image

from blog.models import Post
from blog.rendering import render_post

from .test_authoring import form_data

SANDBOX = "default-src 'none'; sandbox"
DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


@pytest.fixture
def media(db, settings, tmp_path):
    folder = tmp_path / "media"
    (folder / "hugo").mkdir(parents=True)
    settings.MEDIA_ROOT = folder
    return folder


def put(media, name, data=b"<script>alert(document.domain)</script>"):
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return f"/media/{name}"


def fetch(client, path, method="get"):
    """The answer to ``path`` and its body, its file closed — as the test client
    closes it, without ``request_finished`` closing the test's database connection."""
    response = getattr(client, method)(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return response, body


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("hugo/figure.png", "image/png"),
        ("figure.jpg", "image/jpeg"),
        ("figure.JPEG", "image/jpeg"),
        ("figure.gif", "image/gif"),
        ("figure.webp", "image/webp"),
        ("figure.avif", "image/avif"),
    ],
)
def test_raster_images_are_shown_inline_in_a_sandbox(client, media, name, content_type):
    response, _ = fetch(client, put(media, name, png()))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("hugo/diagram.svg", "image/svg+xml"),
        ("paper.pdf", "application/pdf"),
        ("notes.txt", "text/plain; charset=utf-8"),
        ("points.csv", "text/csv; charset=utf-8"),
        ("points.json", "application/json"),
        ("hugo/evil.html", "application/octet-stream"),
        ("evil.js", "application/octet-stream"),
        ("evil.xhtml", "application/octet-stream"),
        ("evil.xml", "application/octet-stream"),
        ("evil.svg.gz", "application/octet-stream"),
        ("no-suffix", "application/octet-stream"),
    ],
)
def test_everything_else_is_a_download_in_a_sandbox(client, media, name, content_type):
    response, _ = fetch(client, put(media, name))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX
    assert "Content-Encoding" not in response


def test_head_gets_the_same_headers(client, media):
    response, _ = fetch(client, put(media, "evil.html"), method="head")
    assert (response["Content-Disposition"], response["Content-Security-Policy"]) == (
        "attachment",
        SANDBOX,
    )


def test_a_link_inside_the_media_folder_is_not_followed(client, media, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET_KEY=quire-canary")
    os.symlink(secret, media / "hugo" / "notes.txt")
    os.symlink(tmp_path, media / "linked")
    assert fetch(client, "/media/hugo/notes.txt")[0].status_code == 404
    assert fetch(client, "/media/linked/secret.txt")[0].status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/media/../../../../etc/passwd",
        "/media/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/media/..%2f..%2f..%2f..%2fetc/passwd",
        "/media//etc/passwd",
        "/media/hugo/",
    ],
)
def test_paths_that_leave_the_media_folder_are_not_found(client, media, path):
    response, body = fetch(client, path)
    assert response.status_code == 404
    assert b"root:" not in body


def test_nginx_serves_media_with_the_same_headers():
    config = (DEPLOY / "nginx.conf").read_text()
    media = re.search(r"location /media/ \{(.*?)\n    \}", config, re.DOTALL)[1]
    assert "disable_symlinks on from=$document_root;" in media
    assert "default_type application/octet-stream;" in media
    assert 'add_header X-Content-Type-Options "nosniff" always;' in media
    assert f'add_header Content-Security-Policy "{SANDBOX}" always;' in media
    assert 'add_header Content-Disposition "attachment" always;' in media
    images = re.search(r"location ~\* (\S+) \{", media)[1]
    for name in ("a.png", "b.JPG", "c.jpeg", "d.gif", "e.webp", "f.avif"):
        assert re.search(images, name, re.IGNORECASE), name
    for name in ("a.svg", "b.html", "c.png.html", "d.pdf"):
        assert not re.search(images, name, re.IGNORECASE), name


# Image links in a body: /media/ and /static/ paths that climb out are never opened


CLIMBING = [
    "/media/../../../etc/passwd",
    "/static/../../../../etc/passwd",
    "/media/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/media/hugo/..%2f..%2f..%2f..%2fetc/passwd",
]


@pytest.mark.parametrize("source", CLIMBING)
def test_rendering_an_image_that_climbs_out_reads_nothing(media, source):
    html = render_post(f"![x]({source})").body_html
    assert f'src="{source}"' in html
    assert "width=" not in html


@pytest.mark.parametrize("source", CLIMBING)
def test_the_editor_calls_an_image_that_climbs_out_not_on_this_site(admin_client, media, source):
    response = admin_client.post("/admin/blog/post/add/", form_data(body=f"![x]({source})"))
    assert response.status_code == 200
    assert "These images are not on this site" in response.content.decode()
    assert not Post.objects.exists()
