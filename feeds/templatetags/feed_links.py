"""``{% feed_alternates %}``: a channel's feeds in every format, for a page's ``<head>``."""

from django import template
from django.urls import reverse

from ..formats import FORMATS, RSS

register = template.Library()


@register.inclusion_tag("feeds/_alternates.html", takes_context=True)
def feed_alternates(context, url_name, *args, name=None):
    """``<link rel="alternate">`` to a channel's RSS, Atom and JSON feeds.

    ``url_name`` and ``args`` name its RSS feed as ``{% url %}`` would
    (``"feeds:tag" lang term.slug``); ``name`` is the channel's, none for the site.
    """
    title = f"{name} on {context['site_title']}" if name else context["site_title"]
    return {
        "links": [
            {
                "type": feed_format.media_type,
                "title": title if feed_format is RSS else f"{title} ({feed_format.label})",
                "href": reverse(url_name + feed_format.url_suffix, args=args),
            }
            for feed_format in FORMATS
        ]
    }
