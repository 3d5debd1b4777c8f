"""What is derived from a post's rendered HTML at save (its plain text, reading
time and table of contents), and the one-line form of a title."""

import html
import math
import re

import nh3

from .sanitize import sanitize_html, strip_control_characters
from .summary import CJK_CHARACTER
from .typeset import math_as_text

LATIN_WORDS_PER_MINUTE = 213  # Hugo's figure
CJK_CHARACTERS_PER_MINUTE = 500  # Hugo's figure for CJK text
TOC_LEVELS = range(2, 5)  # h2–h4, as the Hugo site's tableOfContents


HEADING_LINK = re.compile(r'<a\b[^>]*\bclass="heading-link"[^>]*>#</a>')


def plain_text(body_html):
    """The words of ``body_html``: no markup, no heading ``#`` links, inline math as
    text and no display math (see ``typeset.math_as_text``), whitespace collapsed."""
    text = nh3.clean(math_as_text(HEADING_LINK.sub("", body_html)), tags=set())
    return " ".join(html.unescape(text).split())


def single_line(text):
    """``text`` as a title or a mail subject takes it: no control characters, each run
    of whitespace (line breaks included) one space, none at either end. A line break
    in a mail header is refused (``BadHeaderError``); on a page it is only a space."""
    return " ".join(strip_control_characters(text).split())


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


CJK_BREAK_AFTER = "。！？；，、：）」』】》"
ELLIPSIS = "…"


def cut_text(text, limit):
    """``text`` cut to at most ``limit`` characters at a boundary a reader expects: after
    a word in spaced scripts, after CJK punctuation (else between two CJK characters,
    which are words of their own), with an ellipsis when anything was cut."""
    if len(text) <= limit:
        return text
    window = text[: limit - len(ELLIPSIS) + 1]
    cut = window.rfind(" ")
    cjk_cut = max(window.rfind(mark) for mark in CJK_BREAK_AFTER)
    if cjk_cut >= limit // 2 and cjk_cut + 1 > cut:
        return window[: cjk_cut + 1] + ELLIPSIS
    for end in range(len(window) - 1, max(cut, 0), -1):
        if CJK_CHARACTER.match(window[end - 1]) or CJK_CHARACTER.match(window[end]):
            return window[:end].rstrip() + ELLIPSIS
    if cut > 0:
        return window[:cut].rstrip(" ,;:") + ELLIPSIS
    return window[:-1] + ELLIPSIS
