"""The cheaper smart punctuation gives exactly what Python-Markdown's smarty gives."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown.treeprocessors import InlineProcessor

from blog.front_matter import split_front_matter
from blog.rendering.markdown import _build
from blog.rendering.punctuation import SmartPunctuationTreeprocessor


def parsers():
    """The site's parser, and the same parser with smarty's own inline pass back."""
    ours = _build("www.chenk.top")
    stock = _build("www.chenk.top")
    ours_smarty = stock.treeprocessors["smarty"]
    assert isinstance(ours_smarty, SmartPunctuationTreeprocessor)
    smarty = InlineProcessor(stock)
    smarty.inlinePatterns = ours_smarty.registry
    stock.treeprocessors.register(smarty, "smarty", 6)
    return ours, stock


OURS, STOCK = parsers()


def both(source):
    return OURS.reset().convert(source), STOCK.reset().convert(source)


def test_every_real_post_renders_as_smarty_renders_it(hugo_site):
    posts = sorted((hugo_site / "content").glob("*/*/*.md"))
    assert posts
    for path in posts:
        body = split_front_matter(path.read_text(encoding="utf-8"))[1]
        ours, stock = both(body)
        assert ours == stock, path.name


@pytest.mark.parametrize(
    "source",
    [
        "\"'Quoted' words in a larger quote.\"",
        "'Twas the '80s -- or the 1990s --- who knows...",
        "He said \"yes\", she said 'no'; it's the dogs' bowl.",
        "'.' is a dot, \"?\" asks",
        "a ---- b -- 'c' &nbsp;'d' &mdash;\"e\"",
        "*'emphasis'* and `'code'` and [a 'link'](/x \"title's\")",
        '> "quoted block"\n\n- \'item\' -- one\n- "item"... two',
    ],
)
def test_tricky_punctuation_renders_as_smarty_renders_it(source):
    ours, stock = both(source)
    assert ours == stock


PIECES = [*"'\"-.… aZ09s*_`\n[]()!,;:&#", "&nbsp;", "--", "...", "<b>", "</b>"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(TEXT)
def test_any_mix_of_quotes_dashes_and_dots_renders_as_smarty_renders_it(source):
    ours, stock = both(source)
    assert ours == stock


def test_text_with_nothing_to_educate_is_left_alone():
    assert OURS.reset().convert("plain words, nothing more") == ("<p>plain words, nothing more</p>")
