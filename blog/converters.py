"""URL converters for the blog's paths; registered once, used by every app's URLconf."""

import re

from django.conf import settings
from django.urls import register_converter


class LanguageConverter:
    """Matches only the configured language prefixes, so ``/xx/`` is a plain 404."""

    regex = "|".join(re.escape(code) for code in settings.BLOG_LANGUAGES)

    def to_python(self, value):
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
