"""The one sanitizer every author- or import-supplied byte passes before a reader sees it.

Built on nh3 (Rust's ammonia, an html5ever parser with an allow-list). Not bleach:
its maintainers ended it with 6.4.0 (no further releases, security fixes included).

URLs in stored HTML follow one rule: every stored column holds URLs that are right at
the address of the page it belongs to, where pages show it as it is; whatever shows it
anywhere else resolves it against that address, in ``absolutize_urls`` (feeds, for
summaries and full text alike). A summary's relative URLs are stored root-relative,
resolved in the pass that sanitizes it (``sanitize_html(html, page_path)``): right at
the post's address still, and resolvable with the one site-wide resolver, so a long
feed does not build a resolver per item. A body keeps them as written: resolving it
would cost every save a second pass over the largest column, for full-text feeds only.
"""

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import nh3

from ..languages import absolute_url

ALLOWED_TAGS = frozenset(
    """
    a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em
    figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span
    strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr
    """.split()
)
GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "aria-label", "aria-hidden", "role"}
ALLOWED_ATTRIBUTES = {
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
# ``target`` only as ``_blank``; browsers imply ``noopener`` for it and our own
# Markdown links also say ``rel="noopener noreferrer"``.
ALLOWED_ATTRIBUTE_VALUES = {"a": {"target": {"_blank"}}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
CLEAN_CONTENT_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "object"})

# XML 1.0 forbids these; a feed containing one is not well-formed.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
SAFE_CLASS = re.compile(r"[\w -]*")
# A URL's scheme, once what a browser or a later normaliser may drop is gone.
URL_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
# In sanitized HTML every attribute is double-quoted and every URL is either
# absolute (an allowed scheme) or relative: these find the relative ones, and those
# relative to the page (not to the site's root) among the ones ammonia resolves.
# Each starts with its literal ``="``, which the regex engine looks for fastest.
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
RELATIVE_URL = re.compile(r'="(?!(?:https?|mailto):)(?:(?<=href=")|(?<=src=")|(?<=cite="))')
PAGE_RELATIVE_URL = re.compile(r'="(?!(?:https?|mailto):|/)(?:(?<=href=")|(?<=src="))')


def strip_control_characters(text):
    return CONTROL_CHARACTERS.sub("", text)


def url_scheme(url):
    """The scheme ``url`` would have with every whitespace, control and invisible
    character removed (``java\u200bscript:`` has ``javascript``), or None.

    Stricter than a browser on purpose: nh3 checks the schemes of ``href`` and
    ``src`` as a URL parser sees them, and leaves ``cite`` unchecked.
    """
    visible = "".join(
        char
        for char in url
        if not char.isspace() and unicodedata.category(char) not in INVISIBLE_CATEGORIES
    )
    scheme = URL_SCHEME.match(visible.lower())
    return scheme[1] if scheme else None


def _filter_attribute(tag, attribute, value):
    if attribute == "class" and not SAFE_CLASS.fullmatch(value):
        return None
    if attribute in URL_ATTRIBUTES and url_scheme(value) not in (None, *URL_SCHEMES):
        return None
    return value


