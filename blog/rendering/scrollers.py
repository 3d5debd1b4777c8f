"""Blocks that may scroll sideways, reachable by keyboard in the page form.

A table (``<div class="table-wrap">``) or a block of code (``<pre>``) wider than the
screen scrolls inside its own box; holding no link, it is reached by keyboard only if
it takes focus itself. So the page form gives each one ``tabindex="0"`` (the feed form
keeps the sanitized HTML as it is). That is also what lets pages skip laying such a
block out until it nears the screen (``content-visibility`` in ``site.css``): skipped,
a box no keyboard can reach would be a scrolling region nobody can scroll.

The gutter of numbered code (Pygments' ``linenodiv``) does not scroll: it is left out.
"""

import re

FOCUSABLE = ' tabindex="0"'
# Start tags as the sanitizer writes them (lower case, attributes double-quoted), one
# not given a tabindex yet, so applying this twice changes nothing.
SCROLLER = re.compile(
    r'(<div class="table-wrap"|(?<!<div class="linenodiv">)<pre)(?=[\s>])(?![^>]*\stabindex=)'
)


def focusable_scrollers(sanitized_html):
    """``sanitized_html`` with every sideways-scrolling block focusable."""
    return SCROLLER.sub(lambda match: match[1] + FOCUSABLE, sanitized_html)
