"""HTML written inside math is TeX: kept as the span's text, never parsed as markup."""

import html5lib
import pytest

from blog.rendering import render_post

from .inert import assert_inert


def math_texts(html):
    document = html5lib.parse(html, namespaceHTMLElements=False)
    return [
        "".join(span.itertext())
        for span in document.iter("span")
        if span.get("class") in ("math-inline", "math-block")
    ]


@pytest.mark.parametrize(
    ("source", "tex"),
    [
        ("$<script>alert(1)</script>$", "$<script>alert(1)</script>$"),
        ("$$<img src=x onerror=alert(1)>$$", "$$<img src=x onerror=alert(1)>$$"),
        ("\\(<script>alert(1)</script>\\)", "$<script>alert(1)</script>$"),
        ("\\[<svg onload=alert(1)>\\]", "$$<svg onload=alert(1)>$$"),
        ("$x</span><script>alert(1)</script>$", "$x</span><script>alert(1)</script>$"),
        ('$"><svg onload=alert(1)>$', '$"><svg onload=alert(1)>$'),
        ("$a < b > c$", "$a < b > c$"),
        ("$\\href{javascript:alert(1)}{x}$", "$\\href{javascript:alert(1)}{x}$"),
    ],
)
def test_html_inside_math_stays_tex_text(source, tex):
    body_html = render_post(f"Before {source} after.").body_html
    assert math_texts(body_html) == [tex]
    assert_inert(body_html, source)


def test_math_in_a_table_cell_keeps_its_html_as_text():
    body_html = render_post("| a |\n|---|\n| $x <b>y</b> z$ |").body_html
    assert math_texts(body_html) == ["$x <b>y</b> z$"]
    assert "<b>" not in body_html
