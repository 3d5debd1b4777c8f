"""A formula as plain text, for search snippets, descriptions and reading time.

Read from the MathML KaTeX writes beside its HTML (so it costs no second parse of
the TeX): ``\\hat y = w^\\top x`` reads ``ŷ = w^⊤x``, ``\\frac{1}{2}`` ``1/2``.
TeX converters on PyPI (pylatexenc, unicodeit) take as long a formula as KaTeX
itself, for no better text (docs/BENCHMARKS.md).
"""

import re
import xml.etree.ElementTree as ET

MATHML = re.compile(r"<math\b.*?</math>", re.DOTALL)
NAMESPACE = re.compile(r"\{[^}]*\}")
ACCENTS = {  # an accent over one letter, as its combining character
    "^": "\u0302",
    "ˆ": "\u0302",
    "~": "\u0303",
    "˜": "\u0303",
    "ˉ": "\u0304",
    "¯": "\u0304",
    "‾": "\u0305",
    "˙": "\u0307",
    "¨": "\u0308",
    "→": "\u20d7",
    "\u20d7": "\u20d7",
}
SPACED_OPERATORS = frozenset("=<>≤≥≠≈≃∼≡+−±×÷·∣∈∉⊂⊆⊃⊇→←↦⇒⇔")


def _grouped(text):
    if len(text) <= 1 or (text.startswith("(") and text.endswith(")")):
        return text
    return f"({text})"


def _text(element):
    tag = NAMESPACE.sub("", element.tag)
    children = [child for child in element if NAMESPACE.sub("", child.tag) != "annotation"]
    parts = [_text(child) for child in children]
    if tag == "mo":
        operator = (element.text or "").strip()
        return f" {operator} " if operator in SPACED_OPERATORS else operator
    if tag in ("mi", "mn", "mtext", "ms"):
        return element.text or ""
    if tag == "mspace":
        return " "
    if tag == "msup" and len(parts) == 2:
        return f"{parts[0]}^{_grouped(parts[1])}"
    if tag == "msub" and len(parts) == 2:
        return f"{parts[0]}_{_grouped(parts[1])}"
    if tag == "msubsup" and len(parts) == 3:
        return f"{parts[0]}_{_grouped(parts[1])}^{_grouped(parts[2])}"
    if tag == "mfrac" and len(parts) == 2:
        return f"{_grouped(parts[0])}/{_grouped(parts[1])}"
    if tag == "msqrt":
        return f"√{_grouped(''.join(parts))}"
    if tag == "mroot" and len(parts) == 2:
        return f"{_grouped(parts[1])}√{_grouped(parts[0])}"
    if tag == "mover" and len(parts) == 2:
        accent = ACCENTS.get(parts[1])
        if accent and len(parts[0]) == 1:
            return parts[0] + accent
        return parts[0] if accent else f"{parts[0]}^{_grouped(parts[1])}"
    if tag == "munder" and len(parts) == 2:
        return f"{parts[0]}_{_grouped(parts[1])}"
    if tag == "munderover" and len(parts) == 3:
        return f"{parts[0]}_{_grouped(parts[1])}^{_grouped(parts[2])}"
    if tag == "mtr":
        return ", ".join(parts)
    if tag == "mtable":
        return "; ".join(parts)
    return "".join(parts)


def formula_text(katex_html):
    """The text of a formula KaTeX typeset (its HTML and MathML), or "" without MathML."""
    found = MATHML.search(katex_html)
    if found is None:
        return ""
    try:
        return " ".join(_text(ET.fromstring(found[0])).split())
    except ET.ParseError:
        return ""
