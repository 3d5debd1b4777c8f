"""The admin's tag and category input, in the order its author wrote it.

taggit's field reads "b, a" as ``["a", "b"]`` and shows a post's terms sorted; these
read and show them as written, the way the front matter lists them."""

import re

from django import forms
from taggit.forms import TagField, TagWidget

QUOTED_OR_LOOSE = re.compile(r'"([^"]*)"|([^"]+)')


def parse_terms(text):
    """taggit's reading — commas separate, or spaces when there is no comma outside
    double quotes, which hold a name whole — keeping the order, first of each repeat."""
    if not text:
        return []
    delimiter = "," if "," in re.sub(r'"[^"]*"', "", text) else " "
    names = []
    for quoted, loose in QUOTED_OR_LOOSE.findall(text):
        parts = [quoted] if quoted else loose.split(delimiter)
        names += [part.strip() for part in parts if part.strip()]
    return list(dict.fromkeys(names))


def terms_text(terms):
    """The terms as the field shows them, in their order; read back, the same list."""
    return ", ".join(
        f'"{term.name}"' if "," in term.name or " " in term.name else term.name for term in terms
    )


class OrderedTermsWidget(TagWidget):
    def format_value(self, value):
        if value is not None and not isinstance(value, str):
            value = terms_text(value)
        return super().format_value(value)


class OrderedTermsField(TagField):
    widget = OrderedTermsWidget

    def clean(self, value):
        return parse_terms(forms.CharField.clean(self, value))

    def has_changed(self, initial, data):
        """Changed when the names or their order differ (taggit compares sorted)."""
        if self.disabled:
            return False
        return [term.name for term in initial or []] != self.clean(data)
