"""A cached response: its headers and its body, compressed once for each encoding
clients ask for."""

import gzip
import hashlib
from dataclasses import dataclass, field

import brotli
from django.http import HttpResponse, HttpResponseNotModified
from django.http.response import ResponseHeaders
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, quote_etag

from .content_coding import IDENTITY, preferred_coding

COMPRESSIBLE = (
    "text/",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
    "application/feed+json",
    "image/svg+xml",
)
SMALLEST_WORTH_COMPRESSING = 512
# What a 304 leaves out: the headers that describe a body (RFC 9110 §15.4.5). It
# repeats the others: validators, caching, and the security headers.
BODY_HEADERS = frozenset(
    (
        "Content-Type",
        "Content-Length",
        "Content-Encoding",
        "Content-Language",
        "Content-Disposition",
    )
)


# Levels that compress the largest feed well inside a page build (docs/BENCHMARKS.md).
COMPRESSORS = {
    "br": lambda body: brotli.compress(body, quality=5),
    "gzip": lambda body: gzip.compress(body, compresslevel=6, mtime=0),
}
ENCODINGS = tuple(COMPRESSORS)  # the server's preference, when a client likes two alike


class CheckedHeaders(ResponseHeaders):
    """Headers checked and converted once, when their entry was kept.

    Django's ``ResponseHeaders`` checks every header as it is set, and answering from
    the cache set a dozen of them a request: a quarter of the cost of a hit. These are
    made from a ``ResponseHeaders``' own store, so they hold what it holds.
    """

    def __init__(self, checked):
        self._store = dict(checked._store)


def _answer(response_class, checked, **kwargs):
    response = response_class(**kwargs)
    response.headers = CheckedHeaders(checked)
    return response


@dataclass(frozen=True)
class Entry:
    status: int
    etag: str
    body: bytes
    headers: tuple  # (name, value) pairs every answer carries
    not_modified_headers: ResponseHeaders  # what a 304 repeats
    compressible: bool
    # encoding -> (body, headers), made the first time a client asks for it: feed
    # readers and browsers accept different encodings, few accept none.
    variants: dict = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, response):
        body = response.content
        compressible = response.get("Content-Type", "").startswith(COMPRESSIBLE) and (
            len(body) >= SMALLEST_WORTH_COMPRESSING
        )
        if compressible:
            patch_vary_headers(response, ["Accept-Encoding"])
        if "ETag" not in response:
            response["ETag"] = quote_etag(hashlib.sha256(body).hexdigest()[:32])
        headers = tuple((k, v) for k, v in response.items() if k != "Content-Length")
        not_modified = ResponseHeaders({k: v for k, v in headers if k not in BODY_HEADERS})
        return cls(
            response.status_code, response["ETag"], body, headers, not_modified, compressible
        )

    @property
    def size(self):
        """Bytes held, near enough: the body, and room for its compressed copies."""
        return len(self.body) * 3 // 2 if self.compressible else len(self.body)

    def answer(self, request):
        """The response for ``request``: a 304 if it holds our ETag, else the body in the
        best encoding the client accepts."""
        # META, not request.headers: building that mapping is a large part of a hit's cost.
        if self.etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            return _answer(HttpResponseNotModified, self.not_modified_headers)
        body, headers = self.variant(self._encoding(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        return _answer(HttpResponse, headers, content=body, status=self.status)

    def variant(self, encoding):
        try:
            return self.variants[encoding]
        except KeyError:
            pass
        # Two threads may both make it the first time; they make the same bytes.
        if encoding == IDENTITY:
            body, extra = self.body, ()
        else:
            body, extra = COMPRESSORS[encoding](self.body), (("Content-Encoding", encoding),)
        headers = ResponseHeaders([*self.headers, *extra, ("Content-Length", str(len(body)))])
        variant = (body, headers)
        self.variants[encoding] = variant
        return variant

    def _encoding(self, accepted):
        if not self.compressible:
            return IDENTITY
        return preferred_coding(accepted, ENCODINGS)
