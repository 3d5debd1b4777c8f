#!/usr/bin/env python3
"""Fill a database with N posts shaped like the real site, fast.

    DATABASE_URL=… .venv/bin/python bench/dataset.py 10000

The real sample's posts (../shared/chenk-top) are rendered once; the N posts reuse
their sizes, math, code, tags and categories, filed into numbered series of 20
parts in both languages, and are written with bulk inserts (no per-post render).
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from blog.front_matter import as_list, split_front_matter  # noqa: E402
from blog.imports import refresh_planner_statistics  # noqa: E402
from blog.models import CategorizedPost, Category, MathStyle, Post, Tag, TaggedPost  # noqa: E402
from blog.models.posts import post_url  # noqa: E402
from blog.rendering import render_post, sanitize_html, typeset_html  # noqa: E402
from blog.slugs import hugo_urlize  # noqa: E402
from pagecache.generation import advance_generation  # noqa: E402
from series.models import Series  # noqa: E402

SAMPLE = Path(os.environ.get("QUIRE_SHARED_DIR", ROOT.parent / "shared")) / "chenk-top"
PARTS_PER_SERIES = 20
BATCH = 500
# A tag on exactly this many posts, for the "uncached feed of 1,000 items" figure.
THOUSAND_TAG = "Bench 1000"
START = dt.datetime(2015, 1, 1, 9, tzinfo=dt.UTC)


def sample_posts():
    """Each real post rendered once: what the generated copies are made of."""
    sources = sorted(p for p in (SAMPLE / "content").glob("*/*/*.md") if p.name != "_index.md")
    if not sources:
        raise SystemExit(f"no sample posts under {SAMPLE}")
    models = []
    for path in sources:
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        rendered = render_post(body)
        models.append(
            {
                "language": path.parent.parent.name,
                "title": str(meta.get("title", path.stem)),
                "body": body,
                "description": str(meta.get("description", "")),
                "body_html": rendered.body_html,
                "typeset_body_html": rendered.typeset_body_html,
                "summary_html": rendered.summary_html,
                "math_declarations": rendered.math_declarations,
                "toc_html": rendered.toc_html,
                "body_text": rendered.body_text,
                "reading_minutes": rendered.reading_minutes,
                "tags": as_list(meta.get("tags")),
                "categories": as_list(meta.get("categories")),
            }
        )
    return models


def terms(model, names):
    existing = {term.slug: term for term in model.objects.all()}
    for name in names:
        slug = hugo_urlize(name)
        if slug not in existing:
            existing[slug] = model.objects.create(name=name, slug=slug)
    return {name: existing[hugo_urlize(name)].pk for name in names}


def generate(count, seed=7):
    random.seed(seed)
    models = sample_posts()
    MathStyle.keep(set().union(*(model["math_declarations"] for model in models)))
    tag_ids = terms(Tag, {name for model in models for name in model["tags"]} | {THOUSAND_TAG})
    category_ids = terms(Category, {name for model in models for name in model["categories"]})
    series_count = (count + PARTS_PER_SERIES - 1) // PARTS_PER_SERIES
    series = Series.objects.bulk_create(
        Series(
            language=models[(number * PARTS_PER_SERIES) % len(models)]["language"],
            slug=f"bench-series-{number}",
            title=f"Bench Series {number}",
            term_name=f"bench-series-{number}",
            description="Generated for the benchmarks.",
            description_html="<p>Generated for the benchmarks.</p>",
        )
        for number in range(series_count)
    )
    written = 0
    while written < count:
        batch = range(written, min(count, written + BATCH))
        posts = []
        for number in batch:
            model = models[number % len(models)]
            part = number % PARTS_PER_SERIES + 1
            group = series[number // PARTS_PER_SERIES]
            date = START + dt.timedelta(hours=number)
            slug = f"{part:02d}-post-{number}"
            summary_html = sanitize_html(
                model["summary_html"], post_url(group.language, group.slug, slug)
            )
            posts.append(
                Post(
                    title=f"{group.title} ({part}): {model['title']}",
                    slug=slug,
                    section=group.slug,
                    language=group.language,
                    series=group,
                    series_order=part,
                    body=model["body"],
                    description=model["description"],
                    body_html=model["body_html"],
                    typeset_body_html=model["typeset_body_html"],
                    summary_html=summary_html,
                    typeset_summary_html=typeset_html(summary_html).html,
                    toc_html=model["toc_html"],
                    body_text=model["body_text"],
                    reading_minutes=model["reading_minutes"],
                    status=Post.Status.PUBLISHED,
                    published_at=date,
                    updated_at=date,
                    translation_key=f"bench-{number}",
                )
            )
        created = Post.objects.bulk_create(posts)
        TaggedPost.objects.bulk_create(
            TaggedPost(content_object=post, tag_id=tag_ids[name])
            for post, number in zip(created, batch, strict=True)
            for name in dict.fromkeys(
                models[number % len(models)]["tags"] + ([THOUSAND_TAG] if number < 1000 else [])
            )
        )
        CategorizedPost.objects.bulk_create(
            CategorizedPost(content_object=post, tag_id=category_ids[name])
            for post, number in zip(created, batch, strict=True)
            for name in dict.fromkeys(models[number % len(models)]["categories"])
        )
        written += len(batch)
    advance_generation()
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("count", type=int)
    arguments = parser.parse_args()
    started = time.perf_counter()
    if Post.objects.exists():
        raise SystemExit("the database already holds posts; use an empty one")
    with transaction.atomic():
        written = generate(arguments.count)
    refresh_planner_statistics()
    print(f"{written} posts in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
