"""How long browsers and shared caches (a CDN, the nginx front) may keep a response,
and which query parameters a public view's answers depend on.

The page cache files an answer under its address and the query parameters its
view declares, and shows the view only those: any other parameter (``?utm_source=…``)
is ignored, so it neither changes the answer nor makes another entry. A declared
parameter comes with the pattern of the values worth keeping an answer for (a page
number as the site writes it); an answer to any other value is built, not kept. A view
that declares ``None`` (search) has its answers to a query string built every time.
"""

import re
from functools import lru_cache, wraps

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

# A page number as the site writes it in links: no sign, no leading zero, no spaces.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
BYPASS_AGENTS = []  # compiled User-Agent patterns whose requests always reach the view


def always_reach_view(user_agent):
    """Let every request whose User-Agent matches the pattern ``user_agent`` pass the
    cache: the feeds count the subscribers readers announce there."""
    if user_agent not in BYPASS_AGENTS:
        BYPASS_AGENTS.append(user_agent)


def make_public(response, max_age=None):
    """Mark ``response`` as the same for every reader: browsers keep it ``max_age``
    seconds, shared caches as long and may serve it stale while they fetch a fresh
    copy. Quire's own page cache keeps only responses marked this way."""
    max_age = settings.PAGE_MAX_AGE if max_age is None else max_age
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=max_age,
        stale_while_revalidate=settings.STALE_WHILE_REVALIDATE,
    )
    return response


def public(max_age_setting="PAGE_MAX_AGE", query=None):
    """Decorate a function view whose answers are the same for everyone: its 200s and
    304s are ``make_public`` for the seconds the setting ``max_age_setting`` names.
    ``query`` maps the query parameters it reads to the values worth keeping."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code in (200, 304) and "Cache-Control" not in response:
                make_public(response, max_age=getattr(settings, max_age_setting))
            return response

        wrapper.cache_query = query or {}
        return wrapper

    return decorator


@lru_cache(maxsize=2048)  # resolving a path costs a cache hit's time again
def cache_query_of(path):
    """What the view answering ``path`` declares of the query parameters it reads
    (``public(query=…)``, ``PublicPageMixin.cache_query``), or None if it declares
    nothing. A path no URL pattern matches is answered by a post at its own address,
    a redirect or a 404, none of which reads the query."""
    try:
        match = resolve(path)
    except Resolver404:
        return {}
    view = getattr(match.func, "view_class", match.func)
    return getattr(view, "cache_query", None)


class PublicPageMixin:
    """For views whose responses are the same for everyone (all the public pages)."""

    # The query parameters the view reads, each with the pattern of the values worth
    # keeping an answer for; None: answers to a query string are not kept.
    cache_query = {}

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200 and "Cache-Control" not in response:
            make_public(response)
        return response
