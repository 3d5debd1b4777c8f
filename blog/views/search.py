from django.views.generic import TemplateView

from ..search import search
from ..search.query import MAX_QUERY_LENGTH
from .mixins import PageMixin


class SearchView(PageMixin, TemplateView):
    """``/<lang>/search/?q=``: the public posts of this language that match, best first."""

    template_name = "blog/search.html"
    nav = "search"
    in_every_language = True
    # Each query is its own page, seldom asked twice: kept, they would let anyone fill
    # the page cache with one-off answers and push the pages out.
    cache_query = None

    def get_context_data(self, **kwargs):
        query = " ".join(self.request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
        results = search(self.kwargs["lang"], query) if query else []
        return super().get_context_data(query=query, results=results, **kwargs)
