"""A Hugo site's main menus (``menus.main``, per language) carried into Quire's
(``blog.models.MenuEntry``), once the site's content is in, so that each entry's
address can be checked against what Quire now serves."""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from ..models import Alias, Language, MenuEntry, Page, Post
from ..views.claims import claimant

WEB_SCHEMES = ("http", "https", "mailto")


def carry_menus(config):
    """Make each language's main menu what ``config`` says; return (changes, warnings).

    An entry whose address Quire does not serve (the live site's ``/projects/``
    is a page of its theme that no content file makes) is left out, with a warning
    line: every page of the site shows the menu, and a link there that answers 404
    fails readers everywhere, while the owner loses nothing — once the page exists,
    importing again adds the entry (or the owner adds it in the admin). Addresses
    off the site are kept unchecked, unless they are not web addresses at all."""
    changes, warnings = [], []
    for language in config.languages.values():
        row = Language.objects.filter(code=language.code).first()
        if row is None or not language.menu:
            continue
        menu = []
        for name, url in language.menu:
            url = _in_language(url, language.code)
            problem = _problem(url)
            if problem:
                warnings.append(f"menu: {url} {problem}; “{name}” left out of the {row.name} menu")
            else:
                menu.append((name, url))
        if menu and menu != list(row.menu.values_list("name", "url")):
            row.menu.all().delete()
            for number, (name, url) in enumerate(menu, 1):
                MenuEntry.objects.create(language=row, name=name, url=url, weight=number)
            changes.append(f"language {row.code}: main menu " + ", ".join(n for n, _ in menu))
    return changes, warnings


def _in_language(url, code):
    """A menu's site path under its language's prefix, as the theme links it
    (``/series/`` → ``/fr/series/``); addresses elsewhere are kept."""
    if not url.startswith("/") or url.startswith("//") or url.startswith(f"/{code}/"):
        return url
    return f"/{code}{url}"


def _problem(url):
    """Why ``url`` cannot be a menu link, or ""."""
    if url.startswith("/") and not url.startswith("//"):
        return "" if serves(url) else "is not served here"
    if urlsplit(url).scheme.lower() not in WEB_SCHEMES and not url.startswith("//"):
        return "is not a web address"
    return ""


def serves(path):
    """Whether a reader opening ``path`` gets a page (or a redirect to one) rather than
    a 404: a page, a post or an alias of one living there, or a list the URLconf
    routes it to that has something to list. Term and series pages count by their
    address alone."""
    public = Post.objects.published()
    if (
        Page.objects.served().filter(path=path).exists()
        or public.at_address(path).exists()
        or Alias.objects.filter(path=path, post__in=public).exists()
    ):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    if match.view_name == "blog:section":
        lang, section = match.kwargs["lang"], match.kwargs["section"]
        return (
            claimant(lang, section) is not None
            or public.in_language(lang).filter(section=section).exists()
        )
    return match.view_name not in ("blog:post", "blog:section-page")
