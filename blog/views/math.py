"""``/math/<version>.css``: the rules of every class typeset math uses (see
``rendering.math_styles``), under a version that only ever names one set of them."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from pagecache.policy import make_public

from ..models import MathStyle
from ..rendering.math_styles import stylesheet

A_YEAR = 365 * 24 * 3600


@require_safe
def math_stylesheet(request, version):
    """Declarations are only added, so any version up to the current count is served
    the current rules (a superset of what it named) and may be kept for good."""
    declarations = list(MathStyle.objects.values_list("declaration", flat=True))
    if version > len(declarations):
        raise Http404("No such version of the math stylesheet yet.")
    response = HttpResponse(stylesheet(declarations), content_type="text/css; charset=utf-8")
    make_public(response, max_age=A_YEAR)
    response["Cache-Control"] += ", immutable"
    return response
