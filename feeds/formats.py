"""The formats every channel is served in, side by side in the same folder."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    file_name: str  # the last segment of the feed's URL
    url_suffix: str  # added to the channel's RSS URL name, e.g. "feeds:tag-atom"
    media_type: str
    label: str


RSS = Format("index.xml", "", "application/rss+xml", "RSS")
ATOM = Format("atom.xml", "-atom", "application/atom+xml", "Atom")
JSON_FEED = Format("feed.json", "-json", "application/feed+json", "JSON Feed")
FORMATS = (RSS, ATOM, JSON_FEED)
