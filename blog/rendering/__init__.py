"""Markdown → safe HTML, run once when content is saved, never per request."""

import time
from dataclasses import dataclass, field

from .markdown import render_markdown
from .sanitize import (
    CONTROL_CHARACTERS,
    absolutize_urls,
    sanitize_html,
    strip_control_characters,
)
from .source_lines import without_line_marks
from .summary import cut_summary, split_more
from .text import plain_text, reading_minutes, single_line, table_of_contents
from .typeset import SECONDS_PER_TEXT, MathError, Typeset, locate_errors, typeset_html

__all__ = [
    "CONTROL_CHARACTERS",
    "MathError",
    "RenderedPost",
    "Typeset",
    "absolutize_urls",
    "render",
    "render_post",
    "render_typeset",
    "sanitize_html",
    "single_line",
    "strip_control_characters",
]


@dataclass(frozen=True)
class RenderedPost:
    """``body_html`` and ``summary_html`` keep math as TeX in the site's spans (what
    feeds carry); the ``typeset_`` forms and ``toc_html`` have it typeset (what pages
    show), relying on the classes of ``math_declarations``."""

    body_html: str
    summary_html: str
    toc_html: str = ""
    body_text: str = ""
    reading_minutes: int = 0
    headings: list = field(default_factory=list)
    typeset_body_html: str = ""
    typeset_summary_html: str = ""
    math_declarations: frozenset = frozenset()
    math_errors: list = field(default_factory=list)  # MathError, lines in the body
    summary_math_errors: list = field(default_factory=list)  # in the summary field

    @property
    def has_math(self):
        return 'class="math-' in self.typeset_body_html


def render(source, page_path=None):
    """Sanitized HTML for a piece of Markdown (a summary), math left as TeX; with
    ``page_path``, its relative URLs made root-relative (see ``sanitize_html``)."""
    return sanitize_html(render_markdown(source).html, page_path)


def render_typeset(source):
    """Markdown shown only on pages (a series description, a section's introduction):
    sanitized, its math typeset (a ``Typeset``)."""
    return typeset_html(render(source))


def render_post(body, summary="", page_path=None, source_lines=False):
    """Render a post's body and work out its summary (see ``summary``); typeset its
    math for the page (see ``typeset``). With ``page_path``, the summary's relative
    links are made root-relative against it, in the pass that sanitizes it (the rule
    is in ``sanitize``); the body keeps them as written.

    ``source_lines``: the editor's preview asks for the body's blocks to be marked
    with their source lines (see ``source_lines``).
    """
    rendered_body = render_markdown(body, source_lines=source_lines)
    body_html = sanitize_html(rendered_body.html)
    before_more = split_more(body)
    if before_more is not None:
        summary_html = render(before_more, page_path)
    elif summary.strip():
        summary_html = render(summary, page_path)
    else:
        unmarked = without_line_marks(body_html) if source_lines else body_html
        summary_html = sanitize_html(cut_summary(unmarked), page_path)
    deadline = time.monotonic() + SECONDS_PER_TEXT
    page_body = typeset_html(body_html, deadline)
    page_summary = typeset_html(summary_html, deadline)
    toc = typeset_html(table_of_contents(rendered_body.headings), deadline)
    summary_field_used = before_more is None and summary.strip()
    text = plain_text(body_html)
    return RenderedPost(
        body_html=body_html,
        summary_html=summary_html,
        toc_html=toc.html,
        body_text=text,
        reading_minutes=reading_minutes(text),
        headings=rendered_body.headings,
        typeset_body_html=page_body.html,
        typeset_summary_html=page_summary.html,
        math_declarations=page_body.declarations | page_summary.declarations | toc.declarations,
        math_errors=locate_errors(body, page_body.errors),
        summary_math_errors=locate_errors(summary, page_summary.errors, "summary")
        if summary_field_used
        else [],
    )
