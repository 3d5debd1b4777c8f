"""Highlighting that remembers blocks and shares formatters changes no byte of output."""

import pymdownx.highlight
from pymdownx.highlight import HighlightExtension

from blog.front_matter import split_front_matter
from blog.rendering import highlight, markdown

CODE = "Some code:\n\n```python\ndef twice(x):\n    return 2 * x  # doubled\n```\n"


def stock_parser(monkeypatch):
    """The site's parser with pymdownx's own highlighting: a formatter per block, and
    nothing remembered."""
    monkeypatch.setattr(markdown, "RememberingHighlightExtension", HighlightExtension)
    monkeypatch.setattr(pymdownx.highlight, "BlockHtmlFormatter", highlight._block_formatter)
    return markdown._build("www.chenk.top")


def test_every_real_post_highlights_as_pymdownx_alone_does(hugo_site, monkeypatch):
    ours = markdown._build("www.chenk.top")
    stock = stock_parser(monkeypatch)
    for path in sorted((hugo_site / "content").glob("*/*/*.md")):
        body = split_front_matter(path.read_text(encoding="utf-8"))[1]
        first = ours.reset().convert(body)
        assert first == stock.reset().convert(body), path.name
        assert ours.reset().convert(body) == first, path.name


def test_a_remembered_block_is_not_highlighted_again(monkeypatch):
    parser = markdown._build("www.chenk.top")
    first = parser.reset().convert(CODE)
    monkeypatch.setattr(highlight, "_block_formatter", None)  # would fail if called
    monkeypatch.setattr(highlight._formatters, "remembered", highlight.RememberedBlocks())
    assert parser.reset().convert(CODE) == first


def test_blocks_with_the_same_options_share_one_formatter():
    options = {"cssclass": "highlight", "wrapcode": True, "hl_lines": []}
    first = highlight.shared_block_formatter(**options)
    assert highlight.shared_block_formatter(**options) is first
    assert highlight.shared_block_formatter(**options, filename="a.py") is not first


def test_the_remembered_blocks_keep_only_the_newest():
    remembered = highlight.RememberedBlocks(size=2)
    for key in "abc":
        remembered.get(key, lambda key=key: key.upper())
    assert list(remembered.blocks) == ["b", "c"]
    assert remembered.get("b", lambda: "not again") == "B"
    assert list(remembered.blocks) == ["c", "b"]
