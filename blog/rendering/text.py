"""What is derived from a post's rendered HTML at save: its plain text, reading
time and table of contents."""

import html
import math
import re

import nh3

from .sanitize import sanitize_html
from .summary import CJK_CHARACTER

LATIN_WORDS_PER_MINUTE = 213  # Hugo's figure
CJK_CHARACTERS_PER_MINUTE = 500  # Hugo's figure for CJK text
TOC_LEVELS = range(2, 5)  # h2–h4, as the Hugo site's tableOfContents


HEADING_LINK = re.compile(r'<a\b[^>]*\bclass="heading-link"[^>]*>#</a>')
DISPLAY_MATH = re.compile(r'<span class="math-block">[^<]*</span>')


def plain_text(body_html):
    """The words of ``body_html``: no markup, no heading ``#`` links, no display math
    (TeX source is noise in search snippets), whitespace collapsed."""
    text = nh3.clean(DISPLAY_MATH.sub(" ", HEADING_LINK.sub("", body_html)), tags=set())
    return " ".join(html.unescape(text).split())


def reading_minutes(text):
    """Whole minutes to read ``text``: CJK characters and other words at their own pace."""
    cjk = len(CJK_CHARACTER.findall(text))
    words = len(CJK_CHARACTER.sub(" ", text).split())
    minutes = words / LATIN_WORDS_PER_MINUTE + cjk / CJK_CHARACTERS_PER_MINUTE
    return max(1, math.ceil(minutes)) if text.strip() else 0


def table_of_contents(headings):
    """A nested ``<ul>`` of the h2–h4 ``headings``; empty with fewer than two."""
    entries = [heading for heading in headings if heading["level"] in TOC_LEVELS]
    if len(entries) < 2:
        return ""
    parts, depth = [], 0
    base = min(entry["level"] for entry in entries)
    for entry in entries:
        level = entry["level"] - base + 1
        if level > depth:
            parts.append("<ul><li>" * (level - depth))
        else:
            parts.append("</li>" + "</ul></li>" * (depth - level) + "<li>")
        depth = level
        label = re.sub(r"\s+", " ", entry["html"]).strip()
        parts.append(f'<a href="#{html.escape(entry["id"])}">{label}</a>')
    parts.append("</li></ul>" * depth)
    return sanitize_html("".join(parts))
