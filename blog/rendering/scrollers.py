"""Blocks that may scroll sideways, reachable by keyboard in the page form.

A table (``<div class="table-wrap">``), a block of code (``<pre>``) or a typeset
display formula (``<span class="katex-display">``) wider than the screen scrolls
inside its own box; holding no link, it is reached by keyboard only if it takes focus
itself. So the page form gives each one ``tabindex="0"`` (the feed form keeps the
sanitized HTML as it is). That is also what lets pages skip laying such a block out
until it nears the screen (``content-visibility`` in ``site.css``): skipped, a box no
keyboard can reach would be a scrolling region nobody can scroll. Which of them
overflow depends on the reader's screen, so all of them take focus, as every formula
does under MathJax's accessibility defaults.

The gutter of numbered code (Pygments' ``linenodiv``) does not scroll: it is left out.
"""

import re

FOCUSABLE = ' tabindex="0"'
# Start tags as the sanitizer writes them (lower case, attributes double-quoted), one
# not given a tabindex yet, so applying this twice changes nothing.
SCROLLER = re.compile(
    r'(<div class="table-wrap"|<span class="katex-display"|(?<!<div class="linenodiv">)<pre)'
    r"(?=[\s>])(?![^>]*\stabindex=)"
)


def focusable_scrollers(sanitized_html):
    """``sanitized_html`` with every sideways-scrolling block focusable."""
    return SCROLLER.sub(lambda match: match[1] + FOCUSABLE, sanitized_html)


def make_stored_scrollers_focusable(model, fields):
    """For data migrations: the stored page forms ``fields`` of ``model`` (a historical
    model) get the ``tabindex`` their blocks take now; rows already right are left."""
    for row in model.objects.only(*fields).iterator(chunk_size=100):
        changed = {
            field: focusable
            for field in fields
            if (focusable := focusable_scrollers(getattr(row, field))) != getattr(row, field)
        }
        if changed:
            model.objects.filter(pk=row.pk).update(**changed)
