"""Searching: web-search syntax in (words, "phrases", -exclusions, OR), ranked posts
with highlighted snippets out."""

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F
from django.utils.safestring import mark_safe

from ..models import Post
from ..rendering import strip_control_characters
from ..rendering.summary import CJK_CHARACTER
from ..rendering.text import cut_text
from .index import SQLITE_TABLE, search_config
from .text import for_query

TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
SNIPPET_CHARACTERS = 220
MAX_QUERY_LENGTH = 200
TITLE_WEIGHT, TAGS_WEIGHT, BODY_WEIGHT = 10.0, 5.0, 1.0


@dataclass(frozen=True)
class ParsedQuery:
    groups: list  # each a list of alternatives (OR), all groups required (AND)
    excluded: list

    @property
    def words(self):
        return [word for group in self.groups for word in group]


@dataclass(frozen=True)
class SearchResult:
    post: Post
    snippet: str


def parse(query):
    """Split ``query`` the way ``websearch_to_tsquery`` reads it."""
    groups, excluded, join_next = [], [], False
    for match in TOKEN.finditer(query[:MAX_QUERY_LENGTH]):
        phrase, word = match[2], match[3]
        negated = match[1] == "-" or (word or "").startswith("-")
        text = (phrase if phrase is not None else word.lstrip("-")).replace('"', "").strip()
        if word == "OR":
            join_next = bool(groups)
            continue
        if not text:
            continue
        if negated:
            excluded.append(text)
        elif join_next:
            groups[-1].append(text)
        else:
            groups.append([text])
        join_next = False
    return ParsedQuery(groups, excluded)


def search(lang, query, limit=50):
    parsed = parse(strip_control_characters(query))
    if not parsed.groups:
        return []
    public = Post.objects.published().in_language(lang).select_related("series")
    if connection.vendor == "postgresql":
        posts = _postgresql(public, parsed, lang, limit)
    else:
        posts = _sqlite(public, parsed, limit)
    return [SearchResult(post, snippet(post.body_text, parsed.words)) for post in posts]


def _tokens(word):
    """A word or phrase as consecutive index tokens (CJK as bigrams), to match as a phrase."""
    return " ".join(for_query(word))


def _postgresql(public, parsed, lang, limit):
    terms = [" OR ".join(f'"{_tokens(word)}"' for word in group) for group in parsed.groups]
    terms += [f'-"{_tokens(word)}"' for word in parsed.excluded]
    query = SearchQuery(" ".join(terms), search_type="websearch", config=search_config(lang))
    return list(
        public.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-published_at")[:limit]
    )


def _fts5_phrase(word):
    return '"' + _tokens(word) + '"'


def _sqlite(public, parsed, limit):
    required = " AND ".join(
        "(" + " OR ".join(f"({_fts5_phrase(word)})" for word in group) + ")"
        for group in parsed.groups
    )
    expression = required + "".join(f" NOT ({_fts5_phrase(word)})" for word in parsed.excluded)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s "
            f"ORDER BY bm25({SQLITE_TABLE}, {TITLE_WEIGHT}, {TAGS_WEIGHT}, {BODY_WEIGHT})",
            [expression],
        )
        ranked = [row[0] for row in cursor.fetchall()]
    found = public.in_bulk(ranked)
    return [found[pk] for pk in ranked if pk in found][:limit]


def snippet(text, words):
    """A stretch of ``text`` around the first word found, with every word marked."""
    lowered = text.lower()
    hits = [lowered.find(word.lower()) for word in words if word and word.lower() in lowered]
    start = max(0, min(hits, default=0) - SNIPPET_CHARACTERS // 3)
    if start and not CJK_CHARACTER.match(text[start]):  # begin at a word (CJK: any character)
        start = text.rfind(" ", 0, start) + 1
    excerpt = cut_text(text[start:], SNIPPET_CHARACTERS)
    escaped = html.escape(excerpt)
    pattern = "|".join(
        re.escape(html.escape(word)) for word in sorted(words, key=len, reverse=True)
    )
    if pattern:
        escaped = re.sub(f"({pattern})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE)
    prefix = "… " if start else ""
    return mark_safe(prefix + escaped)  # the text was escaped; <mark> is ours
