"""The site's identity — its languages (URL prefixes, announced codes, titles), author,
menus and links — as set in the admin (``blog.models.site``).

Read once into this process and kept: a request for a cached page reads nothing, one
that is built reads nothing either until a setting changes. A change here forgets it at
once (``blog.signals``); other processes forget it when they see the content generation
move, which each request a server hands them looks for first (``pagecache.signals``),
page cache on or off. Nothing here reads the generation: code that renders outside a
request reads no database for it.
"""

import threading
from dataclasses import dataclass

import inflection
from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import translation

from pagecache.policy import cache_query_of

_lock = threading.Lock()
_loaded = {"forgotten": 0}  # "identity": the current Identity; "forgotten": how often


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    language_code: str
    name: str
    title: str
    description: str
    menu: tuple  # (name, url) pairs


@dataclass(frozen=True)
class Identity:
    title: str
    base_url: str
    author: str
    languages: dict  # prefix -> SiteLanguage, in the owner's order
    default: str
    links: tuple  # (name, url) pairs
    pluralize_list_titles: bool
    capitalize_list_titles: bool
    title_case_style: str


def _load():
    from .models.site import Language, SiteSettings
    from .models.validators import is_safe_link

    # A menu entry or link saved before validate_link may be a script: left out.
    site = SiteSettings.objects.current()
    rows = list(Language.objects.prefetch_related("menu"))
    languages = {
        row.code: SiteLanguage(
            code=row.code,
            language_code=row.language_code or row.code,
            name=row.name,
            title=row.title,
            description=row.description,
            menu=tuple(
                (entry.name, entry.url) for entry in row.menu.all() if is_safe_link(entry.url)
            ),
        )
        for row in rows
    }
    default = next((row.code for row in rows if row.is_default), rows[0].code if rows else "")
    return Identity(
        title=site.title,
        base_url=site.base_url,
        author=site.author,
        languages=languages,
        default=default,
        links=tuple(
            (name, url) for name, url in site.links.values_list("name", "url") if is_safe_link(url)
        ),
        pluralize_list_titles=site.pluralize_list_titles,
        capitalize_list_titles=site.capitalize_list_titles,
        title_case_style=site.title_case_style,
    )


def identity():
    """The site's identity, read from the database the first time after a change.

    While the database cannot answer (away, or not migrated yet when Django's system
    checks ask for the languages), it is the bootstrap one, kept for no longer: the
    request goes on to fail or be served from the page cache as it would have."""
    found = _loaded.get("identity")
    if found is None:
        with _lock:
            found = _loaded.get("identity")
            if found is None:
                try:
                    found = _loaded["identity"] = _load()
                except DatabaseError:
                    return bootstrap_identity()
    return found


def bootstrap_identity():
    """What a fresh install's identity is (SITE_TITLE, BLOG_LANGUAGES,
    BLOG_DEFAULT_LANGUAGE), read from no database."""
    from .models.site import bootstrap_languages

    rows = bootstrap_languages()
    return Identity(
        title="",
        base_url="",
        author="",
        languages={
            row.code: SiteLanguage(row.code, row.language_code, row.name, row.title, "", ())
            for row in rows
        },
        default=settings.BLOG_DEFAULT_LANGUAGE,
        links=(),
        pluralize_list_titles=True,
        capitalize_list_titles=True,
        title_case_style="ap",
    )


def forget():
    """Read the identity again next time (a setting changed, here or elsewhere), and
    forget what was worked out from it: which view answers a path depends on the
    languages (``converters.LanguageConverter``), so a language just added is not
    still taken for a 404 by the page cache's ``cache_query_of``."""
    _loaded.pop("identity", None)
    cache_query_of.cache_clear()
    _loaded["forgotten"] += 1


def generation():
    """How many times the identity was forgotten: it changed if this did."""
    return _loaded["forgotten"]


def forget_on_commit():
    """Forget now, and again once the change commits: a reader in between would
    otherwise keep what the change replaces."""
    forget()
    transaction.on_commit(forget)


def languages():
    return list(identity().languages.values())


def language_choices():
    """The languages, for model fields' choices and forms."""
    return [(language.code, language.name) for language in languages()]


def is_language(code):
    return code in identity().languages


def default_language():
    return identity().default


def language_code(lang):
    """The code pages and feeds announce for ``lang`` (Hugo's ``languageCode``)."""
    found = identity().languages.get(lang)
    return found.language_code if found else lang


def site_title(lang=None):
    """The site's title in ``lang``: the language's own, else the site's, else SITE_TITLE."""
    found = identity().languages.get(lang)
    return (found and found.title) or identity().title or settings.SITE_TITLE


def site_description(lang):
    found = identity().languages.get(lang)
    return found.description if found else ""


def site_url():
    """The public site's address, without a trailing slash."""
    return identity().base_url or settings.SITE_URL


def absolute_url(path):
    """``path`` on the public site, e.g. for feeds and canonical links."""
    return site_url() + path


def author():
    return identity().author


def menu(lang):
    found = identity().languages.get(lang)
    return found.menu if found else ()


def links():
    return identity().links


def locale_of(lang):
    """The interface locale of a language prefix: the nearest of Django's LANGUAGES to
    its announced code (``zh-CN`` → ``zh-hans``), else the default language's, else
    LANGUAGE_CODE."""
    for code in (lang, default_language()):
        if is_language(code):
            try:
                return translation.get_supported_language_variant(language_code(code).lower())
            except LookupError:
                continue
    return settings.LANGUAGE_CODE


def list_title(name):
    """What Hugo titles a section that has no ``_index.md``: its name pluralized and
    capitalized, as ``pluralizeListTitles``, ``capitalizeListTitles`` and
    ``titleCaseStyle`` say."""
    rules = identity()
    if rules.pluralize_list_titles:
        name = inflection.pluralize(name)
    if rules.capitalize_list_titles:
        name = title_case(name, rules.title_case_style)
    return name


# Words AP and Chicago styles keep in lower case inside a title.
SMALL_WORDS = frozenset(
    "a an and as at but by en for if in nor of on or per the to v vs via".split()
)


def title_case(text, style):
    """``text`` in Hugo's ``titleCaseStyle``. Words are split at spaces only, so a
    section such as ``machine-learning`` stays one word, as Hugo leaves it."""
    if style == "none":
        return text
    if style == "firstupper":
        return text[:1].upper() + text[1:]
    words = text.split(" ")
    return " ".join(
        word
        if style != "go" and 0 < index < len(words) - 1 and word.lower() in SMALL_WORDS
        else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )
