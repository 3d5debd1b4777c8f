import re

from django.views.decorators.http import condition, require_safe

from blog.languages import default_language
from pagecache.policy import PAGE_NUMBER, public

from . import channels
from .documents import FULL_TEXT, FeedDocument
from .feeds import ChannelFeed
from .subscribers import records_subscribers


def feed_view(resolve, feed_class=ChannelFeed):
    """A feed endpoint: GET and HEAD only, conditional (ETag and Last-Modified),
    cacheable by browsers and CDNs for ``FEED_MAX_AGE`` seconds, and counting the
    subscribers feed readers announce."""

    def document(request, kwargs):
        """The document of this request, resolved once and shared with the validators."""
        if not hasattr(request, "feed_document"):
            request.feed_document = FeedDocument.for_request(resolve(**kwargs), request)
        return request.feed_document

    def etag(request, **kwargs):
        return document(request, kwargs).channel.etag

    def last_modified(request, **kwargs):
        return document(request, kwargs).channel.last_modified

    @require_safe
    @records_subscribers
    @public("FEED_MAX_AGE", query={"full": re.compile(FULL_TEXT), "page": PAGE_NUMBER})
    @condition(etag_func=etag, last_modified_func=last_modified)
    def view(request, **kwargs):
        return feed_class(document(request, kwargs))(request)

    return view


def term_resolver(taxonomy_key):
    def resolve(lang, term):
        return channels.term_channel(taxonomy_key, lang, term)

    return resolve


def default_language_tag(term):
    """A tag feed without a language prefix: the default language's (as the live site)."""
    return channels.term_channel("tags", default_language(), term)
