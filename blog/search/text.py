"""Text prepared for search, so that Chinese is findable without a Chinese parser.

Neither PostgreSQL's parsers nor SQLite's unicode61 tokenizer split Chinese into
words: a sentence is one long token. Indexing every CJK character and every pair
of neighbours (bigrams), and querying by bigrams, finds any word of two or more
characters and any single character.
"""

import re

from ..rendering.summary import CJK_CHARACTER

CJK_RUN = re.compile(f"{CJK_CHARACTER.pattern}+")


def _pairs(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def for_index(text):
    """``text`` with each CJK run replaced by its characters and its bigrams."""
    return CJK_RUN.sub(lambda m: " " + " ".join([*m[0], *_pairs(m[0])]) + " ", text)


def for_query(term):
    """A query word as index tokens: a CJK run becomes its bigrams (or its one character)."""
    return CJK_RUN.sub(lambda m: " " + " ".join(_pairs(m[0]) or [m[0]]) + " ", term).split()
