"""Code highlighting that remembers its answers.

Pygments is over a third of the cost of rendering a code-heavy post, and the same
blocks are highlighted again and again: the live preview re-renders the whole post on
every pause in typing, and each save renders it once more. The HTML for a block
depends only on its source, its language and the highlighter's settings, so it is
kept, per parser, for the blocks seen last.

A block seen for the first time still pays for a Pygments formatter, and building one
works out a stylesheet from the whole Pygments style: for a short block that costs
more than the formatting. pymdownx builds one per block and offers no setting for it,
so its formatter class is swapped for a factory handing out one formatter per set of
options and thread (formatting leaves a formatter as it was).
"""

import threading
from collections import OrderedDict

import pymdownx.highlight
from pymdownx.highlight import Highlight, HighlightExtension

REMEMBERED_BLOCKS = 512
REMEMBERED_FORMATTERS = 32


class RememberedBlocks:
    """A small least-recently-used map of highlighted blocks."""

    def __init__(self, size=REMEMBERED_BLOCKS):
        self.size = size
        self.blocks = OrderedDict()

    def get(self, key, highlight):
        if key in self.blocks:
            self.blocks.move_to_end(key)
            return self.blocks[key]
        html = self.blocks[key] = highlight()
        if len(self.blocks) > self.size:
            self.blocks.popitem(last=False)
        return html


class RememberingHighlightExtension(HighlightExtension):
    """``pymdownx.highlight`` whose block highlighter consults ``RememberedBlocks``."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        remembered = self.remembered = RememberedBlocks()

        class RememberingHighlight(Highlight):
            def highlight(self, src, language, *args, code_block_count=0, **kwargs):
                # code_block_count only numbers line anchors, which the site leaves off.
                def highlight():
                    return super(RememberingHighlight, self).highlight(
                        src, language, *args, **kwargs
                    )

                if kwargs.get("inline"):  # an Element, which callers go on to change
                    return highlight()
                settings = sorted((k, v) for k, v in vars(self).items() if k != "md")
                key = (src, language, repr(args), repr(sorted(kwargs.items())), repr(settings))
                return remembered.get(key, highlight)

        self.highlighter = RememberingHighlight

    def get_pymdownx_highlighter(self):
        return self.highlighter


_block_formatter = pymdownx.highlight.BlockHtmlFormatter
_formatters = threading.local()


def shared_block_formatter(**options):
    """The block formatter pymdownx asks for, built once per thread and options."""
    if not hasattr(_formatters, "remembered"):
        _formatters.remembered = RememberedBlocks(REMEMBERED_FORMATTERS)
    key = repr(sorted(options.items()))
    return _formatters.remembered.get(key, lambda: _block_formatter(**options))


pymdownx.highlight.BlockHtmlFormatter = shared_block_formatter
