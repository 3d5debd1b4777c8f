"""Which source line each top-level block of the rendered HTML comes from.

For the editor's preview only (``render_markdown(source, source_lines=True)``): the
preview scrolls to the block holding the author's cursor. Stored HTML never carries
the marks. Each top-level element gets a class ``quire-source-line-N`` (1-based
line of the Markdown), because the sanitizer keeps classes and drops ``data-*``;
the editor moves it into ``data-source-line`` and off the class list before showing
the block, so the preview's DOM is the page's.

Python-Markdown parses the *preprocessed* text (fenced code and raw HTML stashed
as one-line placeholders, blank lines added before lists), split at blank lines into
blocks. A first block processor that never consumes anything notes, each time the
top level moves on, where its next block starts; lines of the preprocessed text are
then matched back to the author's (see ``SourceMap``). A block the stash holds (a
highlighted code block, raw HTML) gets the class on its own first tag, since its
placeholder paragraph is replaced whole after serialization.
"""

import bisect
import re
import xml.etree.ElementTree as etree

from markdown import util
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

CLASS_PREFIX = "quire-source-line-"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
PLACEHOLDER = re.compile(util.HTML_PLACEHOLDER % r"([0-9]+)")
OPENING_TAG = re.compile(r"^\s*<[A-Za-z][\w-]*(?P<attributes>[^>]*)>")
CLASS_ATTRIBUTE = re.compile(r"""\bclass=(?P<quote>["'])(?P<value>.*?)(?P=quote)""")


LINE_MARK = re.compile(rf' class="{CLASS_PREFIX}\d+"| {CLASS_PREFIX}\d+(?=")')


def with_line_class(classes, line):
    return f"{classes} {CLASS_PREFIX}{line}".strip()


def without_line_marks(html):
    """``html`` as it would have been rendered without ``source_lines``."""
    return LINE_MARK.sub("", html)


