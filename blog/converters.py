"""URL converters for the blog's paths; registered once, used by every app's URLconf."""

from django.urls import register_converter

from .languages import is_language
from .models.site import LANGUAGE_PREFIX


class LanguageConverter:
    """Matches only the site's language prefixes (set in the admin, so read at each
    resolution, from the cached identity): ``/xx/`` is a plain 404."""

    regex = LANGUAGE_PREFIX

    def to_python(self, value):
        if not is_language(value):
            raise ValueError(f"{value} is not a language of the site")
        return value

    def to_url(self, value):
        return value


class TermConverter:
    """A taxonomy term slug; Hugo keeps ``/`` in terms such as ``CI/CD``."""

    regex = r"[^/]+(?:/[^/]+)*?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class PageNumberConverter:
    """A listing's page number, from 1: ``/page/0/`` is a 404, not a copy of page 1."""

    regex = "[1-9][0-9]*"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(LanguageConverter, "lang")
register_converter(TermConverter, "term")
register_converter(PageNumberConverter, "page")
