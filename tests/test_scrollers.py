"""Blocks that scroll sideways take focus in the page form, never in the feed form."""

import importlib

import html5lib
import pytest
from django.apps import apps

from blog.models import Post
from blog.rendering import render_post
from blog.rendering.scrollers import focusable_scrollers

TABLE = "| a | b |\n|---|---|\n| 1 | 2 |\n"
CODE = "```python\nx = 1\n```\n"
NUMBERED_CODE = '```python linenums="1"\nx = 1\n```\n'


def elements(html, tag):
    return list(html5lib.parse(html, namespaceHTMLElements=False).iter(tag))


def test_a_table_takes_focus_on_the_page():
    (wrapper,) = [div for div in elements(render_post(TABLE).typeset_body_html, "div")]
    assert (wrapper.get("class"), wrapper.get("tabindex")) == ("table-wrap", "0")


def test_a_block_of_code_takes_focus_on_the_page():
    (pre,) = elements(render_post(CODE).typeset_body_html, "pre")
    assert pre.get("tabindex") == "0"


def test_a_display_formula_takes_focus_on_the_page():
    spans = elements(render_post("$$\\sum_{i=1}^{n} x_i$$").typeset_body_html, "span")
    (display,) = [span for span in spans if span.get("class") == "katex-display"]
    assert display.get("tabindex") == "0"


def test_the_line_numbers_of_numbered_code_take_no_focus():
    gutter, code = elements(render_post(NUMBERED_CODE).typeset_body_html, "pre")
    assert (gutter.get("tabindex"), code.get("tabindex")) == (None, "0")


def test_the_feed_form_keeps_tables_code_and_math_as_sanitized():
    assert "tabindex" not in render_post(TABLE + "\n" + CODE + "\n$$x^2$$\n").body_html


def test_making_scrollers_focusable_twice_changes_nothing():
    once = focusable_scrollers(render_post(TABLE + "\n" + CODE).body_html)
    assert focusable_scrollers(once) == once


def test_text_that_names_a_pre_element_is_left_as_it_is():
    html = render_post("Write `<pre>` or <pre>this</pre>, not &lt;pre&gt;.").typeset_body_html
    assert html.count('tabindex="0"') == 1


@pytest.mark.django_db
def test_the_migration_makes_the_stored_page_forms_focusable(make_post):
    post = make_post(body=TABLE)
    Post.objects.filter(pk=post.pk).update(typeset_body_html=post.body_html)
    migration = importlib.import_module("blog.migrations.0012_focusable_scrollers")
    migration.make_scrollers_focusable(apps, schema_editor=None)
    stored = Post.objects.get(pk=post.pk)
    assert (stored.typeset_body_html, stored.body_html) == (
        focusable_scrollers(post.body_html),
        post.body_html,
    )


@pytest.mark.django_db
def test_the_display_math_migration_makes_stored_formulas_focusable(make_post):
    post = make_post(body="$$x^2$$")
    unfocused = post.typeset_body_html.replace(' tabindex="0"', "")
    assert unfocused != post.typeset_body_html
    Post.objects.filter(pk=post.pk).update(typeset_body_html=unfocused)
    migration = importlib.import_module("blog.migrations.0013_focusable_display_math")
    (step,) = migration.Migration.operations
    step.code(apps, schema_editor=None)
    assert Post.objects.get(pk=post.pk).typeset_body_html == post.typeset_body_html
