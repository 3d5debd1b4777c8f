"""Hugo-compatible slugs, so every migrated term URL stays where it was.

Django's ``slugify`` drops ``.`` and ``+`` (``Node.js`` → ``nodejs``) where Hugo keeps
them (``node.js``); the old URLs only survive if we follow Hugo's own rule.
"""

import unicodedata

_KEPT_PUNCTUATION = frozenset("./\\_#+~-@")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def _is_word_character(char):
    category = unicodedata.category(char)
    return category[0] in {"L", "M"} or category == "Nd"


def hugo_urlize(text):
    """Return the path segment Hugo's ``urlize`` makes of ``text``.

    Lower-cases; keeps letters, digits and marks of any script plus ``._#+~-@/``
    and valid ``%XX`` escapes; a run of whitespace becomes one ``-``; all other
    characters are dropped (``Machine Learning`` → ``machine-learning``,
    ``线性代数`` → ``线性代数``).
    """
    kept = []
    pending_hyphen = False
    previous_was_hyphen = False
    for index, char in enumerate(text):
        is_escape = (
            char == "%"
            and len(text) > index + 2
            and set(text[index + 1 : index + 3]) <= _HEX_DIGITS
        )
        if char in _KEPT_PUNCTUATION or _is_word_character(char) or is_escape:
            previous_was_hyphen = char == "-"
            if pending_hyphen and not previous_was_hyphen:
                kept.append("-")
            pending_hyphen = False
            kept.append(char)
        elif kept and not previous_was_hyphen and char.isspace():
            pending_hyphen = True
    return "".join(kept).lower()


def term_slug(name):
    """The slug of a taxonomy term named ``name``: Hugo's ``urlize``, whose ``/`` is
    kept (``CI/CD`` → ``ci/cd``), but with every segment a name, since ``/``, ``a//b``
    or ``..`` cannot be the path of a term page."""
    segments = [part for part in hugo_urlize(name).split("/") if part.strip(".")]
    return "/".join(segments) or "term"
