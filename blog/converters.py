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


register_converter(LanguageConverter, "lang")
register_converter(TermConverter, "term")
