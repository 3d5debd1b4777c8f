from . import languages
from .languages import default_language, is_language, language_code, site_title


def current_language(request):
    """The language of the page: its URL prefix, else the default (e.g. on a 404)."""
    match = getattr(request, "resolver_match", None)
    if match and is_language(match.kwargs.get("lang", "")):
        return match.kwargs["lang"]
    prefix = request.path.strip("/").split("/", 1)[0]
    return prefix if is_language(prefix) else default_language()


def site(request):
    return language_context(current_language(request))


def language_context(lang):
    """What every template knows about the language of the page it renders."""
    return {
        "lang": lang,
        "language_code": language_code(lang),
        "site_title": site_title(lang),
        "site_description": languages.site_description(lang),
        "site_author": languages.author(),
        "site_url": languages.site_url(),
        "site_menu": languages.menu(lang),
        "site_links": languages.links(),
        "languages": [
            {"code": language.code, "name": language.name, "language_code": language.language_code}
            for language in languages.languages()
        ],
    }
