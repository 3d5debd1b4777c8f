"""Sections another app shows. A series' slug is also the section its parts live in,
and the series app shows that section as the series: it claims such sections here (in
its ``ready()``), and the section view hands a claimed one over. The blog so needs
no import of the apps built on it."""

_claims = {}


def claim_sections(is_claimed, view):
    """Show a section with ``view(request, lang=…, slug=…)`` whenever
    ``is_claimed(lang, section)`` is true."""
    _claims[is_claimed] = view


def claimant(lang, section):
    """The view another app shows this section with, or None."""
    return next((view for is_claimed, view in _claims.items() if is_claimed(lang, section)), None)
