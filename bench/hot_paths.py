#!/usr/bin/env python3
"""Time the hot paths the code's comments speak of, each against what it replaced.

    .venv/bin/python bench/hot_paths.py [--runs 30] [--no-write]

- writing a 1,000-item RSS and Atom feed (the real seed feed's 28 items, repeated
  with links of their own) with Quire's writer and with Django's;
- the URLs of 1,000 posts by ``post_url`` and by ``reverse``;
- rendering the largest real post to HTML: code blocks highlighted afresh and
  remembered, and with Python-Markdown's own smarty pass instead of Quire's;
- importing the application in a fresh interpreter (what ``preload_app`` spares a
  recycled gunicorn worker).

CPU time in one process, best of ``--runs`` (the import: wall time, best of five).
Reads the real site's data from ``../shared``; the figures go to docs/BENCHMARKS.md.
"""

import argparse
import io
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QUIRE_SHARED_DIR", ROOT.parent / "shared"))
ITEMS = 1000


def cpu_ms(work, runs, before=None):
    best = float("inf")
    for _ in range(runs):
        if before:
            before()
        start = time.process_time()
        work()
        best = min(best, (time.process_time() - start) * 1000)
    return best


def feed_of(feed_class):
    import feedparser

    seed = feedparser.parse((SHARED / "seed" / "en-tags-machine-learning-index.xml").read_bytes())
    feed = feed_class(
        title=seed.feed.title,
        link=seed.feed.link,
        description=seed.feed.description,
        language="en",
        feed_url=seed.feed.link + "index.xml",
        links={},
    )
    for number in range(ITEMS):
        entry = seed.entries[number % len(seed.entries)]
        link = f"{entry.link}{number}/"
        feed.add_item(
            title=entry.title,
            link=link,
            unique_id=link,
            description=entry.description,
            pubdate=datetime(*entry.published_parsed[:6], tzinfo=UTC),
            categories=["machine-learning", "cloud", "R&D"],
        )
    return feed


def feed_figures(runs):
    from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

    from feeds.generator import AtomFeedWriter, RssFeedWriter

    rows = []
    for name, ours, django in (
        ("RSS 2.0", RssFeedWriter, Rss201rev2Feed),
        ("Atom 1.0", AtomFeedWriter, Atom1Feed),
    ):
        feed = feed_of(ours)
        written = feed.writeString("utf-8")
        reference = io.StringIO()
        django.write(feed, reference, "utf-8")
        assert written == reference.getvalue(), f"{name}: not Django's bytes"
        quire = cpu_ms(lambda feed=feed: feed.writeString("utf-8"), runs)
        plain = cpu_ms(
            lambda feed=feed, django=django: django.write(feed, io.StringIO(), "utf-8"), runs
        )
        rows.append((name, len(written.encode()), quire, plain))
    return rows


def url_figures(runs):
    from django.urls import reverse

    from blog.models.posts import post_url

    posts = [("en", f"series-{n % 10}", f"post-{n}") for n in range(ITEMS)]
    assert post_url(*posts[0]) == reverse(
        "blog:post", kwargs={"lang": "en", "section": "series-0", "slug": "post-0"}
    )

    def by_reverse():
        for lang, section, slug in posts:
            reverse("blog:post", kwargs={"lang": lang, "section": section, "slug": slug})

    def by_post_url():
        for post in posts:
            post_url(*post)

    return cpu_ms(by_post_url, runs), cpu_ms(by_reverse, runs)


def largest_post():
    from blog.front_matter import split_front_matter

    paths = (SHARED / "chenk-top" / "content").glob("*/*/*.md")
    return max((split_front_matter(p.read_text(encoding="utf-8"))[1] for p in paths), key=len)


def with_smarty(parser):
    """``parser`` with Python-Markdown's smarty inline pass in place of Quire's, as
    tests/test_smart_punctuation.py builds it."""
    from markdown.treeprocessors import InlineProcessor

    smarty = InlineProcessor(parser)
    smarty.inlinePatterns = parser.treeprocessors["smarty"].registry
    parser.treeprocessors.register(smarty, "smarty", 6)
    return parser


def render_figures(runs):
    from blog.rendering.markdown import _build, _markdown, render_markdown

    body = largest_post()

    def forget_code_blocks():
        for extension in _markdown().registeredExtensions:
            if hasattr(extension, "remembered"):
                extension.remembered.clear()

    afresh = cpu_ms(lambda: render_markdown(body), runs, before=forget_code_blocks)
    again = cpu_ms(lambda: render_markdown(body), runs)
    smarty = with_smarty(_build("www.chenk.top"))
    smarty.convert(body)
    stock = cpu_ms(lambda: smarty.reset().convert(body), runs)
    return len(body), body.count("\n```") // 2, afresh, again, stock


def import_seconds():
    script = (
        "import time; t = time.perf_counter(); import config.wsgi; print(time.perf_counter() - t)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    return min(
        float(
            subprocess.run(
                [sys.executable, "-c", script],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(5)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-write", action="store_true", help="print, leave BENCHMARKS alone")
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from report import write_section

    lines = [
        "## Hot paths against what they replaced",
        "",
        f"`.venv/bin/python bench/hot_paths.py --runs {arguments.runs}` — CPU time in one "
        f"process, best of {arguments.runs}, CPython {platform.python_version()}, 2 cores "
        "shared with other work.",
        "",
        f"| {ITEMS:,}-item feed | bytes | Quire's writer ms | Django's writer ms |",
        "|---|---|---|---|",
    ]
    for name, size, quire, plain in feed_figures(arguments.runs):
        lines.append(f"| {name} | {size:,} | {quire:.1f} | {plain:.1f} |")
    quick, plain = url_figures(arguments.runs)
    size, blocks, afresh, again, stock = render_figures(arguments.runs)
    lines += [
        "",
        f"The URLs of {ITEMS:,} posts: {quick:.1f} ms by `post_url` (the section's part "
        f"reversed once), {plain:.1f} ms by `reverse`.",
        "",
        f"Rendering the largest real post ({size:,} characters of Markdown, {blocks} code "
        f"blocks) to HTML: {afresh:.1f} ms with its code blocks highlighted afresh, "
        f"{again:.1f} ms with them remembered from the run before; {stock:.1f} ms "
        "(remembered) with Python-Markdown's smarty pass instead of Quire's smart "
        "punctuation.",
        "",
        f"Importing the application (`config.wsgi`) in a fresh interpreter, what a recycled "
        f"gunicorn worker would pay without `preload_app`: {import_seconds():.2f} s wall "
        "time, best of five.",
    ]
    markdown = "\n".join(lines)
    print(markdown)
    if not arguments.no_write:
        write_section("hot-paths", markdown)


if __name__ == "__main__":
    main()
