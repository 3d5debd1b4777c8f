"""Static files as whitenoise serves them (production: collectstatic's compressed copies)."""

import brotli
import pytest
from django.http import HttpResponseNotFound

from config.middleware import StaticFilesMiddleware

CSS = b"body { color: black; }\n" * 200


@pytest.fixture
def static_files(tmp_path):
    """A static file with its brotli and gzip copies, as collectstatic writes them."""
    import gzip

    (tmp_path / "site.css").write_bytes(CSS)
    (tmp_path / "site.css.br").write_bytes(brotli.compress(CSS))
    (tmp_path / "site.css.gz").write_bytes(gzip.compress(CSS))
    middleware = StaticFilesMiddleware(lambda request: HttpResponseNotFound())
    middleware.add_files(tmp_path, prefix="static/")
    return middleware


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("br, gzip", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0, identity", None),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0, *", "gzip"),
        ("*", "br"),
        ("", None),
    ],
)
def test_static_files_come_only_in_a_coding_the_client_accepts(rf, static_files, accept, encoding):
    response = static_files(rf.get("/static/site.css", headers={"accept-encoding": accept}))
    response.file_to_stream.close()
    assert response.status_code == 200
    assert response.get("Content-Encoding") == encoding
