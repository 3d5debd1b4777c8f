"""A taxonomy's index laid out to be scanned: its most used terms first, then every
term under its initial, sorted without regard to case, each sized by its use."""

import math
from itertools import groupby

MOST_USED = 12
SIZES = 5  # .weight-1 … .weight-5 in site.css


def _initial(term):
    first = term.name[:1].upper()
    if first.isascii() and first.isalpha():
        return first
    return "0–9" if first.isdigit() else "…"


def term_cloud(terms):
    """``terms`` (each with ``post_count``) as ``{"most_used": [...], "groups":
    [(initial, [...]), ...]}``; every term gets ``weight``, 1 to ``SIZES``, on a log
    scale of its count against the largest."""
    terms = sorted(terms, key=lambda term: (term.name.casefold(), term.name))
    if not terms:
        return {"most_used": [], "groups": []}
    largest = max(term.post_count for term in terms)
    for term in terms:
        share = math.log(term.post_count) / math.log(largest) if largest > 1 else 0
        term.weight = 1 + round(share * (SIZES - 1))
    most_used = sorted(terms, key=lambda term: -term.post_count)[:MOST_USED]
    groups = [(initial, list(group)) for initial, group in groupby(terms, key=_initial)]
    return {"most_used": most_used, "groups": groups}
