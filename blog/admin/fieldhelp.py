"""Help at the post form's fields: the next part of a series, the terms already in use
and the near-duplicates of a new one."""

import difflib
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from ..models import Category, Post, Tag, series_model
from ..term_input import parse_terms
from .editor import _require_writer

TERMS = {"tags": (Tag, "tagged_posts"), "categories": (Category, "categorized_posts")}
SIMILAR = 0.85  # difflib's ratio: "Derivation"/"Derivaton" pass, "Graphs"/"Groups" do not
MAX_FIELD_TEXT = 2000  # characters of a terms field the near-duplicate check reads


def _key(name):
    """A name as a near-duplicate check sees it: no case, no character width (full-width
    Ｌｅｔｔｅｒｓ are letters), no punctuation of any script, no plural s."""
    key = re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", name).casefold()).strip()
    return re.sub(r"(?<=\w)s\b", "", key)


def near_duplicates(name, existing):
    """The names in ``existing`` that look like ``name`` without being it: another case,
    a plural, a letter or two apart."""
    keys = {}
    for other in existing:
        if other != name:
            keys.setdefault(_key(other), []).append(other)
    close = difflib.get_close_matches(_key(name), keys, n=3, cutoff=SIMILAR)
    return [other for key in close for other in keys[key]]


def new_term_hints(kind, names):
    """For each name not yet a term of ``kind``: the existing terms it may duplicate."""
    model, _ = TERMS[kind]
    existing = list(model.objects.values_list("name", flat=True))
    new = [name for name in names if name not in existing]
    return {name: similar for name in new if (similar := near_duplicates(name, existing))}


@require_GET
def terms(request, model_admin):
    """``?kind=tags|categories``: every term with its number of posts, most used first."""
    _require_writer(request, model_admin)
    if request.GET.get("kind") not in TERMS:
        raise Http404
    model, posts = TERMS[request.GET["kind"]]
    rows = model.objects.annotate(uses=Count(posts)).order_by("-uses", "name")
    return JsonResponse({"terms": [{"name": row.name, "posts": row.uses} for row in rows]})


def _series_id(request):
    """``?series=<id>``: a whole number a series' key can be (from 1, within its
    column's range), or a 404. A larger one does not just match nothing everywhere:
    SQLite's driver overflows on it (a 500); PostgreSQL's compares it as a numeric."""
    field = forms.IntegerField(min_value=1, validators=series_model()._meta.pk.validators)
    try:
        return field.clean(request.GET.get("series"))
    except ValidationError:
        raise Http404 from None


@require_GET
def near_terms(request, model_admin):
    """``?kind=tags|categories&q=<the field's text>``: each new name in the text, in its
    order, with the terms in use it may duplicate and their numbers of posts: what saving
    the form would warn of (``new_term_hints``), asked while the author types."""
    _require_writer(request, model_admin)
    kind, text = request.GET.get("kind"), request.GET.get("q")
    if kind not in TERMS:
        return JsonResponse({"error": "kind must be tags or categories."}, status=400)
    if text is None or len(text) > MAX_FIELD_TEXT:
        return JsonResponse(
            {"error": f"q must be the field's text, at most {MAX_FIELD_TEXT} characters."},
            status=400,
        )
    hints = new_term_hints(kind, parse_terms(text))
    model, posts = TERMS[kind]
    similar = {name for names in hints.values() for name in names}
    uses = dict(
        model.objects.filter(name__in=similar)
        .annotate(uses=Count(posts))
        .values_list("name", "uses")
    )
    return JsonResponse(
        {
            "hints": [
                {
                    "name": name,
                    "similar": [{"name": other, "posts": uses[other]} for other in names],
                }
                for name, names in hints.items()
            ]
        }
    )


@require_GET
def next_part(request, model_admin):
    """``?series=<id>``: the part number after the series' highest."""
    _require_writer(request, model_admin)
    series = _series_id(request)
    highest = Post.objects.filter(series_id=series).aggregate(highest=Max("series_order"))
    return JsonResponse({"next": (highest["highest"] or 0) + 1})
