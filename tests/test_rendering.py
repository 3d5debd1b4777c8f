"""The rendering pipeline: Markdown in, the Hugo site's HTML conventions out."""

import re

import html5lib
import pymdownx.highlight
import pytest

from blog.front_matter import split_front_matter
from blog.rendering import render, render_post


def parse(html):
    return html5lib.parse(html, namespaceHTMLElements=False)


def math_spans(html):
    return [
        "".join(element.itertext())
        for element in parse(html).iter()
        if element.get("class") in ("math-inline", "math-block")
    ]


def text_of(html):
    return " ".join("".join(parse(html).itertext()).split())


# An independent reading of where the math is in a Markdown source: outside fenced
# code, code spans and image alt text; in table rows ``\|`` stands for ``|`` (GFM).
FENCED_CODE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
IMAGE = re.compile(r"!\[(?:\$[^$]*\$|[^\]])*\]\([^)]*\)")
SOURCE_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)((?:\\.|[^\\$])+?)\$", re.DOTALL)


def math_in_source(markdown):
    text = IMAGE.sub("", CODE_SPAN.sub("", FENCED_CODE.sub("", markdown)))
    text = "\n".join(
        line.replace("\\|", "|") if line.lstrip().startswith("|") else line
        for line in text.split("\n")
    )
    return [
        f"$${match[1]}$$" if match[1] is not None else f"${match[2]}$"
        for match in SOURCE_MATH.finditer(text)
    ]


def real_posts(hugo_site):
    return sorted(p for p in (hugo_site / "content").glob("*/*/*.md") if p.name != "_index.md")


def test_math_of_every_real_post_reaches_the_page_byte_for_byte(hugo_site):
    posts = real_posts(hugo_site)
    assert posts
    for path in posts:
        _, body = split_front_matter(path.read_text(encoding="utf-8"))
        assert math_spans(render_post(body).body_html) == math_in_source(body), path.name


def test_inline_math_keeps_markdown_punctuation():
    html = render(r"Let $a_1 * b_2 = \{x\}_*$ and $\|w\|$ hold.")
    assert math_spans(html) == [r"$a_1 * b_2 = \{x\}_*$", r"$\|w\|$"]
    assert "<em>" not in html


def test_display_math_inside_a_paragraph_is_a_block_span():
    html = render("We have\n$$\n\\begin{aligned}\n- x &= 1 \\\\\n* y &= 2\n\\end{aligned}\n$$\nso.")
    assert math_spans(html) == ["$$\n\\begin{aligned}\n- x &= 1 \\\\\n* y &= 2\n\\end{aligned}\n$$"]
    assert "<li>" not in html


def test_bracket_delimiters_become_dollar_spans():
    assert math_spans(render(r"Inline \(\alpha\) and display \[\beta\].")) == [
        r"$\alpha$",
        r"$$\beta$$",
    ]


def test_escaped_dollars_are_text():
    html = render(r"It costs \$5 or \$6.")
    assert math_spans(html) == []
    assert text_of(html) == "It costs $5 or $6."


def test_dollars_in_code_are_not_math():
    html = render("Run `echo $HOME $PATH` now.\n\n```sh\necho $A $B\n```")
    assert math_spans(html) == []


def test_math_in_a_table_cell_may_contain_a_pipe():
    html = render("| estimate | formula |\n|---|---|\n| mean | $E[\\theta | x]$ |")
    assert math_spans(html) == [r"$E[\theta | x]$"]
    assert len(parse(html).findall(".//td")) == 2


def test_headings_get_github_ids_and_the_site_anchor():
    html = render("## What You Will Learn")
    heading = parse(html).find(".//h2")
    assert heading.get("id") == "what-you-will-learn"
    assert heading.get("class") == "heading-anchor"
    link = heading.find("a")
    assert link.get("href") == "#what-you-will-learn"
    assert link.get("class") == "heading-link"
    assert link.get("aria-label") == "Permalink to this section"
    assert link.get("title") == "Copy link to this section"
    assert link.text == "#"


def test_repeated_headings_get_unique_ids_as_hugo_numbers_them():
    html = render("## Solution\n\n## Solution\n\n## Solution")
    assert [h.get("id") for h in parse(html).iter("h2")] == ["solution", "solution-1", "solution-2"]


def test_a_custom_heading_id_wins():
    heading = parse(render("## Setup {#install}")).find(".//h2")
    assert heading.get("id") == "install"
    assert "{#" not in text_of(render("## Setup {#install}"))


def test_heading_ids_keep_cjk_and_math_text():
    ids = [h.get("id") for h in parse(render("## 你将学到\n\n### Why $\\gamma$ matters")).iter()]
    assert "你将学到" in ids
    assert "why-gamma-matters" in ids


