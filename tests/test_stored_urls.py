"""URLs in stored HTML, one rule (``blog/rendering/sanitize.py``): stored columns hold
URLs right at the post's own address, and feeds resolve them against its permalink."""

import sys
import xml.etree.ElementTree as ET
from contextlib import contextmanager

import nh3

from blog.front_matter import split_front_matter
from blog.models import Post
from blog.rendering import render_post, sanitize_html

from .test_rendering import real_posts

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
FEED = "/en/tags/topic/index.xml"
PERMALINK = "https://www.chenk.top/en/standalone/linked/"
LINKED = "See [the part](#part) and ![a figure](figure.png).\n\n<!--more-->\n\nThe rest."


def first_item(client, path=FEED):
    return ET.fromstring(client.get(path).content).find("channel/item")


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


def test_the_post_page_shows_its_links_as_written(client, make_post):
    make_post(slug="linked", body=LINKED)
    page = client.get("/en/standalone/linked/").content.decode()
    assert '<a href="#part">' in page
    assert 'src="figure.png"' in page


def test_summary_and_full_text_resolve_a_link_to_the_same_address(client, make_post):
    make_post(slug="linked", body=LINKED, tags=["Topic"])
    item = first_item(client, FEED + "?full=1")
    for html in (item.findtext("description"), item.findtext(CONTENT)):
        assert f'href="{PERMALINK}#part"' in html
        assert f'src="{PERMALINK}figure.png"' in html


def test_a_summary_stored_as_written_still_points_into_its_post_in_a_feed(client, make_post):
    """As a row restored from a backup made before summaries were stored root-relative."""
    post = make_post(slug="linked", body=LINKED, tags=["Topic"])
    Post.objects.filter(pk=post.pk).update(summary_html='<p><a href="#part">part</a></p>')
    assert f'href="{PERMALINK}#part"' in first_item(client).findtext("description")


def test_an_empty_link_in_a_summary_points_at_its_post_in_a_feed(client, make_post):
    make_post(slug="linked", body="[Here]() it is.\n\n<!--more-->\n\nThe rest.", tags=["Topic"])
    assert f'href="{PERMALINK}"' in first_item(client).findtext("description")


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
