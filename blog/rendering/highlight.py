"""Code highlighting that remembers its answers.

Pygments is a large part of the cost of rendering a code-heavy post, and the same
blocks are highlighted again and again: the live preview re-renders the whole post on
every pause in typing, and each save renders it once more. The HTML for a block
depends only on its source, its language and the highlighter's settings, so it is
kept, per parser, for the blocks seen last.

A block seen for the first time still pays for a Pygments formatter, which pymdownx
builds per block, and building one works out a stylesheet from the whole Pygments
style. The formatter writes class names (pymdownx's ``noclasses`` is off): the style
only feeds that stylesheet and the inline styles, neither of which the site uses (its
colours are ``static/css/pygments.css``). So the formatters get a style without a
rule, passed through pymdownx's own ``pygments_style`` setting, whose stylesheet is
the cheapest to work out.
"""

from cachetools import LRUCache
from pygments.style import Style
from pymdownx.highlight import Highlight, HighlightExtension

REMEMBERED_BLOCKS = 512


class NoColours(Style):
    """A Pygments style without a rule: class names only, the colours come from CSS."""

    styles = {}


class RememberingHighlightExtension(HighlightExtension):
    """``pymdownx.highlight`` whose block highlighter remembers the blocks it wrote.

    superfences asks the extension for its highlighter class
    (``get_pymdownx_highlighter``); this one answers with a ``Highlight`` that looks a
    block up in ``remembered`` before highlighting it.
    """

    def __init__(self, **kwargs):
        super().__init__(**{"pygments_style": NoColours, **kwargs})
        remembered = self.remembered = LRUCache(maxsize=REMEMBERED_BLOCKS)

        class RememberingHighlight(Highlight):
            def highlight(self, src, language, *args, code_block_count=0, **kwargs):
                # code_block_count only numbers line anchors, which the site leaves off.
                if kwargs.get("inline") or self.title_mode == "html":
                    # An inline Element, which callers go on to change, or a title kept
                    # in this render's HTML stash: neither can be handed out again.
                    return super().highlight(src, language, *args, **kwargs)
                settings = sorted((k, v) for k, v in vars(self).items() if k != "md")
                key = (src, language, repr(args), repr(sorted(kwargs.items())), repr(settings))
                html = remembered.get(key)
                if html is None:
                    html = remembered[key] = super().highlight(src, language, *args, **kwargs)
                return html

        self.highlighter = RememberingHighlight

    def get_pymdownx_highlighter(self):
        return self.highlighter
