"""Validation shared by the models that own a piece of a URL."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

# First path segments that belong to site pages, so no section may take them.
RESERVED_SECTIONS = frozenset({"page", "tags", "categories", "series", "search", "index.xml"})

# One URL path segment as Hugo writes them: letters of any script, digits and
# ``._+~@-``; no slash, no space.
validate_path_segment = RegexValidator(
    r"^[\w.+~@-]+\Z",
    "Use letters, digits and . _ + ~ @ - only (no spaces or slashes).",
)


def validate_section(value):
    if value in RESERVED_SECTIONS:
        raise ValidationError(f"“{value}” is a reserved URL segment; choose another section.")


def validate_site_path(value):
    if not value.startswith("/") or "//" in value or any(c.isspace() for c in value):
        raise ValidationError("A site path starts with / and has no spaces, e.g. /old/post/.")
    if any(segment in (".", "..") for segment in value.split("/")):
        # Browsers resolve them away, so such a path could never be asked for.
        raise ValidationError("A site path has no . or .. segments, e.g. /old/post/.")
