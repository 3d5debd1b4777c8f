from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.http import http_date

from blog.languages import absolute_url, language_code
from blog.rendering import absolutize_urls

from .formats import ATOM, JSON_FEED, RSS
from .generator import AtomFeedWriter, JsonFeedWriter, RssFeedWriter


class ChannelFeed(Feed):
    """The RSS feed of one channel (the site, a section or a term), Hugo-shaped:
    the channel's public posts, newest first.

    One instance serves one request: it is built around that request's document.
    """

    feed_type = RssFeedWriter
    format = RSS

    def __init__(self, document):
        super().__init__()
        self.document = document

    def __call__(self, request):
        response = super().__call__(request)
        # Django stamps the newest item date; the channel's validator is stricter
        # (it moves on any edit), and it is what conditional requests are checked against.
        last_modified = self.document.channel.last_modified
        if last_modified:
            response.headers["Last-Modified"] = http_date(last_modified.timestamp())
        links = self.links(self.document)
        if links:
            links["self"] = self.feed_url(self.document)
            response.headers["Link"] = ", ".join(
                f'<{href}>; rel="{rel}"' for rel, href in links.items()
            )
        return response

    def get_object(self, request):
        return self.document

    def get_feed(self, document, request):
        """The channel, then one item per post: title, link, guid and dates are the
        post's; the description is its summary with absolute URLs, and with full
        text the whole post follows in ``content:encoded``.

        Written out rather than left to ``Feed.get_feed``, whose generic lookup of
        each attribute of each item costs a long feed more than its queries do.
        """
        feed = self.feed_type(
            title=self.title(document),
            subtitle=self.subtitle(document),
            link=self.link(document),
            description=self.description(document),
            language=language_code(document.channel.lang),
            feed_url=self.feed_url(document),
            author_name=self.author_name(document),
            links=self.links(document),
        )
        zone = timezone.get_current_timezone()
        for post in document.items:
            permalink = post.permalink
            if document.full_text:
                extra = {"content": absolutize_urls(post.body_html, permalink)}
            else:
                extra = {}
            feed.add_item(
                title=post.title,
                link=permalink,
                unique_id=permalink,
                description=absolutize_urls(post.summary_html, permalink),
                pubdate=timezone.localtime(post.published_at, zone),
                updateddate=timezone.localtime(post.updated_at, zone),
                categories=post.tag_names,
                **extra,
            )
        return feed

    def title(self, document):
        return document.channel.channel_title

    def link(self, document):
        return absolute_url(document.channel.page_path)

    def feed_url(self, document):
        return self.first_page_url(document) + document.query()

    def first_page_url(self, document):
        return absolute_url(document.channel.feed_path(self.format))

    def description(self, document):
        return document.channel.description

    def author_name(self, document):
        return document.channel.site_title

    def links(self, document):
        """The document's links beside self, by relation: the WebSub hub that pushes
        the feed (on its first page, the one subscribed to) and the other pages."""
        hub = settings.WEBSUB_HUB_URL if document.page.number == 1 else ""
        first = self.first_page_url(document)
        pages = {rel: first + query for rel, query in document.page_links().items()}
        return {"hub": hub, **pages} if hub else pages

    def subtitle(self, document):
        return None


class ChannelAtomFeed(ChannelFeed):
    """The same channel in Atom 1.0: ids are the permalinks, the site is the author."""

    feed_type = AtomFeedWriter
    format = ATOM

    def subtitle(self, document):
        return document.channel.description


class ChannelJsonFeed(ChannelFeed):
    """The same channel in JSON Feed 1.1."""

    feed_type = JsonFeedWriter
    format = JSON_FEED


FEED_CLASSES = (ChannelFeed, ChannelAtomFeed, ChannelJsonFeed)
