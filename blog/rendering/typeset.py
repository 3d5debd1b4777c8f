"""Math typeset into the HTML pages show, at save: no math script in any page.

The stored, sanitized HTML keeps the site's math spans (``<span class="math-inline">
$…$</span>``) byte for byte — feeds carry that form. ``typeset_html`` makes the page
form: each span's TeX typeset by KaTeX (HTML for the eye, MathML with the TeX as its
annotation for assistive technology), its inline styles turned into classes
(``math_styles``), and passed through the math sanitizer. TeX that KaTeX refuses is
shown as itself, marked, and reported with its line in the author's Markdown. Blocks
that scroll sideways take focus in the page form (``scrollers``).
"""

import html
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache

from .katex import EngineFailure, typeset
from .math import MATH
from .math_styles import classify
from .math_text import formula_text
from .sanitize import sanitize_math
from .scrollers import focusable_scrollers
from .validation import without_code

MATH_SPAN = re.compile(r'<span class="math-(inline|block)">([^<]*)</span>')
REMEMBERED_FORMULAS = 4096
SECONDS_PER_TEXT = 20.0  # a whole post's math; past it, the rest is left as TeX


@dataclass(frozen=True)
class MathError:
    """TeX KaTeX refused: ``line`` is 1-based in the Markdown (``field``) it came from."""

    line: int
    expression: str
    message: str
    field: str = "body"

    def __str__(self):
        where = "" if self.field == "body" else f"{self.field}, "
        return f"{where}line {self.line}: {self.expression} — {self.message}"

    def as_dict(self):
        return {"line": self.line, "expression": self.expression, "message": self.message}


@dataclass(frozen=True)
class Typeset:
    html: str
    declarations: frozenset = frozenset()
    errors: list = field(default_factory=list)  # (tex, display, message, position)


@dataclass(frozen=True)
class _Markup:
    html: str
    declarations: frozenset
    text: str
    error: str = ""
    position: int | None = None


@lru_cache(maxsize=REMEMBERED_FORMULAS)
def _markup(tex, display):
    """A formula's page markup, remembered per process: a re-save or a preview
    refresh typesets only the formulas that changed."""
    formula = typeset(tex, display)
    if formula.error:
        shown = _shown_as_tex(tex, display, formula.error)
        return _Markup(shown, frozenset(), tex, formula.error, formula.position)
    classified, declarations = classify(formula.html)
    return _Markup(sanitize_math(classified), frozenset(declarations), formula_text(formula.html))


def _shown_as_tex(tex, display, message):
    delimiter = "$$" if display else "$"
    title = html.escape(f"This TeX could not be typeset: {message}")
    shown = html.escape(delimiter + tex + delimiter)
    return f'<code class="math-error" title="{title}">{shown}</code>'


def _formula(tex, display, deadline):
    if time.monotonic() > deadline:
        message = "not typeset: the math of this text took too long in all"
        return _Markup(_shown_as_tex(tex, display, message), frozenset(), tex, message)
    try:
        return _markup(tex, display)
    except EngineFailure as failure:  # not remembered: it may pass another time
        message = f"too large or too deep for KaTeX ({failure})"
        return _Markup(_shown_as_tex(tex, display, message), frozenset(), tex, message)


def tex_of(span_text, display):
    delimiter = "$$" if display else "$"
    text = html.unescape(span_text)
    if len(text) >= 2 * len(delimiter) and text.startswith(delimiter) and text.endswith(delimiter):
        return text[len(delimiter) : -len(delimiter)]
    return text


def typeset_html(sanitized_html, deadline=None):
    """The page form of ``sanitized_html`` (see the module's docstring)."""
    deadline = time.monotonic() + SECONDS_PER_TEXT if deadline is None else deadline
    declarations, errors = set(), []

    def replace(match):
        display = match[1] == "block"
        tex = tex_of(match[2], display)
        markup = _formula(tex, display, deadline)
        declarations.update(markup.declarations)
        if markup.error:
            errors.append((tex, display, markup.error, markup.position))
        return f'<span class="math-{match[1]}">{markup.html}</span>'

    typeset_page = focusable_scrollers(MATH_SPAN.sub(replace, sanitized_html))
    return Typeset(typeset_page, frozenset(declarations), errors)


def math_as_text(sanitized_html, deadline=None):
    """``sanitized_html`` with inline math as its text (``ŷ = w^⊤x``) and display math
    left out (a derivation is noise in a snippet or a description)."""
    deadline = time.monotonic() + SECONDS_PER_TEXT if deadline is None else deadline

    def replace(match):
        if match[1] == "block":
            return " "
        return html.escape(_formula(tex_of(match[2], False), False, deadline).text)

    return MATH_SPAN.sub(replace, sanitized_html)


def locate_errors(markdown, errors, field="body"):
    """``errors`` of ``typeset_html`` as ``MathError``s with their line in ``markdown``:
    each found at its own math in the source (in order; a footnote's, moved to the
    end of the page, by its first occurrence), then KaTeX's position inside the TeX."""
    text = without_code(markdown)
    sources = [
        (match.start(), next(group for group in match.groups() if group is not None))
        for match in MATH.finditer(text)
    ]
    located, cursor = [], 0
    for tex, _display, message, position in errors:
        index = next((i for i in range(cursor, len(sources)) if sources[i][1] == tex), None)
        if index is None:
            index = next((i for i, source in enumerate(sources) if source[1] == tex), None)
        else:
            cursor = index + 1
        start = sources[index][0] if index is not None else max(markdown.find(tex), 0)
        line = markdown.count("\n", 0, start) + 1 + tex.count("\n", 0, position or 0)
        located.append(MathError(line, tex, message, field))
    return located
