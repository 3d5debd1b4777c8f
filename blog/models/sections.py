from django.db import models

from ..languages import language_choices, list_title
from ..rendering import render_typeset
from .math import TypesetOnSave
from .validators import validate_path_segment, validate_section


class Section(TypesetOnSave, models.Model):
    """A content folder's own page (Hugo's ``_index.md``): its title and introduction.

    Sections without one still exist (they are just the posts' ``section``); this
    only names them and introduces them.
    """

    language = models.CharField(max_length=10, choices=language_choices)
    slug = models.CharField(max_length=100, validators=[validate_path_segment, validate_section])
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, help_text="Plain text for search engines.")
    body = models.TextField(blank=True, help_text="Markdown shown above the section's posts.")
    body_html = models.TextField(editable=False, default="", help_text="Math typeset.")

    class Meta:
        ordering = ["language", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="unique_section_per_language")
        ]

    def __str__(self):
        return self.title

    def render(self):
        """Render the introduction into ``body_html``; returns the ``Typeset``."""
        typeset = render_typeset(self.body)
        self.body_html = typeset.html
        return typeset


def default_section_title(slug):
    """What Hugo calls a section with no ``_index.md`` (or an untitled one): its name,
    by default pluralized and capitalized (``standalone`` → "Standalones")."""
    return list_title(slug)
