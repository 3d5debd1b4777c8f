"""The content coding to answer in, from a request's Accept-Encoding.

Werkzeug parses the header as RFC 9110 §12.5.3 reads it: q-values (``br;q=0`` refuses
brotli), ``*`` for any coding not named, and codings listed in any case.
"""

from functools import lru_cache

from werkzeug.http import parse_accept_header

IDENTITY = "identity"


@lru_cache(maxsize=256)  # clients send a handful of distinct headers; each is parsed once
def preferred_coding(accept_encoding, offered):
    """Of the codings ``offered`` (best first, which breaks ties) the one the client
    accepts most, else ``identity``.

    Identity is the answer even when the client refuses it too (``identity;q=0``, or
    ``*;q=0`` without identity): RFC 9110 §12.1 lets a server disregard a preference it
    cannot meet rather than answer 406, and every answer Quire does not keep compressed
    is identity-coded anyway. No Accept-Encoding at all is identity too.
    """
    accepted = parse_accept_header(accept_encoding)
    return accepted.best_match([*offered, IDENTITY], default=IDENTITY)


@lru_cache(maxsize=256)
def accepted_codings(accept_encoding, offered):
    """The codings of ``offered`` the client accepts (q above 0)."""
    accepted = parse_accept_header(accept_encoding)
    return tuple(coding for coding in offered if accepted.quality(coding) > 0)
