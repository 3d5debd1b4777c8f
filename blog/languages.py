"""The blog's languages: URL prefixes, their announced codes and site titles."""

from django.conf import settings


def language_choices():
    return [(code, options["name"]) for code, options in settings.BLOG_LANGUAGES.items()]


def is_language(code):
    return code in settings.BLOG_LANGUAGES


def default_language():
    return settings.BLOG_DEFAULT_LANGUAGE


def language_code(lang):
    """The code pages and feeds announce for ``lang`` (Hugo's ``languageCode``)."""
    return settings.BLOG_LANGUAGES[lang].get("language_code", lang)


def site_title(lang):
    return settings.BLOG_LANGUAGES[lang].get("title") or settings.SITE_TITLE


def absolute_url(path):
    """``path`` on the public site, e.g. for feeds and canonical links."""
    return settings.SITE_URL + path


def locale_of(lang):
    """The interface locale of a language prefix (the default language's if unknown)."""
    options = settings.BLOG_LANGUAGES.get(lang) or settings.BLOG_LANGUAGES[default_language()]
    return options.get("locale", lang)
