"""The editor's preview endpoint: the public rendering, its blocks marked with their
source lines (for the preview to follow the cursor), and problems before saving."""

import re

import pytest

from blog.front_matter import split_front_matter
from blog.rendering import render_post
from blog.rendering.source_lines import without_line_marks

PREVIEW = "/admin/blog/post/preview/"
MARK = re.compile(r"<(\w+)[^>]*?\bquire-source-line-(\d+)")
DOCUMENT = """\
# Title

A paragraph
over two lines.

```python
print("code")
```

| a | b |
|---|---|
| 1 | 2 |

- one
- two

$$
E = mc^2
$$

Text right above
## A heading inside the block
"""


def marks(html):
    return [(tag, int(line)) for tag, line in MARK.findall(html)]


def test_each_top_level_block_is_marked_with_the_line_it_starts_on(admin_client):
    html = admin_client.post(PREVIEW, {"body": DOCUMENT}).json()["html"]
    assert marks(html) == [
        ("h1", 1),
        ("p", 3),
        ("div", 6),  # the highlighted code block
        ("div", 10),  # the table's wrapper
        ("ul", 14),
        ("p", 17),
        ("p", 21),
        ("h2", 22),
    ]


def test_lines_are_counted_the_same_with_windows_line_ends(admin_client):
    html = admin_client.post(PREVIEW, {"body": DOCUMENT.replace("\n", "\r\n")}).json()["html"]
    assert [line for _, line in marks(html)] == [1, 3, 6, 10, 14, 17, 21, 22]


def test_every_block_of_the_real_posts_is_marked_on_its_own_line(hugo_site):
    posts = [path for path in (hugo_site / "content").rglob("*.md") if path.name != "_index.md"]
    for path in sorted(posts):
        body = split_front_matter(path.read_text())[1]
        lines = body.split("\n")
        found = marks(render_post(body, source_lines=True).body_html)
        assert len(found) > 20, path
        numbers = [line for _, line in found]
        assert numbers == sorted(numbers), path
        for tag, line in found:
            assert lines[line - 1].strip(), (path, tag, line)
            if tag in ("h1", "h2", "h3", "h4"):
                assert lines[line - 1].lstrip().startswith("#"), (path, tag, line)


def test_the_marks_are_the_only_difference_and_never_stored(hugo_site):
    path = max((hugo_site / "content").rglob("*.md"), key=lambda path: len(path.read_text()))
    body = split_front_matter(path.read_text())[1]
    stored = render_post(body)
    previewed = render_post(body, source_lines=True)
    assert "quire-source-line" not in stored.body_html + stored.summary_html
    assert without_line_marks(previewed.body_html) == stored.body_html
    assert previewed.summary_html == stored.summary_html


def test_an_unclosed_dollar_comes_back_with_its_line(admin_client):
    answer = admin_client.post(PREVIEW, {"body": "Fine $x$.\n\nCosts $5 now."}).json()
    assert answer["problems"] == [{"line": 3, "message": "The $ on line 3 has no closing $."}]


def test_balanced_math_has_no_problems(admin_client):
    assert admin_client.post(PREVIEW, {"body": "$x$ and $$y$$"}).json()["problems"] == []


def test_the_preview_says_how_long_rendering_took(admin_client):
    response = admin_client.post(PREVIEW, {"body": "Some text."})
    assert re.fullmatch(r"render;dur=\d+\.\d", response["Server-Timing"])


@pytest.mark.parametrize("body", ["", "   ", "\n\n\n"])
def test_an_empty_body_previews_as_nothing(admin_client, body):
    answer = admin_client.post(PREVIEW, {"body": body}).json()
    assert (answer["html"], answer["problems"]) == ("", [])
