"""Math typeset once, at save: KaTeX's HTML and MathML in the page, its styles as
classes from our own origin, the feed form untouched, broken TeX reported."""

import re
import time

import html5lib
import pytest

from blog.models import MathStyle, Post
from blog.rendering import render_post
from blog.rendering.math_styles import class_name, classify, declaration, stylesheet
from blog.rendering.text import cut_text

from .admin_forms import post_add_form
from .conftest import HUGO_SITE, shared_path

LARGEST_POST = "content/en/ml-math-derivations/01-Introduction-and-Mathematical-Foundations.md"
BROKEN_POST = "content/en/ml-math-derivations/05-Linear-Regression.md"


def body_of(relative):
    text = (shared_path(HUGO_SITE) / relative).read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def math_spans(html):
    document = html5lib.parse(html, namespaceHTMLElements=False)
    return [
        span for span in document.iter("span") if span.get("class") in ("math-inline", "math-block")
    ]


def test_every_formula_of_the_largest_real_post_is_typeset_with_its_tex_kept():
    rendered = render_post(body_of(LARGEST_POST))
    spans = math_spans(rendered.typeset_body_html)
    assert len(spans) == len(math_spans(rendered.body_html)) > 300
    assert all(span.find(".//span[@class='katex']") is not None for span in spans)
    assert rendered.math_errors == []
    annotations = re.findall(
        r'<annotation encoding="application/x-tex">', rendered.typeset_body_html
    )
    assert len(annotations) == len(spans)


def test_typeset_math_carries_no_style_attribute():
    html = render_post(body_of(LARGEST_POST)).typeset_body_html
    document = html5lib.parse(html, namespaceHTMLElements=False)
    assert [element.tag for element in document.iter() if element.get("style") is not None] == []


def test_the_feed_form_keeps_the_seeds_math_spans_byte_for_byte():
    rendered = render_post(r"The fit $\hat y = w^\top x$ and $$a < b$$.")
    assert r'<span class="math-inline">$\hat y = w^\top x$</span>' in rendered.body_html
    assert '<span class="math-block">$$a &lt; b$$</span>' in rendered.body_html
    assert "katex" not in rendered.body_html + rendered.summary_html


def test_each_style_declaration_becomes_a_class_with_its_rule_in_the_stylesheet():
    markup, used = classify('<span class="strut" style="height:0.6944em;vertical-align:-0.25em;">')
    assert markup == '<span class="strut k-h-0P6944em k-va-M0P25em">'
    assert used == {"height:0.6944em", "vertical-align:-0.25em"}
    assert ".k-va-M0P25em{vertical-align:-0.25em!important}" in stylesheet(used)


@pytest.mark.parametrize(
    "text",
    [
        "background:url(https://example.org/x.png)",
        "height:calc(1em + 1px)",
        "color:red}body{display:none",
        "width:expression(alert(1))",
        "position:fixed",
        "height:1e9px",
    ],
)
def test_declarations_outside_the_grammar_never_reach_the_css(text):
    assert declaration(text) is None
    _, used = classify(f'<span style="{text};height:1em">x</span>')
    assert used == {"height:1em"}
    assert stylesheet([text]) == "\n"


def test_distinct_declarations_of_the_real_posts_get_distinct_classes():
    declarations = set()
    for relative in (LARGEST_POST, BROKEN_POST):
        declarations |= render_post(body_of(relative)).math_declarations
    assert len({class_name(text) for text in declarations}) == len(declarations) > 200


def test_broken_tex_is_reported_with_its_line_and_shown_as_tex():
    rendered = render_post("Intro.\n\n```\n$not math$\n```\n\n$$\nw^\\* = 1\n$$\n\nAnd $a^\\*$.")
    assert [error.as_dict() for error in rendered.math_errors] == [
        {"line": 8, "expression": "\nw^\\* = 1\n", "message": "Undefined control sequence: \\*"},
        {"line": 11, "expression": "a^\\*", "message": "Undefined control sequence: \\*"},
    ]
    shown = re.findall(
        r'<code class="math-error" title="([^"]*)">([^<]*)</code>', rendered.typeset_body_html
    )
    assert shown[1] == ("This TeX could not be typeset: Undefined control sequence: \\*", "$a^\\*$")


def test_the_real_sample_reports_its_six_broken_formulas():
    rendered = render_post(body_of(BROKEN_POST))
    assert len(rendered.math_errors) == 6
    assert all("^\\*" in error.expression for error in rendered.math_errors)
    source_lines = body_of(BROKEN_POST).split("\n")
    for error in rendered.math_errors:
        assert error.expression.split("\n")[0] in source_lines[error.line - 1]


def test_hostile_tex_cannot_hang_a_save():
    started = time.process_time()
    rendered = render_post(
        r"$\def\a{\a\a}\a$ and $" + "{" * 5000 + "x" + "}" * 5000 + r"$ and $\rule{99em}{99em}$"
    )
    assert time.process_time() - started < 30  # CPU seconds, as QuickJS's time limit counts
    assert len(rendered.math_errors) == 2
    assert "k-h-20em" in rendered.typeset_body_html  # \rule held to maxSize


