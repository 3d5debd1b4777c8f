"""Readable diffs of two bodies: changed lines paired, the changed words in them marked
(``<del>``/``<ins>``, styled by static/admin/quire-diff.css), unchanged stretches
folded; or the changed blocks of Markdown rendered as the page shows them."""

import difflib
import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import MathStyle
from ..rendering import render_post

CONTEXT = 3  # unchanged lines shown around each change
VIEWS = {"side": "Side by side", "inline": "Inline", "rendered": "Rendered"}
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Line:
    number: int | None
    html: str  # safe: escaped text, changed words in <del> or <ins>


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side view: ``kind`` is equal, changed, removed, added or
    skipped (``skipped`` lines were folded away: ``before.number`` is how many)."""

    kind: str
    before: Line | None
    after: Line | None


def _marked(tokens, tag):
    return f"<{tag}>{escape(''.join(tokens))}</{tag}>"


def word_diff(before, after):
    """The two lines as HTML, the words only one of them has marked."""
    old, new = TOKENS.findall(before), TOKENS.findall(after)
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(escape("".join(old[i1:i2])))
            right.append(escape("".join(new[j1:j2])))
            continue
        if i2 > i1:
            left.append(_marked(old[i1:i2], "del"))
        if j2 > j1:
            right.append(_marked(new[j1:j2], "ins"))
    return mark_safe("".join(left)), mark_safe("".join(right))


def line_rows(before, after, context=CONTEXT):
    """The rows of a side-by-side diff of two texts, unchanged stretches folded."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    rows, shown_to = [], 0
    for group in matcher.get_grouped_opcodes(context):
        first = group[0][1]
        if first > shown_to:
            rows.append(Row("skipped", Line(first - shown_to, ""), None))  # number: how many
        for op, i1, i2, j1, j2 in group:
            rows.extend(_rows(op, old, new, i1, i2, j1, j2))
        shown_to = group[-1][2]
    if rows and len(old) > shown_to:
        rows.append(Row("skipped", Line(len(old) - shown_to, ""), None))
    return rows


def _rows(op, old, new, i1, i2, j1, j2):
    if op == "equal":
        for offset in range(i2 - i1):
            text = escape(old[i1 + offset])
            yield Row("equal", _line(i1 + offset, text), _line(j1 + offset, text))
        return
    pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
    for offset in range(pairs):
        left, right = word_diff(old[i1 + offset], new[j1 + offset])
        yield Row("changed", _line(i1 + offset, left), _line(j1 + offset, right))
    for index in range(i1 + pairs, i2):
        yield Row("removed", _line(index, _marked([old[index]], "del")), None)
    for index in range(j1 + pairs, j2):
        yield Row("added", None, _line(index, _marked([new[index]], "ins")))


def _line(index, html):
    return Line(index + 1, mark_safe(html))  # built from escaped text


FENCE = re.compile(r"^\s*(```|~~~)")


def markdown_blocks(text):
    """The body's top-level blocks: runs of lines between blank lines, a fenced code
    block or a ``$$`` display kept whole."""
    blocks, current, fence, math = [], [], None, False
    for line in text.splitlines():
        opened = FENCE.match(line)
        if fence is None and opened:
            fence = opened[1]
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None and line.strip().count("$$") % 2:
            math = not math
        if not line.strip() and fence is None and not math:
            if current:
                blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


@dataclass(frozen=True)
class RenderedChange:
    kind: str  # changed, removed or added
    before: str  # rendered HTML, or ""
    after: str


def rendered_changes(before, after):
    """The blocks that changed, each rendered as the page would (math typeset), with
    what they replaced; returns the changes and the math they need styled."""
    old, new = markdown_blocks(before), markdown_blocks(after)
    changes, declarations = [], []

    def render(block):
        rendered = render_post(block, "")
        declarations.extend(rendered.math_declarations)
        return mark_safe(rendered.typeset_body_html)

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        left = "".join(render(block) for block in old[i1:i2])
        right = "".join(render(block) for block in new[j1:j2])
        kind = "changed" if left and right else ("removed" if left else "added")
        changes.append(RenderedChange(kind, mark_safe(left), mark_safe(right)))
    return changes, declarations


def inline_rows(rows):
    """The side-by-side rows as one column: ``(kind, sign, line)``, a changed line as
    its old form then its new one."""
    for row in rows:
        if row.kind == "equal":
            yield "equal", "", row.after
        elif row.kind == "skipped":
            yield "skipped", "", row.before
        else:
            if row.before is not None:
                yield "removed", "−", row.before
            if row.after is not None:
                yield "added", "+", row.after


def body_diff(before, after, before_label, after_label, view="side"):
    """The diff of two bodies as HTML, in one of ``VIEWS``."""
    context = {"before_label": before_label, "after_label": after_label, "view": view}
    if view == "rendered":
        changes, declarations = rendered_changes(before, after)
        context["changes"] = changes
        if declarations:
            MathStyle.keep(declarations)
            version = MathStyle.objects.version()
            context["math_stylesheet"] = reverse("math-stylesheet", kwargs={"version": version})
    else:
        rows = line_rows(before, after)
        context["rows"] = list(inline_rows(rows)) if view == "inline" else rows
    return render_to_string("admin/blog/post/_diff.html", context)
