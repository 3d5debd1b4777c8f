from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.utils.cache import cc_delim_re
from django.utils.encoding import escape_uri_path

from .deployment import deployment_fingerprint
from .entries import Entry
from .generation import current_generation
from .policy import BYPASS_AGENTS, cache_query_of
from .store import Builds, EntryStore

# Part of every key: entries written by an older Quire (in Redis) are never read.
ENTRY_FORMAT = 4


def _cache_control(response):
    return {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part.strip()
    }


class PageCacheMiddleware:
    """Keeps whole public responses (pages and feeds) and answers from them.

    Outermost in the stack, so a hit costs a dictionary lookup and no more: it answers
    with the headers the middleware below gave the response it keeps (security headers
    included), filed under the deployment that made them. A response
    is kept only if the view marked it ``public``, it is a 200, and it sets no cookie;
    it is filed under its address, the query parameters its view declares it reads
    (``pagecache.policy``: no others reach the view) and the content generation, so any
    change to the content retires it.

    After a change, the first request for an address rebuilds it; the others that
    come meanwhile, here or in another process, get the previous answer (as
    ``stale-while-revalidate`` allows), or wait for the build when they have none:
    a crowd never builds one page twice.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = f"page:{ENTRY_FORMAT}:{deployment_fingerprint()}"
        self.store = EntryStore()
        self.builds = Builds()

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or not self._cacheable_request(request):
            return self.get_response(request)
        query = self._kept_query(request)
        if query is None:  # an answer to this query is not kept
            return self.get_response(request)
        generation = current_generation()
        if generation is None:  # the database is away and nothing is known: no cache
            return self.get_response(request)
        key = self._key(request, query)
        entry, fresh = self.store.get(key, generation)
        if fresh:
            return entry.answer(request)
        with self.builds.claim(key, generation) as claim:
            if claim.build:
                return self._build(request, key, generation)
            if entry is not None:
                return entry.answer(request)
            claim.wait(lambda: self.store.get(key, generation)[1])
        entry, fresh = self.store.get(key, generation)
        return entry.answer(request) if fresh else self.get_response(request)

    def _build(self, request, key, generation):
        response = self.get_response(request)
        if not self._cacheable_response(response):
            self.store.discard(key)  # the page is gone, say: no stale copy of it either
            return response
        entry = Entry.of(response)
        self.store.put(key, generation, entry)
        return entry.answer(request)

    def _cacheable_request(self, request):
        if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
            return False
        agent = request.META.get("HTTP_USER_AGENT", "")
        return not any(pattern.search(agent) for pattern in BYPASS_AGENTS)

    @staticmethod
    def _cacheable_response(response):
        directives = _cache_control(response)
        return (
            response.status_code == 200
            and "public" in directives
            and not directives & {"private", "no-store", "no-cache"}
            and not response.cookies
            and not getattr(response, "streaming", False)
        )

    @staticmethod
    def _kept_query(request):
        """The query parameters the answer depends on, as a query string, which is all
        of the query the view then sees (see ``pagecache.policy``); None if an answer to
        this query is not to be kept."""
        if not request.META.get("QUERY_STRING"):
            return ""
        declared = cache_query_of(request.path_info)
        if declared is None:
            return None
        kept = {}
        for name, values in declared.items():
            value = request.GET.get(name)  # the last one given, as the view would read
            if value is None:
                continue
            if not values.fullmatch(value):
                return None
            kept[name] = value
        query = urlencode(kept)
        request.GET = QueryDict(query)
        return query

    def _key(self, request, query):
        scheme = "https" if request.is_secure() else "http"
        address = escape_uri_path(request.path) + (f"?{query}" if query else "")
        return f"{self.prefix}:{scheme}:{request.get_host()}:{address}"
