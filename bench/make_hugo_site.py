#!/usr/bin/env python3
"""Write an N-post Hugo site shaped like the real one, for benchmarks.

    python bench/make_hugo_site.py 1000 /tmp/site-1000 [--source ../shared/chenk-top]

Posts are the real sample's posts (both languages) copied round-robin, each with
its own title, date, slug and translation key, filed into series of 20 parts.
"""

import argparse
import datetime as dt
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "chenk-top"
PARTS_PER_SERIES = 20
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
REPLACED_FIELDS = ("title", "date", "series", "series_order", "translationKey", "slug")


def sample_posts(source):
    posts = sorted(p for p in (source / "content").glob("*/*/*.md") if p.name != "_index.md")
    if not posts:
        raise SystemExit(f"no posts under {source / 'content'}")
    return posts


def rewrite(text, number, language):
    match = FRONT_MATTER.match(text)
    kept = [
        line
        for line in match[1].split("\n")
        if line.split(":", 1)[0].strip() not in REPLACED_FIELDS
    ]
    series = number // PARTS_PER_SERIES
    date = dt.datetime(2020, 1, 1, 9) + dt.timedelta(hours=6 * number)
    title = re.search(r'^title:\s*"?(.*?)"?$', match[1], re.MULTILINE)[1]
    fields = [
        f'title: "Bench {series} ({number % PARTS_PER_SERIES + 1}): {title.replace(chr(34), "")}"',
        f"date: {date:%Y-%m-%d %H:%M:%S}",
        f"series: bench-series-{series}",
        f"series_order: {number % PARTS_PER_SERIES + 1}",
        f'translationKey: "bench-{language}-{number}"',
    ]
    return "---\n" + "\n".join(fields + kept) + "\n---\n" + text[match.end() :]


def make_site(count, target, source=DEFAULT_SOURCE):
    source, target = Path(source), Path(target)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(source / "hugo.toml", target / "hugo.toml")
    if (source / "themes").is_dir():
        shutil.copytree(source / "themes", target / "themes")
    posts = sample_posts(source)
    for number in range(count):
        original = posts[number % len(posts)]
        language = original.parent.parent.name
        folder = target / "content" / language / f"bench-series-{number // PARTS_PER_SERIES}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{number % PARTS_PER_SERIES + 1:02d}-{original.stem}.md"
        text = original.read_text(encoding="utf-8")
        (folder / name).write_text(rewrite(text, number, language), encoding="utf-8")
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("count", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    arguments = parser.parse_args()
    make_site(arguments.count, arguments.target, arguments.source)
    print(f"wrote {arguments.count} posts to {arguments.target}")


if __name__ == "__main__":
    main()
