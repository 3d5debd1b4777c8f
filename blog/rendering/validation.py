"""Form validation of a post's body: what an author is told at the field before anything
is stored (not Django system checks)."""

import re
from dataclasses import dataclass
from urllib.parse import unquote

from .images import site_file_exists

FENCED_CODE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
IMAGE_SOURCE = re.compile(
    r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)"
    r"|<img\b[^>]*\bsrc=[\"']([^\"']+)[\"']",
    re.IGNORECASE,
)


def without_code(markdown):
    """``markdown`` with code blanked out but line breaks kept, so lines still count."""

    def blank(match):
        return re.sub(r"[^\n]", " ", match[0])

    return CODE_SPAN.sub(blank, FENCED_CODE.sub(blank, markdown))


def _line_of(text, index):
    return text.count("\n", 0, index) + 1


@dataclass(frozen=True)
class MathProblem:
    line: int
    message: str

    def __str__(self):
        return self.message


def unbalanced_math(markdown):
    """The first ``$$`` or ``$`` left without its partner (a ``MathProblem``), or None."""
    text = without_code(markdown).replace("\\$", "  ")
    displays = [m.start() for m in re.finditer(r"\$\$", text)]
    if len(displays) % 2:
        line = _line_of(text, displays[-1])
        return MathProblem(line, f"The $$ on line {line} has no closing $$.")
    text = re.sub(r"\$\$.*?\$\$", lambda m: re.sub(r"[^\n]", " ", m[0]), text, flags=re.DOTALL)
    singles = [m.start() for m in re.finditer(r"\$", text)]
    if len(singles) % 2:
        line = _line_of(text, singles[-1])
        return MathProblem(line, f"The $ on line {line} has no closing $.")
    return None


def broken_images(markdown):
    """Image links of the body that point at this site but find no file."""
    broken = []
    for match in IMAGE_SOURCE.finditer(without_code(markdown)):
        source = match[1] or match[2]
        path = unquote(source.split("#")[0].split("?")[0])
        if re.match(r"^[a-z][a-z0-9+.-]*:", source, re.IGNORECASE) or source.startswith("//"):
            continue  # another site's image; nothing to check here
        # A relative path means nothing once the post is on the site.
        if not site_file_exists(path):
            broken.append(source)
    return broken
