"""The Markdown dialect of the blog: Python-Markdown with the site's extensions."""

import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

import markdown

from ..languages import site_url
from .commonmark import CommonMarkBlocksExtension
from .conventions import SiteConventionsExtension
from .highlight import RememberingHighlightExtension
from .math import MathExtension
from .punctuation import SmartPunctuationExtension
from .source_lines import SourceLinesExtension

_local = threading.local()


@dataclass(frozen=True)
class RenderedMarkdown:
    html: str
    headings: list


def _build(site_host):
    return markdown.Markdown(
        extensions=[
            "markdown.extensions.tables",
            "markdown.extensions.footnotes",
            "markdown.extensions.md_in_html",
            SmartPunctuationExtension(),
            "pymdownx.superfences",
            RememberingHighlightExtension(
                use_pygments=True, css_class="highlight", pygments_lang_class=True
            ),
            "pymdownx.tilde",
            "pymdownx.magiclink",
            CommonMarkBlocksExtension(),
            MathExtension(),
            SiteConventionsExtension(site_host=site_host),
            SourceLinesExtension(),
        ],
        extension_configs={
            "pymdownx.tilde": {"subscript": False},
            "markdown.extensions.footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
        },
        output_format="html",
    )


def _markdown():
    """One parser per thread (a ``Markdown`` instance is not thread-safe)."""
    site_host = urlsplit(site_url()).hostname or ""
    cached = getattr(_local, "parser", None)
    if cached is None or cached[0] != site_host:
        cached = _local.parser = (site_host, _build(site_host))
    return cached[1]


def render_markdown(source, source_lines=False):
    """Unsanitized HTML for ``source``; callers pass it through ``sanitize_html``.

    ``source_lines`` marks each top-level block with the line it starts on, for the
    editor's preview (see ``source_lines``); stored HTML never asks for it.
    """
    md = _markdown()
    md.reset()
    md.source_lines = source_lines
    html = md.convert(source)
    return RenderedMarkdown(html, list(md.heading_tokens))
