"""URLs in stored HTML (``blog/rendering/sanitize.py``): a body keeps them as written,
a summary stores them root-relative, resolved in the pass that sanitizes it."""

import sys
from contextlib import contextmanager

import nh3

from blog.front_matter import split_front_matter
from blog.rendering import render_post, sanitize_html

from .test_rendering import real_posts

LINKED = "See [the part](#part) and ![a figure](figure.png).\n\n<!--more-->\n\nThe rest."


@contextmanager
def nh3_passes():
    """Every nh3 ``clean`` run while the block runs, by a Cleaner or nh3's own."""
    passes = []

    def count(frame, event, function):
        if event != "c_call" or getattr(function, "__name__", "") != "clean":
            return
        if function is nh3.clean or isinstance(getattr(function, "__self__", None), nh3.Cleaner):
            passes.append(frame.f_code.co_name)

    sys.setprofile(count)
    try:
        yield passes
    finally:
        sys.setprofile(None)


def test_a_body_keeps_its_relative_urls_as_written(make_post):
    post = make_post(slug="linked", body=LINKED)
    assert '<a href="#part">' in post.body_html
    assert 'src="figure.png"' in post.body_html


def test_a_summary_stores_its_relative_urls_root_relative(make_post):
    post = make_post(slug="linked", body=LINKED)
    assert '<a href="/en/standalone/linked/#part">' in post.summary_html
    assert 'src="/en/standalone/linked/figure.png"' in post.summary_html


def test_saving_a_post_runs_three_sanitizer_passes(make_post):
    """Its body, its summary (made root-relative in the same pass) and its plain text."""
    post = make_post(slug="linked", body=LINKED)
    with nh3_passes() as passes:
        post.save()
    assert sorted(passes) == ["plain_text", "sanitize_html", "sanitize_html"]


def test_every_real_summary_is_stored_as_sanitizing_then_resolving_stored_it(hugo_site):
    for path in real_posts(hugo_site):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        summary = str(meta.get("summary") or "")
        page = f"/en/{path.parent.name}/{path.stem.lower()}/"
        unresolved = render_post(body, summary).summary_html
        resolved = render_post(body, summary, page_path=page).summary_html
        assert resolved == sanitize_html(unresolved, page), path.name
