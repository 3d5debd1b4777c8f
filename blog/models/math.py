"""The KaTeX style declarations typeset math relies on, served as ``/math.css``."""

from django.db import models, transaction

from ..rendering.math_styles import declaration

_stored = set()  # declarations this process knows are committed


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
        """Store the declarations not stored yet (checked against the grammar again)."""
        new = {text for text in map(declaration, declarations - _stored) if text}
        if not new:
            return
        cls.objects.bulk_create([cls(declaration=text) for text in new], ignore_conflicts=True)
        transaction.on_commit(lambda: _stored.update(new))
