"""Validation shared by the models that own a piece of a URL."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator

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


# What a link on the site's pages may open: the web and mail. No scheme at all is a
# path on the site (/en/about/, about/), a query or a #fragment.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
validate_web_address = URLValidator(schemes=["http", "https"])


def link_scheme(value):
    """The scheme a browser would open ``value`` with ("" for a path or a fragment),
    or None if it is no link at all: browsers skip blanks and control characters (a
    tab inside ``javascript:`` hides nothing from them), so a link has none."""
    if any(c.isspace() or not c.isprintable() for c in value):
        return None
    try:
        return urlsplit(value).scheme.lower()
    except ValueError:  # an unclosed [ of an IPv6 host
        return None


def is_safe_link(value):
    """Whether a page may show ``value`` as a link: never ``javascript:``, ``data:``
    or ``vbscript:``, whose content the browser runs or shows as the site's."""
    return link_scheme(value) in LINK_SCHEMES | {""}


def validate_link(value):
    """A menu entry's or a footer link's address: https://…, mailto:…, a path on the
    site or a #fragment."""
    if not is_safe_link(value):
        raise ValidationError(
            "Use a web or mail address (https://…, mailto:…), a path on the site such as "
            "/en/about/, or a #fragment.",
            code="unsafe_link",
        )
    if link_scheme(value) in ("http", "https"):
        validate_web_address(value)