def test_tex_with_markup_stays_text_in_the_typeset_page():
    html = render_post(r"$\text{<img src=x onerror=alert(1)>}$").typeset_body_html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_plain_text_reads_inline_math_and_leaves_display_math_out():
    rendered = render_post(r"The prediction $\hat y = w^\top x$ fits. $$\sum_i x_i$$ Done.")
    assert rendered.body_text == "The prediction y\u0302 = w^⊤x fits. Done."


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("The quick brown fox jumps over the lazy dog.", 24, "The quick brown fox…"),
        ("线性回归是最基础的模型。它假设输出是输入的线性组合。", 20, "线性回归是最基础的模型。…"),
        ("线性回归是最基础的模型它假设输出是输入的线性组合", 12, "线性回归是最基础的模型…"),
        ("short", 20, "short"),
    ],
)
def test_text_is_cut_at_a_word_or_cjk_boundary(text, limit, expected):
    assert cut_text(text, limit) == expected


def test_a_posts_description_shows_no_raw_tex_and_ends_at_a_word(client, make_post):
    make_post(slug="fit", body="We fit $\\hat y = w^\\top x$ to data " + "and more words " * 30)
    page = html5lib.parse(client.get("/en/standalone/fit/").content, namespaceHTMLElements=False)
    description = page.find(".//meta[@name='description']").get("content")
    assert description.startswith("We fit y\u0302 = w^⊤x to data and more")
    assert "$" not in description
    assert description.endswith("…") and description[:-1].split()[-1] in ("and", "more", "words")


def test_math_stylesheet_serves_every_rule_for_good_under_a_version(client, make_post):
    make_post(slug="m", body=r"$\sqrt{x}$")
    version = MathStyle.objects.version()
    response = client.get(f"/math/{version}.css")
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert "immutable" in response["Cache-Control"]
    assert ".k-h-" in response.content.decode()
    assert client.get(f"/math/{version + 1}.css").status_code == 404


def test_only_pages_with_math_load_katex_styles(client, make_post):
    make_post(slug="plain", body="No math here.")
    make_post(slug="math", body="Some $x$.")
    assert "katex" not in client.get("/en/standalone/plain/").content.decode()
    page = client.get("/en/standalone/math/").content.decode()
    assert page.count('rel="stylesheet" href="/static/katex/katex.min.css"') == 1
    assert f'href="/math/{MathStyle.objects.version()}.css"' in page


def test_only_pages_with_highlighted_code_load_its_styles(client, make_post):
    make_post(slug="plain", body="No code here.")
    make_post(slug="code", body="```python\nx = 1\n```")
    assert "pygments.css" not in client.get("/en/standalone/plain/").content.decode()
    assert "/static/css/pygments.css" in client.get("/en/standalone/code/").content.decode()


def test_a_listing_shows_math_as_text_and_loads_no_math_styles(client, make_post):
    make_post(slug="math", body="Some $\\hat y$ here.\n\n$$\\sum_i x_i$$")
    home = client.get("/en/").content.decode()
    lead = home.split('<p class="post-card-lead">', 1)[1].split("</p>", 1)[0]
    assert lead.startswith("Some y") and lead.endswith("here.")
    assert "$" not in lead and "katex" not in lead
    assert "katex.min.css" not in home


def test_a_save_keeps_the_declarations_its_page_needs(make_post):
    post = make_post(body=r"$\frac{a}{b}$")
    needed = set(re.findall(r"\bk-[\w-]+", post.typeset_body_html))
    served = {class_name(text) for text in MathStyle.objects.values_list("declaration", flat=True)}
    assert needed <= served


def test_the_admin_saves_broken_tex_and_says_where_it_is(admin_client):
    response = admin_client.post(
        "/admin/blog/post/add/",
        post_add_form(body="Fine $x$.\n\nBroken $w^\\*$ here."),
        follow=True,
    )
    post = Post.objects.get()
    assert "math-error" in post.typeset_body_html
    messages = [str(message) for message in response.context["messages"]]
    assert any("line 3: w^\\* — Undefined control sequence: \\*" in message for message in messages)


def test_the_preview_lists_math_errors_with_their_lines(admin_client):
    response = admin_client.post("/admin/blog/post/preview/", {"body": "Ok $x$\n\n$y^\\*$"})
    assert response.json()["math_errors"] == [
        {"line": 3, "expression": "y^\\*", "message": "Undefined control sequence: \\*"}
    ]


def test_import_hugo_reports_broken_tex_per_file_and_keeps_the_post(
    db, hugo_site, settings, tmp_path
):
    from blog.hugo.importer import HugoImporter

    settings.MEDIA_ROOT = tmp_path
    report = HugoImporter(hugo_site).run()
    assert report.failed == []
    broken = [(where, error) for where, error in report.math_errors if BROKEN_POST[8:] in where]
    assert len(broken) == 6
    lines = (shared_path(HUGO_SITE) / BROKEN_POST).read_text(encoding="utf-8").split("\n")
    for where, error in broken:
        line = int(where.rsplit(":", 1)[1])
        assert "^\\*" in lines[line - 1], (where, error)
    assert Post.objects.filter(slug="05-linear-regression", language="en").exists()
