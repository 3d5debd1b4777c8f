"""TeX passthrough: math reaches the page byte for byte, for KaTeX to typeset.

Follows the Hugo site's passthrough delimiters: ``$…$`` and ``\\(…\\)`` inline,
``$$…$$`` and ``\\[…\\]`` display. Output matches the site's render hooks:
``<span class="math-inline">$…$</span>`` and ``<span class="math-block">$$…$$</span>``
(a span, because display math often sits inside a paragraph). The TeX is stored as
an atomic string, so no later Markdown rule (emphasis, smart quotes, escapes) can
touch its ``_``, ``*``, ``\\{`` or ``\\\\``; and a table row is never split at a ``|``
inside math.
"""

import re
import xml.etree.ElementTree as etree

from markdown import util
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor
from markdown.inlinepatterns import InlineProcessor

_TEX = r"(?:\\.|[^\\$])+?"
MATH_PATTERN = (
    r"(?<!\\)\$\$(?P<display>" + _TEX + r")\$\$"
    r"|\\\[(?P<bracket>.+?)\\\]"
    r"|(?<![\\$])\$(?!\$)(?P<inline>" + _TEX + r")\$"
    r"|\\\((?P<paren>.+?)\\\)"
)
MATH = re.compile(MATH_PATTERN, re.DOTALL)
PIPE_STAND_IN = "\ue000"


def math_element(tex, display):
    element = etree.Element("span", {"class": "math-block" if display else "math-inline"})
    delimiter = "$$" if display else "$"
    element.text = util.AtomicString(f"{delimiter}{tex}{delimiter}")
    return element


class MathInlineProcessor(InlineProcessor):
    def handleMatch(self, m, data):
        display = m.group("display") or m.group("bracket")
        if display is not None:
            return math_element(display, display=True), m.start(0), m.end(0)
        return (
            math_element(m.group("inline") or m.group("paren"), display=False),
            m.start(0),
            m.end(0),
        )


class MathAwareTableProcessor(TableProcessor):
    """GFM tables whose cells may hold math with ``|`` in it (``$E[\\theta | x]$``).

    As in GFM, ``\\|`` in a row stands for ``|``, inside math too.
    """

    def _split(self, row):
        def protect(match):
            return match.group(0).replace("\\|", "|").replace("|", PIPE_STAND_IN)

        cells = super()._split(MATH.sub(protect, row))
        return [cell.replace(PIPE_STAND_IN, "|") for cell in cells]


class MathExtension(Extension):
    """Needs ``markdown.extensions.tables`` loaded first: it takes over its processor."""

    def extendMarkdown(self, md):
        if "$" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("$")
        md.parser.blockprocessors.register(
            MathAwareTableProcessor(md.parser, {"use_align_attribute": False}), "table", 75
        )
        # After code spans (190), before escapes (180) and everything else.
        md.inlinePatterns.register(MathInlineProcessor(MATH_PATTERN, md), "math", 189.5)
