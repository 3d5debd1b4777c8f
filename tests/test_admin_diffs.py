"""Revisions people can read: changed words marked, unchanged lines folded, three views
(side by side, inline, rendered), nothing but escaped text from the bodies."""

import pytest
import reversion
from reversion.models import Version

from blog.admin.diffs import line_rows, markdown_blocks, rendered_changes, word_diff
from blog.models import Post


def test_only_the_changed_words_are_marked():
    before, after = word_diff("The gradient of the loss.", "The Hessian of the loss.")
    assert before == "The <del>gradient</del> of the loss."
    assert after == "The <ins>Hessian</ins> of the loss."


def test_words_are_escaped_inside_and_outside_the_marks():
    before, after = word_diff("a <b> c", "a <i> c")
    assert before == "a &lt;<del>b</del>&gt; c"
    assert after == "a &lt;<ins>i</ins>&gt; c"


def test_unchanged_stretches_are_folded_with_their_length():
    before = "\n".join(f"line {number}" for number in range(1, 21))
    after = before.replace("line 10", "line ten")
    rows = line_rows(before, after)
    assert [row.kind for row in rows] == ["skipped"] + ["equal"] * 3 + ["changed"] + [
        "equal"
    ] * 3 + ["skipped"]
    assert (rows[0].before.number, rows[-1].before.number) == (6, 7)  # lines 1–6, 14–20
    assert (rows[4].before.number, rows[4].after.number) == (10, 10)


def test_added_and_removed_lines_keep_their_own_numbers():
    rows = line_rows("a\nb\nc", "a\nc\nd")
    kinds = [
        (row.kind, getattr(row.before, "number", None), getattr(row.after, "number", None))
        for row in rows
    ]
    assert kinds == [("equal", 1, 1), ("removed", 2, None), ("equal", 3, 2), ("added", None, 3)]


def test_a_fenced_block_and_a_display_stay_whole_across_blank_lines():
    body = "Intro.\n\n```python\nx = 1\n\ny = 2\n```\n\n$$\na\n\nb\n$$\n\nEnd."
    assert markdown_blocks(body) == [
        "Intro.",
        "```python\nx = 1\n\ny = 2\n```",
        "$$\na\n\nb\n$$",
        "End.",
    ]


def test_the_rendered_view_shows_only_changed_blocks_with_math_typeset():
    changes, declarations = rendered_changes("Same.\n\nOld $x$.", "Same.\n\nNew $y^2$.")
    (change,) = changes
    assert change.kind == "changed"
    assert "Old" in change.before and "New" in change.after
    assert 'class="math-' in change.after
    assert declarations  # the math's styles, for the page's stylesheet
    assert "Same." not in change.before + change.after


@pytest.fixture
def revised(make_post):
    with reversion.create_revision():
        post = make_post(body="First line.\n\nThe gradient of $f$.\n\n<script>x</script>")
    with reversion.create_revision():
        post.body = "First line.\n\nThe Hessian of $f$.\n\n<script>x</script>"
        post.save()
    newer, older = Version.objects.get_for_object(post)
    return post, older, newer


def compare(client, revised, view=None):
    post, older, newer = revised
    query = {"a": older.pk, "b": newer.pk} | ({"view": view} if view else {})
    return client.get(f"/admin/blog/post/{post.pk}/history/compare/", query).content.decode()


def test_the_compare_page_marks_words_with_no_difflib_markers(admin_client, revised):
    page = compare(admin_client, revised)
    assert "<del>gradient</del>" in page and "<ins>Hessian</ins>" in page
    assert "diff_next" not in page and 'nowrap="nowrap"' not in page
    assert "admin/quire-diff.css" in page


def test_the_inline_view_signs_each_line(admin_client, revised):
    page = compare(admin_client, revised, "inline")
    assert 'class="quire-diff is-inline"' in page
    assert '<td class="quire-diff-sign">−</td><td class="quire-diff-text">The <del>gradient' in page


def test_the_rendered_view_renders_the_changed_paragraph(admin_client, revised):
    page = compare(admin_client, revised, "rendered")
    assert "quire-rendered-diff" in page
    assert "<p>The Hessian of" in page


def test_a_body_script_is_shown_as_text_in_every_view(admin_client, revised):
    for view in ("side", "inline", "rendered"):
        assert "<script>x</script>" not in compare(admin_client, revised, view)


def test_an_unknown_view_is_side_by_side(admin_client, revised):
    assert 'class="quire-diff is-side-by-side"' in compare(admin_client, revised, "junk")


def test_restore_shows_the_word_diff(admin_client, revised):
    post, older, _ = revised
    page = admin_client.get(f"/admin/blog/post/{post.pk}/history/{older.pk}/restore/")
    assert "<del>Hessian</del>" in page.content.decode()
    assert Post.objects.get(pk=post.pk).body.startswith("First line.")