class SourceMap:
    """Offsets in the preprocessed text to lines of the author's source."""

    def __init__(self, source_lines, preprocessed_lines):
        self.text = "\n".join(preprocessed_lines)
        self.line_starts = [0]
        for line in preprocessed_lines[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.to_source = self._align(source_lines, preprocessed_lines)

    @staticmethod
    def _align(source_lines, preprocessed_lines):
        """For each preprocessed line, the 1-based source line it stands for.

        Preprocessing keeps the author's lines in order; it only puts one placeholder
        line for a stashed block, inserts blank lines and rewrites an HTML opening
        tag now and then. So walk both: a line equal to the next source line is that
        line; another is looked for further on; a placeholder, an inserted blank or a
        rewritten line stands for the next source line. Linear, unlike ``difflib``.
        """
        where = {}
        for index, line in enumerate(source_lines):
            where.setdefault(line, []).append(index)
        last = max(len(source_lines) - 1, 0)
        lines, next_line = [], 0
        for line in preprocessed_lines:
            if next_line <= last and source_lines and source_lines[next_line] == line:
                lines.append(next_line + 1)
                next_line += 1
                continue
            found = where.get(line) if line and not PLACEHOLDER.search(line) else None
            later = bisect.bisect_left(found, next_line) if found else 0
            if found and later < len(found):
                next_line = found[later]
                lines.append(next_line + 1)
                next_line += 1
            else:
                lines.append(min(next_line, last) + 1)
        return lines

    def line_at(self, offset):
        while offset < len(self.text) and self.text[offset] == "\n":
            offset += 1
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return self.to_source[min(index, len(self.to_source) - 1)] if self.to_source else 1


class KeepSourcePreprocessor(Preprocessor):
    """First in line: keeps the author's lines before any preprocessor changes them."""

    def run(self, lines):
        self.md.source_line_marks = []
        if self.md.source_lines:
            # As NormalizeWhitespacePreprocessor will leave them, so unchanged lines match.
            lines_as_parsed = (
                line.replace("\r", "").expandtabs(self.md.tab_length) for line in lines
            )
            self.md.source_text_lines = [
                line if line.strip(" ") else "" for line in lines_as_parsed
            ]
        return lines


class KeepPreprocessedPreprocessor(Preprocessor):
    """Last in line: the text the block parser will see."""

    def run(self, lines):
        if self.md.source_lines:
            self.md.source_map = SourceMap(self.md.source_text_lines, lines)
        return lines


class BlockStartProcessor(BlockProcessor):
    """Notes where each top-level block starts, then lets the real processors run."""

    def test(self, parent, block):
        return self.parser.md.source_lines and parent is self.parser.root

    def run(self, parent, blocks):
        md = self.parser.md
        source_map, marks = md.source_map, md.source_line_marks
        block = blocks[0]
        previous_offset, previous_block = marks[-1][2:] if marks else (0, "")
        offset = self._locate(source_map.text, block, previous_offset, previous_block)
        marks.append((len(parent), source_map.line_at(offset), offset, block))
        return False

    @staticmethod
    def _locate(text, block, previous_offset, previous_block):
        """Where ``block`` starts: right after the previous one, or — when a processor
        split that one and handed back a part of it — inside it."""
        after = previous_offset + len(previous_block)
        following = text.find(block, after)
        inside = previous_block.find(block) if previous_block else -1
        if inside >= 0 and (following < 0 or text[after:following].strip("\n")):
            return previous_offset + inside
        return following if following >= 0 else previous_offset


class ResolveMarksTreeprocessor(Treeprocessor):
    """Right after block parsing: which top-level element each block made."""

    def run(self, root):
        if not self.md.source_lines:
            return
        children = list(root)
        lines = {}
        marks = self.md.source_line_marks
        source_map = self.md.source_map if marks else None
        for index, (start, line, offset, _) in enumerate(marks):
            end = marks[index + 1][0] if index + 1 < len(marks) else len(children)
            for position, child in enumerate(children[start:end]):
                if position and child.tag in HEADINGS:
                    line = self._heading_line(source_map, offset, child.tag, line)
                lines.setdefault(child, line)
        self.md.source_line_of = lines

    @staticmethod
    def _heading_line(source_map, offset, tag, fallback):
        """A ``#`` heading cut out of the middle of a block starts on a line of its own."""
        heading = re.compile(rf"^#{{{tag[1]}}}(?!#)", re.MULTILINE).search(source_map.text, offset)
        return source_map.line_at(heading.start()) if heading else fallback


class MarkLinesTreeprocessor(Treeprocessor):
    """Last: the class on each top-level element (or inside its wrapper or stash)."""

    def run(self, root):
        if not self.md.source_lines:
            return
        lines = self.md.source_line_of
        for child in root:
            line = lines.get(child)
            if line is None and len(child) and child[0] in lines:
                line = lines[child[0]]  # a table moved into its wrapper
            if line is None:
                continue
            placeholder = PLACEHOLDER.fullmatch((child.text or "").strip())
            if placeholder and not len(child):
                self._mark_stashed(int(placeholder[1]), line)
            else:
                child.set("class", with_line_class(child.get("class", ""), line))

    def _mark_stashed(self, index, line):
        blocks = self.md.htmlStash.rawHtmlBlocks
        if index >= len(blocks):
            return
        stashed = blocks[index]
        if isinstance(stashed, etree.Element):
            stashed.set("class", with_line_class(stashed.get("class", ""), line))
            return
        opening = OPENING_TAG.match(stashed)
        if opening is None:
            return
        existing = CLASS_ATTRIBUTE.search(opening["attributes"])
        if existing:
            start = opening.start("attributes") + existing.start("value")
            end = opening.start("attributes") + existing.end("value")
            blocks[index] = (
                stashed[:start] + with_line_class(existing["value"], line) + stashed[end:]
            )
        else:
            at = opening.end() - 1
            blocks[index] = f'{stashed[:at]} class="{CLASS_PREFIX}{line}"{stashed[at:]}'


class SourceLinesExtension(Extension):
    def extendMarkdown(self, md):
        md.source_lines = False
        md.source_line_marks = []
        md.source_line_of = {}
        md.preprocessors.register(KeepSourcePreprocessor(md), "keep_source", 1000)
        md.preprocessors.register(KeepPreprocessedPreprocessor(md), "keep_preprocessed", -1000)
        md.parser.blockprocessors.register(BlockStartProcessor(md.parser), "block_start", 1000)
        md.treeprocessors.register(ResolveMarksTreeprocessor(md), "resolve_marks", 1000)
        md.treeprocessors.register(MarkLinesTreeprocessor(md), "mark_lines", 1)
