"""Request bodies too large for who sends them are refused from their Content-Length,
before a byte of them is read — so nothing reaches memory or the temporary folder."""

import pytest
from django.conf import settings
from django.test import Client

BOUNDARY = "quire-test-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
UPLOAD = "/admin/blog/post/upload-image/"
CSRF_SECRET = "a" * 32  # a well-formed token: Django's CSRF check then parses the body


class Body:
    """A request body of ``size`` bytes made as it is read (a multipart file field
    of a letters), that counts what was read of it."""

    def __init__(self, size):
        head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="image"; '
            'filename="big.png"\r\nContent-Type: image/png\r\n\r\n'
        ).encode()
        tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.parts = [head, None, tail]
        self.filler = size - len(head) - len(tail)
        self.read_bytes = 0

    def read(self, size=-1):
        size = 64 * 1024 if size is None or size < 0 else size
        chunk = b""
        while len(chunk) < size and self.parts:
            if self.parts[0] is None:
                take = min(size - len(chunk), self.filler)
                chunk += b"a" * take
                self.filler -= take
                if not self.filler:
                    self.parts.pop(0)
            else:
                chunk += self.parts.pop(0)
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size=-1):
        return self.read(size)


def post(client, path, body, content_length):
    """POST ``body`` to ``path`` declaring ``content_length`` (None: chunked, undeclared)."""
    environ = {"wsgi.input": body, "CONTENT_TYPE": MULTIPART}
    if content_length is None:
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    else:
        environ["CONTENT_LENGTH"] = str(content_length)
    return client.generic("POST", path, **environ)


@pytest.fixture
def anonymous(db):
    """A client that passes the CSRF check the way a browser would: with a cookie."""
    client = Client(enforce_csrf_checks=True, headers={"X-CSRFToken": CSRF_SECRET})
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
    return client


def test_an_anonymous_upload_to_a_page_is_refused_before_it_is_read(anonymous):
    body = Body(20 * 1024 * 1024)
    response = post(anonymous, "/en/", body, 20 * 1024 * 1024)
    assert response.status_code == 413
    assert "at most 64.0\xa0KB" in response.content.decode()
    assert body.read_bytes == 0


def test_an_anonymous_upload_to_the_editor_is_refused_before_it_is_read(anonymous):
    body = Body(2 * 1024 * 1024)
    response = post(anonymous, UPLOAD, body, 2 * 1024 * 1024)
    assert response.status_code == 413
    assert body.read_bytes == 0


def test_a_body_declaring_more_than_it_may_is_refused_from_its_content_length(anonymous):
    body = Body(1024)
    response = post(anonymous, "/admin/login/", body, 200 * 1024 * 1024)
    assert response.status_code == 413
    assert body.read_bytes == 0


def test_an_image_over_the_editors_limit_is_refused_before_it_is_read(admin_client):
    size = settings.IMAGE_UPLOAD_MAX_BYTES + 1024 * 1024
    body = Body(size)
    response = post(admin_client, UPLOAD, body, size)
    assert response.status_code == 413
    assert response.json()["error"] == "The request is too large: at most 10.1\xa0MB here."
    assert body.read_bytes == 0


def test_staff_forms_may_be_larger_than_anonymous_ones(admin_client):
    """A long post's preview (past the anonymous limit) is rendered."""
    response = admin_client.post("/admin/blog/post/preview/", {"body": "Words. " * 20_000})
    assert response.status_code == 200
    assert "Words." in response.json()["html"]


def test_staff_bodies_past_the_admin_limit_are_refused_before_they_are_read(admin_client):
    size = settings.ADMIN_REQUEST_BODY_MAX_BYTES + 1
    body = Body(size)
    response = post(admin_client, "/admin/blog/post/preview/", body, size)
    assert response.status_code == 413
    assert body.read_bytes == 0


def test_a_chunked_body_without_a_length_is_refused_unread(anonymous):
    body = Body(20 * 1024 * 1024)
    response = post(anonymous, "/en/", body, None)
    assert response.status_code == 411
    assert body.read_bytes == 0


def test_a_malformed_content_length_is_a_bad_request(anonymous):
    body = Body(1024)
    response = post(anonymous, "/en/", body, "-1")
    assert response.status_code == 400
    assert body.read_bytes == 0
