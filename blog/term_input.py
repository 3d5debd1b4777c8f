"""The admin's tag and category input, in the order its author wrote it.

taggit's field reads "b, a" as ``["a", "b"]``, splits "Machine Learning" in two when
there is no comma, and shows a post's terms sorted and quoted; these read and show
them as written, the way the front matter lists them: names between commas."""

import re

from django import forms
from taggit.forms import TagField, TagWidget

# A name in double quotes may hold commas; any other name runs to the next comma.
QUOTED_OR_LOOSE = re.compile(r'"([^"]*)"|([^",]+)')


def parse_terms(text):
    """The names between commas, in their order, first of each repeat (quotes from
    taggit's older display are dropped)."""
    names = (quoted or loose for quoted, loose in QUOTED_OR_LOOSE.findall(text or ""))
    return list(dict.fromkeys(name.strip() for name in names if name.strip()))


def terms_text(terms):
    """The terms as the field shows them, in their order, quoted only when a name holds
    a comma; read back, the same list."""
    return ", ".join(f'"{term.name}"' if "," in term.name else term.name for term in terms)


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
