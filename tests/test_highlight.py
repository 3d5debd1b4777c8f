"""Highlighting that remembers blocks and builds cheap formatters changes no byte of output."""

import pytest
from pymdownx.highlight import HighlightExtension

from blog.front_matter import split_front_matter
from blog.rendering import highlight, markdown

CODE = "Some code:\n\n```python\ndef twice(x):\n    return 2 * x  # doubled\n```\n"


def stock_parser(monkeypatch):
    """The site's parser with pymdownx's own highlighting: its default Pygments style,
    and nothing remembered."""
    monkeypatch.setattr(markdown, "RememberingHighlightExtension", HighlightExtension)
    return markdown._build("www.chenk.top")


def test_every_real_post_highlights_as_pymdownx_alone_does(hugo_site, monkeypatch):
    ours = markdown._build("www.chenk.top")
    stock = stock_parser(monkeypatch)
    for path in sorted((hugo_site / "content").glob("*/*/*.md")):
        body = split_front_matter(path.read_text(encoding="utf-8"))[1]
        first = ours.reset().convert(body)
        assert first == stock.reset().convert(body), path.name
        assert ours.reset().convert(body) == first, path.name


@pytest.mark.parametrize(
    "fence",
    [
        '```{.python hl_lines="2"}',
        '```{.python linenums="3"}',
        '```{.python title="twice.py"}',
        "```{.python #twice .wide}",
    ],
)
def test_fence_options_highlight_as_pymdownx_alone_does(fence, monkeypatch):
    source = f"{fence}\ndef twice(x):\n    return 2 * x\n```\n"
    ours = markdown._build("www.chenk.top").convert(source)
    assert ours == stock_parser(monkeypatch).convert(source)


def test_the_formatters_get_a_style_without_rules():
    parser = markdown._build("www.chenk.top")
    (extension,) = [e for e in parser.registeredExtensions if isinstance(e, HighlightExtension)]
    assert extension.getConfig("pygments_style") is highlight.NoColours
    assert set(highlight.NoColours.styles.values()) == {""}


def test_a_remembered_block_is_not_highlighted_again(monkeypatch):
    parser = markdown._build("www.chenk.top")
    first = parser.reset().convert(CODE)

    def highlight_again(*args, **kwargs):
        raise AssertionError("highlighted again")

    monkeypatch.setattr(highlight.Highlight, "highlight", highlight_again)
    assert parser.reset().convert(CODE) == first


def test_a_block_whose_html_title_is_stashed_renders_again():
    source = '```{.python title="<em>twice</em>" title_mode="html"}\nx = 1\n```\n'
    parser = markdown._build("www.chenk.top")
    first = parser.reset().convert(source)
    assert "<em>twice</em>" in first
    assert parser.reset().convert(source) == first


def test_the_remembered_blocks_keep_only_the_newest(monkeypatch):
    monkeypatch.setattr(highlight, "REMEMBERED_BLOCKS", 2)
    parser = markdown._build("www.chenk.top")
    for number in range(3):
        parser.reset().convert(f"```python\nx = {number}\n```\n")
    (extension,) = [e for e in parser.registeredExtensions if hasattr(e, "remembered")]
    assert {key[0] for key in extension.remembered} == {"x = 1", "x = 2"}
