"""Markdown → safe HTML, run once when content is saved, never per request."""

from dataclasses import dataclass, field

from .markdown import render_markdown
from .sanitize import (
    absolutize_urls,
    resolve_relative_urls,
    sanitize_html,
    strip_control_characters,
)
from .source_lines import without_line_marks
from .summary import cut_summary, split_more
from .text import plain_text, reading_minutes, table_of_contents

__all__ = [
    "RenderedPost",
    "absolutize_urls",
    "render",
    "render_post",
    "resolve_relative_urls",
    "sanitize_html",
    "strip_control_characters",
]


@dataclass(frozen=True)
class RenderedPost:
    body_html: str
    summary_html: str
    toc_html: str = ""
    body_text: str = ""
    reading_minutes: int = 0
    headings: list = field(default_factory=list)


def render(source):
    """Sanitized HTML for a piece of Markdown (a series description, a summary)."""
    return sanitize_html(render_markdown(source).html)


def render_post(body, summary="", source_lines=False):
    """Render a post's body and work out its summary (see ``summary``).

    ``source_lines``: the editor's preview asks for the body's blocks to be marked
    with their source lines (see ``source_lines``).
    """
    rendered_body = render_markdown(body, source_lines=source_lines)
    body_html = sanitize_html(rendered_body.html)
    before_more = split_more(body)
    if before_more is not None:
        summary_html = render(before_more)
    elif summary.strip():
        summary_html = render(summary)
    else:
        unmarked = without_line_marks(body_html) if source_lines else body_html
        summary_html = sanitize_html(cut_summary(unmarked))
    text = plain_text(body_html)
    return RenderedPost(
        body_html=body_html,
        summary_html=summary_html,
        toc_html=table_of_contents(rendered_body.headings),
        body_text=text,
        reading_minutes=reading_minutes(text),
        headings=rendered_body.headings,
    )
