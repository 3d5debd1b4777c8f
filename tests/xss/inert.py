"""The one question every XSS test asks of a piece of HTML: could any of it run?

``executable_parts`` parses the HTML the way a browser does (html5lib) and names
every carrier of script it finds. URL schemes are judged after removing what a
browser or a careless normaliser might drop (whitespace, control and invisible
format characters), so ``java\\u200bscript:`` counts as ``javascript:``.
"""

import unicodedata

import html5lib

FORBIDDEN_ELEMENTS = frozenset(
    """
    script style iframe frame frameset object embed applet form base link noscript
    template xml import portal
    """.split()
)
# SVG and MathML appear only as KaTeX writes them (math typeset at save), inside its
# ``katex`` span and from its vocabulary; any other, or anywhere else, is a finding.
KATEX_FOREIGN_ELEMENTS = frozenset(
    """
    svg path line math semantics annotation mrow mi mo mn ms mtext mspace msup msub
    msubsup munder mover munderover mfrac msqrt mroot mstyle mpadded mphantom menclose
    mtable mtr mtd mlabeledtr merror
    """.split()
)
FOREIGN_NAMESPACES = ("{http://www.w3.org/2000/svg}", "{http://www.w3.org/1998/Math/MathML}")
FORBIDDEN_ATTRIBUTES = frozenset({"style", "srcdoc", "formaction", "action", "http-equiv"})
URL_ATTRIBUTES = frozenset(
    """
    href src cite action formaction data poster background codebase lowsrc dynsrc
    longdesc usemap ping manifest icon profile srcset xlink:href
    """.split()
)
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def _local_name(name):
    return name.rsplit("}", 1)[-1].lower()


def url_scheme_words(url):
    """``url`` lower-cased, without whitespace, control or invisible characters."""
    return "".join(
        char
        for char in url.lower()
        if not char.isspace() and unicodedata.category(char) not in INVISIBLE_CATEGORIES
    )


def _dangerous_url(tag, attribute, value):
    scheme_text = url_scheme_words(value)
    if tag == "img" and attribute == "src" and scheme_text.startswith("data:image/"):
        return False
    return scheme_text.startswith(DANGEROUS_SCHEMES)


def executable_parts(html):
    """What in ``html`` could run script, each as a short description (none: inert)."""
    found = []
    document = html5lib.parse(html, namespaceHTMLElements=False)
    inside_katex = set()
    for element in document.iter():
        if "katex" in (element.get("class") or "").split():
            inside_katex.update(id(descendant) for descendant in element.iter())
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = _local_name(element.tag)
        foreign = element.tag.startswith(FOREIGN_NAMESPACES) or tag in ("svg", "math")
        if tag in FORBIDDEN_ELEMENTS:
            found.append(f"<{tag}> element")
        elif foreign and (tag not in KATEX_FOREIGN_ELEMENTS or id(element) not in inside_katex):
            found.append(f"<{tag}> element outside KaTeX's output")
        for name, value in element.attrib.items():
            attribute = _local_name(name) if "}" not in name else f"xlink:{_local_name(name)}"
            if attribute.startswith("on"):
                found.append(f"<{tag} {attribute}> event handler")
            elif attribute in FORBIDDEN_ATTRIBUTES:
                found.append(f"<{tag} {attribute}> attribute")
            elif attribute in URL_ATTRIBUTES and _dangerous_url(tag, attribute, value):
                found.append(f"<{tag} {attribute}={value!r}> script URL")
    return found


def assert_inert(html, where=""):
    found = executable_parts(html)
    assert not found, f"{where}: executable HTML survived: {found}\n{html[:2000]}"
