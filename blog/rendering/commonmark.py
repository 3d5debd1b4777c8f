"""CommonMark habits that Python-Markdown does not share, bridged before parsing.

The Hugo site was written for Goldmark (CommonMark + GFM). Three habits of its
authors would otherwise render differently here:

* a list or a table that starts right under a paragraph line (CommonMark lets both
  interrupt a paragraph; Python-Markdown needs a blank line first);
* an HTML block left open at a blank line, such as ``<details>`` or
  ``<div class="series-nav">`` wrapping Markdown (CommonMark parses what follows as
  Markdown; Python-Markdown would keep it raw unless the tag says ``markdown="1"``).

The preprocessor runs after fenced code is stashed, so code is never touched, and
it leaves display math (``$$`` … ``$$``) alone.
"""

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|1[.)]) +\S")
ANY_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)]) +\S")
TABLE_DELIMITER_ROW = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
OPEN_HTML_BLOCK = re.compile(r"^ {0,3}<(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\s[^>]*)?)>")
MARKDOWN_CONTAINERS = frozenset(
    "address article aside blockquote center details dialog div figure footer header main "
    "nav section".split()
)
CODE_SPAN = re.compile(r"(`+).*?\1")


def _counts_as_paragraph_text(line):
    stripped = line.strip()
    return bool(stripped) and not (
        line.startswith((" ", "\t"))
        or ANY_LIST_ITEM.match(line)
        or stripped.startswith(("#", ">", "|", "<", "\x02"))
        or set(stripped) <= set("-=*_ ")
    )


def _toggles_display_math(line):
    return CODE_SPAN.sub("", line).count("$$") % 2 == 1


def _leaves_html_block_open(lines, start, tag):
    """Does the CommonMark HTML block opening at ``start`` end before ``</tag>``?"""
    closing = f"</{tag.lower()}"
    for line in lines[start:]:
        if not line.strip():
            return True
        if closing in line.lower():
            return False
    return False


class CommonMarkBlocksPreprocessor(Preprocessor):
    def run(self, lines):
        output = []
        in_display_math = False
        for index, line in enumerate(lines):
            previous = output[-1] if output else ""
            if not in_display_math and _counts_as_paragraph_text(previous):
                starts_table = (
                    "|" in line
                    and index + 1 < len(lines)
                    and TABLE_DELIMITER_ROW.match(lines[index + 1])
                )
                if LIST_ITEM.match(line) or starts_table:
                    output.append("")
            if not in_display_math:
                line = self._open_for_markdown(lines, index, line)
            if _toggles_display_math(line):
                in_display_math = not in_display_math
            output.append(line)
        return output

    @staticmethod
    def _open_for_markdown(lines, index, line):
        opening = OPEN_HTML_BLOCK.match(line)
        if (
            opening
            and opening["tag"].lower() in MARKDOWN_CONTAINERS
            and "markdown=" not in opening["attrs"]
            and _leaves_html_block_open(lines, index, opening["tag"])
        ):
            end = opening.end() - 1
            return f'{line[:end]} markdown="1"{line[end:]}'
        return line


class CommonMarkBlocksExtension(Extension):
    def extendMarkdown(self, md):
        # After fenced code is stashed (25), before raw HTML blocks are (20).
        md.preprocessors.register(CommonMarkBlocksPreprocessor(md), "commonmark_blocks", 22)
