"""Smart quotes, dashes and ellipses: ``markdown.extensions.smarty``, made cheaper.

Smarty runs a second full inline pass over the document, trying each of its
patterns on every run of text, a large part of the cost of rendering a long post
(docs/BENCHMARKS.md). Most runs of text hold no quote, dash or ellipsis at all. This processor
applies smarty's own patterns, in smarty's order and with smarty's own replacements,
but first asks one regular expression — the union of the patterns — whether any of
them can match; when none can, nothing would change, so the text is left as it is.

Where something can match, the patterns run one after another as the inline pass
runs them: each match becomes an opaque placeholder that later patterns see as
context, and the placeholders are swapped for their replacements at the end. The
output is the same as smarty's, byte for byte; a test holds it to that.
"""

import re

from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import INLINE_PLACEHOLDER, INLINE_PLACEHOLDER_RE, AtomicString


class SmartPunctuationTreeprocessor(Treeprocessor):
    def __init__(self, md, registry):
        super().__init__(md)
        self.registry = registry
        self.patterns = list(registry)
        self.any_pattern = re.compile(
            "|".join(f"(?:{pattern.getCompiledRegExp().pattern})" for pattern in self.patterns),
            re.DOTALL | re.UNICODE,
        )

    def run(self, root):
        for element in root.iter():
            if element is root:
                continue
            if self._wants(element.text):
                element.text = self.educate(element.text)
            if self._wants(element.tail):
                element.tail = self.educate(element.tail)

    def _wants(self, text):
        return text and not isinstance(text, AtomicString) and self.any_pattern.search(text)

    def educate(self, text):
        replacements = []
        for pattern in self.patterns:
            regex = pattern.getCompiledRegExp()
            start = 0
            while match := regex.search(text, start):
                replacement, begin, end = pattern.handleMatch(match, text)
                placeholder = INLINE_PLACEHOLDER % len(replacements)
                replacements.append(replacement)
                text = text[:begin] + placeholder + text[end:]
                start = begin + len(placeholder)
        return INLINE_PLACEHOLDER_RE.sub(lambda match: _swap_back(match, replacements), text)


def _swap_back(placeholder, replacements):
    index = int(placeholder[1])
    return replacements[index] if index < len(replacements) else placeholder[0]


class SmartPunctuationExtension(SmartyExtension):
    """``smarty`` with its inline pass replaced by ``SmartPunctuationTreeprocessor``."""

    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.treeprocessors.register(
            SmartPunctuationTreeprocessor(md, self.inlinePatterns), "smarty", 6
        )
