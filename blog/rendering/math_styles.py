"""KaTeX's inline styles as classes, so typeset math needs no ``style`` attribute.

Public pages send ``style-src 'self'``: a ``style="…"`` parsed from HTML is refused.
KaTeX positions its boxes with such attributes (struts' heights, vertical shifts,
kerns), so each declaration becomes a class named after it (``height:0.6944em`` →
``k-h-0P6944em``) and its rule is served from our own origin (``/math.css``, built
from the ``MathStyle`` table). Only declarations of the grammar below are kept — the
properties KaTeX writes, with numbers in ``em``, KaTeX's colour syntax or its fixed
keywords — so nothing an author writes can carry any other CSS; anything else is
dropped, and the sanitizer (which allows no ``style``) would drop it anyway.
"""

import re

LENGTH = r"-?(?:\d+\.?\d*|\.\d+)em"
COLOR = r"#[0-9a-f]{3,8}|[a-z]{1,30}"
GRAMMAR = {  # property: (class code, value pattern)
    "height": ("h", LENGTH),
    "width": ("w", rf"{LENGTH}|calc\(100% - {LENGTH}\)|\d{{1,3}}%"),
    "min-width": ("mw", LENGTH),
    "top": ("t", LENGTH),
    "bottom": ("b", LENGTH),
    "left": ("l", LENGTH),
    "vertical-align": ("va", LENGTH),
    "margin": ("m", rf"0 {LENGTH}"),
    "margin-left": ("ml", LENGTH),
    "margin-right": ("mr", LENGTH),
    "margin-top": ("mt", LENGTH),
    "padding-left": ("pl", LENGTH),
    "border-width": ("bw", LENGTH),
    "border-top-width": ("btw", LENGTH),
    "border-bottom-width": ("bbw", LENGTH),
    "border-right-width": ("brw", LENGTH),
    "border-style": ("bs", "solid|dashed"),
    "border-right-style": ("brs", "solid|dashed"),
    "position": ("p", "relative"),
    "color": ("c", COLOR),
    "background-color": ("bg", COLOR),
    "border-color": ("bc", COLOR),
    "text-shadow": ("ts", r"0\.02em 0\.01em 0\.04px"),
}
VALUE = {name: re.compile(pattern) for name, (_, pattern) in GRAMMAR.items()}
# Every character a valid value can hold, each to its own class-name character: with
# the property's code in front, two declarations never share a class.
ENCODING = str.maketrans({"-": "M", ".": "P", " ": "S", "#": "H", "%": "C", "(": "L", ")": "R"})
STYLED_ELEMENTS = frozenset({"span", "svg"})  # KaTeX's visible HTML; its MathML is hidden
START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*)>")
STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')


def declaration(text):
    """``property:value`` normalised, or None when it is outside the grammar."""
    name, _, value = text.partition(":")
    name, value = name.strip().lower(), value.strip().lower()
    pattern = VALUE.get(name)
    if pattern is None or not pattern.fullmatch(value):
        return None
    return f"{name}:{value}"


def class_name(valid_declaration):
    name, value = valid_declaration.split(":", 1)
    return f"k-{GRAMMAR[name][0]}-{value.translate(ENCODING)}"


def rule(valid_declaration):
    return f".{class_name(valid_declaration)}{{{valid_declaration}!important}}"


def stylesheet(declarations):
    """The rules of ``declarations`` (each revalidated: this goes straight to CSS)."""
    valid = sorted(filter(None, map(declaration, declarations)))
    return "\n".join(rule(text) for text in valid) + "\n"


def classify(katex_html):
    """KaTeX's markup with each ``style`` attribute turned into classes; returns the
    markup and the set of declarations it now relies on."""
    used = set()

    def rewrite(tag):
        styled = STYLE_ATTRIBUTE.search(tag[2])
        if styled is None:
            return tag[0]
        attributes = tag[2][: styled.start()] + tag[2][styled.end() :]
        if tag[1].lower() not in STYLED_ELEMENTS:
            return f"<{tag[1]}{attributes}>"
        found = [text for text in map(declaration, styled[1].split(";")) if text]
        used.update(found)
        classes = " ".join(class_name(text) for text in found)
        if not classes:
            return f"<{tag[1]}{attributes}>"
        existing = CLASS_ATTRIBUTE.search(attributes)
        if existing is None:
            return f'<{tag[1]} class="{classes}"{attributes}>'
        before, after = attributes[: existing.start()], attributes[existing.end() :]
        return f'<{tag[1]}{before} class="{existing[1]} {classes}"{after}>'

    return START_TAG.sub(rewrite, katex_html), used