def test_h5_has_an_id_but_no_anchor_link():
    heading = parse(render("##### Small")).find(".//h5")
    assert heading.get("id") == "small"
    assert heading.find("a") is None


def test_a_standalone_image_becomes_a_figure_with_caption():
    figure = parse(render('![A plot](/media/plot.png "The caption")')).find(".//figure")
    assert figure.get("class") == "article-figure"
    image = figure.find("img")
    assert image.get("src") == "/media/plot.png"
    assert image.get("alt") == "A plot"
    assert image.get("loading") == "lazy"
    assert image.get("decoding") == "async"
    assert image.get("class") == "content-image"
    assert figure.find("figcaption").text == "The caption"


def test_an_inline_image_stays_in_its_paragraph():
    document = parse(render("Text ![icon](/i.png) more."))
    assert document.find(".//figure") is None
    assert document.find(".//p/img").get("loading") == "lazy"


def test_typography_is_smart():
    assert text_of(render('It\'s "quoted" --- really...')) == "It’s “quoted” — really…"


def test_tables_are_wrapped_and_aligned_with_classes():
    html = render("| a | b |\n|:--|--:|\n| 1 | 2 |")
    wrapper = parse(html).find(".//div")
    assert wrapper.get("class") == "table-wrap"
    assert wrapper.find("table") is not None
    assert [td.get("class") for td in parse(html).iter("td")] == ["align-left", "align-right"]
    assert "style=" not in html


def test_footnotes_render():
    html = render("Claim.[^1]\n\n[^1]: The source.")
    assert parse(html).find(".//sup/a").get("href") == "#fn:1"
    assert "The source." in text_of(html)


def test_fenced_code_is_highlighted_by_pygments_and_names_its_language():
    html = render("```python\ndef f(x):\n    return x\n```")
    assert '<div class="language-python highlight">' in html
    assert '<span class="k">def</span>' in html


def test_a_fence_asks_for_line_numbers():
    html = render('```python linenums="1"\nx = 1\ny = 2\n```')
    numbers = parse(html).find(".//td[@class='linenos']")
    assert "".join(numbers.itertext()).split() == ["1", "2"]


def test_a_code_block_seen_before_is_not_highlighted_again(monkeypatch):
    source = "```python\ndef unseen_before(x):\n    return x\n```"
    first = render(source)
    calls = []
    monkeypatch.setattr(pymdownx.highlight, "highlight", lambda *args: calls.append(args))
    assert render(source) == first
    assert render("Changed prose around it.\n\n" + source).endswith(first)
    assert calls == []


def test_a_changed_code_block_is_highlighted_afresh():
    before = render("```python\nchanged_block = 1\n```")
    after = render("```python\nchanged_block = 2\n```")
    assert before != after
    assert '<span class="mi">2</span>' in after


def test_external_links_open_in_a_new_tab():
    html = render(
        "[KaTeX](https://katex.org/) and [home](https://www.chenk.top/en/) and [rel](/x/)"
    )
    links = {a.text: a for a in parse(html).iter("a")}
    assert links["KaTeX"].get("target") == "_blank"
    assert links["KaTeX"].get("rel") == "noopener noreferrer"
    assert links["home"].get("target") is None
    assert links["rel"].get("target") is None


def test_a_list_right_under_a_paragraph_is_a_list():
    document = parse(render("They disagree when:\n- samples are small\n- priors are strong"))
    assert len(document.findall(".//ul/li")) == 2


def test_markdown_inside_an_html_block_left_open_is_rendered():
    source = "<details>\n<summary>Solution</summary>\n\n$\\alpha = 1$ and **bold**\n\n</details>"
    document = parse(render(source))
    assert document.find(".//details/summary").text == "Solution"
    assert document.find(".//details//strong").text == "bold"
    assert math_spans(render(source)) == ["$\\alpha = 1$"]


def test_a_closed_html_block_stays_raw():
    html = render('<div class="note"><p>*not emphasis*</p></div>')
    assert "*not emphasis*" in html


def test_raw_html_from_an_import_round_trips():
    source = (
        '<h2 id="what-you-will-learn" class="heading-anchor">What You Will Learn'
        '<a href="#what-you-will-learn" class="heading-link">#</a>\n</h2>'
        '<p>We have <span class="math-inline">$\\hat y = w^\\top x$</span>\n, unbounded.</p>'
    )
    html = render(source)
    assert parse(html).find(".//h2").get("id") == "what-you-will-learn"
    assert math_spans(html) == ["$\\hat y = w^\\top x$"]


@pytest.mark.parametrize("bad", ["\x00", "\x08", "\x0b", "\x1f", "\ufffe"])
def test_control_characters_never_reach_the_html(bad):
    assert bad not in render(f"a{bad}b")
