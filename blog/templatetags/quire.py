"""Template helpers shared by every page."""

import json
import zlib

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from ..languages import absolute_url, language_code, languages, site_title
from ..languages import author as site_author
from ..models import MathStyle
from ..rendering.summary import count_words
from ..rendering.text import cut_text

register = template.Library()


@register.filter
def absolute(path):
    """``path`` on the public site (SITE_URL), for canonical links and social cards."""
    return absolute_url(path)


@register.filter
def hreflang(lang):
    """The code a language prefix announces (``fr`` → ``fr-CA``), for ``hreflang``."""
    return language_code(lang)


@register.inclusion_tag("_language_links.html", takes_context=True)
def language_links(context):
    """The language switch: each language's version of this page, else its home page.

    Views name the versions they know in ``alternate_urls`` (a post's translations,
    an index page in every language)."""
    alternates = context.get("alternate_urls") or {}
    current = context["lang"]
    return {
        "links": [
            {
                "code": language.code,
                "language_code": language.language_code,
                "name": language.name,
                "url": alternates.get(language.code)
                or reverse("blog:home", kwargs={"lang": language.code}),
                "current": language.code == current,
            }
            for language in languages()
        ]
    }


ACCENTS = 6  # .accent-0 … .accent-5 in site.css, each readable in both themes


@register.filter
def accent(series):
    """The accent class of a series: one of a few colours, fixed by its slug (not its
    id, which a fresh import of the same site would change)."""
    return f"accent-{zlib.crc32(series.slug.encode()) % ACCENTS if series else 0}"


@register.filter
def word_count(text):
    """The words of a plain ``text``, each CJK character counted as one (as Hugo)."""
    return count_words(text)


@register.filter
def excerpt(text, limit=200):
    """``text`` cut at a word (or CJK) boundary, for descriptions and social cards."""
    return cut_text(text, int(limit))


# Inside <script>, these must not appear raw (cf. Django's json_script).
JSON_IN_HTML = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


@register.simple_tag
def post_json_ld(post, image=""):
    """schema.org ``BlogPosting`` data for search engines, safe inside a script tag."""
    author = post.author.get_full_name() or post.author.get_username() if post.author else ""
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "url": post.permalink,
        "mainEntityOfPage": post.permalink,
        "datePublished": post.published_at.isoformat(),
        "dateModified": post.updated_at.isoformat(),
        "inLanguage": language_code(post.language),
        "keywords": [tag.name for tag in post.tag_list],
        "author": {"@type": "Person", "name": author or site_author() or site_title(post.language)},
        "publisher": {"@type": "Organization", "name": site_title(post.language)},
    }
    if post.description:
        data["description"] = post.description
    if image:
        data["image"] = image if image.startswith("http") else absolute_url(image)
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML))


def _shows(marker, sources):
    return any(marker in source for source in sources if source)


@register.simple_tag
def content_stylesheets(*sources):
    """The stylesheets a page's content needs, for a page showing ``sources`` (HTML):
    KaTeX's and the rules of typeset math's classes
    when it has math, Pygments' when it has highlighted code; none of them otherwise."""
    links = []
    if _shows('class="math-', sources):
        links.append(static("katex/katex.min.css"))
        links.append(reverse("math-stylesheet", kwargs={"version": MathStyle.objects.version()}))
    if _shows('highlight">', sources):  # class="highlight" or "language-… highlight"
        links.append(static("css/pygments.css"))
    return format_html_join(
        "\n  ", '<link rel="stylesheet" href="{}">', ((link,) for link in links)
    )
