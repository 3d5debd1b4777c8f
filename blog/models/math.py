"""The KaTeX style declarations typeset math relies on, served as ``/math.css``."""

from django.db import models

from ..rendering import single_line
from ..rendering.math_styles import declaration


class MathStyleQuerySet(models.QuerySet):
    def version(self):
        """How many declarations there are: they are only ever added, so a count names
        one set of them, and ``/math.css?v=<count>`` may be cached for good."""
        return self.count()


class MathStyle(models.Model):
    """One CSS declaration of typeset math (``height:0.6944em``), its class named after
    it (``rendering.math_styles``). Rows are added by saves and previews and never
    removed: a page cached anywhere keeps finding its rules."""

    declaration = models.CharField(max_length=100, unique=True)

    objects = MathStyleQuerySet.as_manager()

    def __str__(self):
        return self.declaration

    @classmethod
    def keep(cls, declarations):
        """Store the declarations not stored yet (checked against the grammar again), in
        one ``INSERT … ON CONFLICT DO NOTHING``: asking the table, not a memory of it, so
        a restored or emptied table is filled again by the next save."""
        valid = sorted({text for text in map(declaration, declarations) if text})
        if valid:
            cls.objects.bulk_create(
                [cls(declaration=text) for text in valid], ignore_conflicts=True
            )


class TypesetOnSave:
    """For a model with a ``title`` and a ``render()`` that typesets its Markdown into
    its HTML column (a page, a section, a series): each save keeps the title on one
    line and stores the math styles the typeset HTML uses."""

    def save(self, *args, **kwargs):
        self.title = single_line(self.title)
        MathStyle.keep(self.render().declarations)
        super().save(*args, **kwargs)
