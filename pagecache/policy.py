"""How long browsers and shared caches (a CDN, the nginx front) may keep a response."""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control


def make_public(response, max_age=None):
    """Mark ``response`` as the same for every reader: browsers keep it ``max_age``
    seconds, shared caches as long and may serve it stale while they fetch a fresh
    copy. Quire's own response cache keeps only responses marked this way."""
    max_age = settings.PAGE_MAX_AGE if max_age is None else max_age
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=max_age,
        stale_while_revalidate=settings.STALE_WHILE_REVALIDATE,
    )
    return response


def public(max_age_setting="PAGE_MAX_AGE"):
    """Decorate a function view whose answers are the same for everyone: its 200s and
    304s are ``make_public`` for the seconds the setting ``max_age_setting`` names."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code in (200, 304) and "Cache-Control" not in response:
                make_public(response, max_age=getattr(settings, max_age_setting))
            return response

        return wrapper

    return decorator


class PublicPageMixin:
    """For views whose responses are the same for everyone (all the public pages)."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200 and "Cache-Control" not in response:
            make_public(response)
        return response
