"""One feed document: a page of a channel, as a request asks for it.

``?full=1`` asks for the whole posts whatever FEED_FULL_TEXT says; ``?page=N`` for
an older page when FEED_ITEM_LIMIT cuts the channel into pages, which link to each
other as RFC 5005 paged feeds do (first, previous, next, last).
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404

from blog.models import TaggedPost

from .channels import Channel

FULL_TEXT = "1"
# What an item shows of its post; the body only joins them for full text.
ITEM_FIELDS = [
    "title",
    "language",
    "section",
    "slug",
    "path",
    "summary_html",
    "published_at",
    "updated_at",
]


class ChannelPaginator(Paginator):
    """Pages of a channel's items; the channel already knows how many it has."""

    def __init__(self, channel, object_list, per_page):
        super().__init__(object_list, per_page)
        self.channel = channel

    @cached_property
    def count(self):
        return self.channel.state["count"]


@dataclass(frozen=True)
class FeedDocument:
    channel: Channel
    full_text: bool  # items carry the whole post besides its summary
    full_text_requested: bool  # by ?full=1, which the document's links then keep
    page: Page

    @classmethod
    def for_request(cls, channel, request):
        full = request.GET.get("full")
        if full not in (None, FULL_TEXT):
            raise BadRequest("full= takes only 1.")
        requested = full == FULL_TEXT
        full_text = requested or settings.FEED_FULL_TEXT
        fields = [*ITEM_FIELDS, "body_html"] if full_text else ITEM_FIELDS
        posts = channel.posts.newest_first().only(*fields)
        per_page = settings.FEED_ITEM_LIMIT or max(channel.state["count"], 1)
        try:
            page = ChannelPaginator(channel, posts, per_page).page(request.GET.get("page", 1))
        except InvalidPage as error:
            raise Http404("No such page of this feed.") from error
        return cls(channel, full_text, requested, page)

    @cached_property
    def items(self):
        """The page's posts, each with its ``tag_names``: fetched as plain strings,
        as a thousand items' Tag objects would cost more than the rest of the feed."""
        posts = list(self.page.object_list)
        names = defaultdict(list)
        rows = (
            TaggedPost.objects.filter(content_object__in=[post.pk for post in posts])
            .order_by("position", "pk")
            .values_list("content_object_id", "tag__name")
        )
        for post_id, name in rows:
            names[post_id].append(name)
        for post in posts:
            post.tag_names = names[post.pk]
        return posts

    def query(self, number=None):
        """The query string of this document, or of its page ``number``."""
        number = self.page.number if number is None else number
        parameters = {"full": FULL_TEXT} if self.full_text_requested else {}
        if number > 1:
            parameters["page"] = number
        return f"?{urlencode(parameters)}" if parameters else ""

    def page_links(self):
        """RFC 5005 links to the other pages, as query strings by relation."""
        pages = self.page.paginator.num_pages
        if pages == 1:
            return {}
        links = {"first": self.query(1)}
        if self.page.has_previous():
            links["previous"] = self.query(self.page.previous_page_number())
        if self.page.has_next():
            links["next"] = self.query(self.page.next_page_number())
        links["last"] = self.query(pages)
        return links
