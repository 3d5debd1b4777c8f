"""The feeds a post is an item of, as WebSub topics: the URLs subscribers know them by."""

from django.urls import reverse

from blog.languages import absolute_url
from blog.taxonomies import TAXONOMIES

from .documents import FULL_TEXT
from .formats import FORMATS


def channels_of(post):
    """The (RSS URL name, kwargs) of every channel whose items include a public
    ``post``: the builders of ``channels`` read the other way round."""
    yield "feeds:home", {"lang": post.language}
    if post.section:
        yield "feeds:section", {"lang": post.language, "section": post.section}
    if post.series:
        yield "feeds:series", {"lang": post.series.language, "slug": post.series.slug}
    for taxonomy in TAXONOMIES.values():
        for term in getattr(post, taxonomy.post_field).all():
            yield taxonomy.feed_url_name, {"lang": post.language, "term": term.slug}


def topics_of(post):
    """Every feed URL that lists ``post``: each channel in each format, with
    summaries and with full text (``?full=1``), as each names itself as self."""
    topics = set()
    for name, kwargs in channels_of(post):
        for feed_format in FORMATS:
            url = absolute_url(reverse(name + feed_format.url_suffix, kwargs=kwargs))
            topics |= {url, f"{url}?full={FULL_TEXT}"}
    return topics