SANITIZER_OPTIONS = {
    "tags": set(ALLOWED_TAGS),
    "clean_content_tags": set(CLEAN_CONTENT_TAGS),
    "attributes": {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    "tag_attribute_values": ALLOWED_ATTRIBUTE_VALUES,
    "attribute_filter": _filter_attribute,
    "url_schemes": set(URL_SCHEMES),
    "link_rel": None,
    "strip_comments": True,
}
# Built once: building a sanitizer costs twice what running one over a summary does.
_sanitizer = nh3.Cleaner(**SANITIZER_OPTIONS)


@lru_cache(maxsize=64)
def _resolver(base_url):
    """The sanitizer resolving relative URLs against ``base_url``, for HTML that has
    been sanitized already: without the class filter, whose Python callback per
    attribute would double the cost and change nothing."""
    options = {**SANITIZER_OPTIONS, "attribute_filter": None}
    return nh3.Cleaner(**options, url_relative=("rewrite_with_base", base_url))


def _root_relative_sanitizer(page_path):
    """The sanitizer that also resolves relative URLs against ``page_path`` into
    root-relative ones (``cite`` too, which ammonia's own resolving leaves alone)."""

    def filter_and_resolve(tag, attribute, value):
        value = _filter_attribute(tag, attribute, value)
        if value and attribute in URL_ATTRIBUTES and not urlsplit(value).scheme:
            return urljoin(page_path, value)
        return value

    return nh3.Cleaner(**{**SANITIZER_OPTIONS, "attribute_filter": filter_and_resolve})


def sanitize_html(html, page_path=None):
    """Return ``html`` with everything outside the allow-list removed; with
    ``page_path``, its relative URLs resolved against it into root-relative ones in
    the same pass (how summaries are stored)."""
    sanitizer = _sanitizer if page_path is None else _root_relative_sanitizer(page_path)
    return sanitizer.clean(strip_control_characters(html))


def absolutize_urls(html, page_url):
    """Stored ``html`` as shown away from ``page_url``, the address on the site it
    belongs to: every relative ``href``/``src`` resolved against it (HTML without any
    is returned as it is, unparsed). Root-relative URLs resolve alike against any page
    of the site, so HTML with no other relative URL (a stored summary) shares the
    resolver of the site's root: building one per page costs more than resolving a
    summary does."""
    if not RELATIVE_URL.search(html):
        return html
    base = page_url if PAGE_RELATIVE_URL.search(html) else absolute_url("/")
    return _resolver(base).clean(html)


# Typeset math (``blog.rendering.typeset``): KaTeX's HTML, its SVG and its MathML, and
# nothing else — no ``style`` (its declarations are classes by then), no URL, no
# MathML element that carries one (``maction``, ``mglyph``, ``annotation-xml``).
# Used on each formula KaTeX wrote, never on what an author wrote.
MATHML_ELEMENTS = frozenset(
    """
    math semantics annotation mrow mi mo mn ms mtext mspace msup msub msubsup munder mover
    munderover mfrac msqrt mroot mstyle mpadded mphantom menclose mtable mtr mtd mlabeledtr
    merror
    """.split()
)
MATHML_ATTRIBUTES = {
    "math": {"display"},
    "annotation": {"encoding"},
    "mo": {
        "fence",
        "separator",
        "stretchy",
        "symmetric",
        "largeop",
        "movablelimits",
        "accent",
        "lspace",
        "rspace",
        "minsize",
        "maxsize",
        "mathvariant",
    },
    "mi": {"mathvariant"},
    "mn": {"mathvariant"},
    "ms": {"mathvariant"},
    "mtext": {"mathvariant"},
    "mover": {"accent"},
    "munder": {"accentunder"},
    "munderover": {"accent", "accentunder"},
    "mfrac": {"linethickness"},
    "mspace": {"width", "height", "depth", "linebreak", "mathbackground"},
    "mpadded": {"width", "height", "depth", "lspace", "voffset", "mathbackground"},
    "mstyle": {"displaystyle", "scriptlevel", "mathcolor", "mathbackground"},
    "menclose": {"notation", "mathcolor", "mathbackground"},
    "mtable": {
        "columnalign",
        "rowalign",
        "columnspacing",
        "rowspacing",
        "columnlines",
        "rowlines",
        "frame",
        "width",
        "displaystyle",
    },
    "mtr": {"columnalign", "rowalign"},
    # Not "width": KaTeX puts one on a numbered equation's cells, but MathML has no
    # such attribute there (the W3C checker refuses it) and the HTML form is what shows.
    "mtd": {"columnalign", "rowalign"},
}
SVG_ATTRIBUTES = {
    "svg": {"width", "height", "viewBox", "preserveAspectRatio"},
    "path": {"d"},
    "line": {"x1", "y1", "x2", "y2", "stroke-width"},
}
_math_sanitizer = nh3.Cleaner(
    tags={"span", "svg", "path", "line", *MATHML_ELEMENTS},
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes={"span": {"class", "aria-hidden"}, **MATHML_ATTRIBUTES, **SVG_ATTRIBUTES},
    attribute_filter=_filter_attribute,
    url_schemes=set(),
    link_rel=None,
    strip_comments=True,
)


def sanitize_math(html):
    """One formula's KaTeX markup, with everything outside its vocabulary removed."""
    return _math_sanitizer.clean(strip_control_characters(html))
