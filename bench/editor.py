#!/usr/bin/env python3
"""Time the editor's preview refresh on the largest real posts; weigh its bundle.

    .venv/bin/python bench/editor.py [--refreshes 30]

The preview endpoint (``blog.admin.editor.preview``) is called in-process as the
editor calls it while an author types at the end of a post: each refresh sends the
whole body with one more word. Its render time is the ``Server-Timing`` it answers
with; the view's time adds the request parsing, the checks and the JSON. The first
refresh of a process is reported apart (the parser is built and code blocks are
highlighted then). The bundle is ``build/editor/`` (``npm run build``): what the page
loads up front (the entry and the chunks it imports) and what loads only on demand
(a fenced code block's language). Results go to docs/BENCHMARKS.md.
"""

import argparse
import gzip
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from report import write_section  # noqa: E402

from blog.admin import editor  # noqa: E402
from blog.front_matter import split_front_matter  # noqa: E402
from blog.models import Post  # noqa: E402

SAMPLE = Path(os.environ.get("QUIRE_SHARED_DIR", ROOT.parent / "shared")) / "chenk-top"
BUNDLE = ROOT / "build" / "editor"
IMPORT = re.compile(r'(?:import|from)\s*"(\./[^"]+)"')


def largest_posts(count):
    files = sorted((SAMPLE / "content").rglob("*.md"), key=lambda path: len(path.read_text()))
    return [(path, split_front_matter(path.read_text())[1]) for path in files[-count:][::-1]]


def refresh_times(body, refreshes):
    """(first refresh, [render ms], [view ms], [view CPU ms]) for ``refreshes`` typed words."""
    factory = RequestFactory()
    model_admin = admin.site.get_model_admin(Post)
    author = User(username="bench", is_active=True, is_staff=True, is_superuser=True)
    renders, views, cpus = [], [], []
    for number in range(refreshes + 1):
        request = factory.post("/admin/blog/post/preview/", {"body": f"{body}\n\nword{number}"})
        request.user = author
        started, cpu_started = time.perf_counter(), time.process_time()
        response = editor.preview(request, model_admin)
        took = (time.perf_counter() - started) * 1000
        cpus.append((time.process_time() - cpu_started) * 1000)
        render = float(response["Server-Timing"].split("dur=")[1])
        renders.append(render)
        views.append(took)
    return (renders[0], views[0]), renders[1:], views[1:], cpus[1:]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def loaded_up_front(entry):
    """The entry and every chunk it imports, directly or not (not the dynamic ones)."""
    seen, queue = set(), [entry]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        text = path.read_text()
        text = re.sub(r"import\(\s*\"[^\"]+\"\s*\)", "", text)  # on demand
        queue += [(path.parent / name).resolve() for name in IMPORT.findall(text)]
    return seen


def weigh(paths):
    raw = sum(path.stat().st_size for path in paths)
    gz = sum(len(gzip.compress(path.read_bytes(), 9)) for path in paths)
    br = sum(len(brotli.compress(path.read_bytes(), quality=11)) for path in paths)
    return raw, gz, br


def kib(size):
    return f"{size / 1024:.1f} KiB"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--refreshes", type=int, default=30)
    arguments = parser.parse_args()
    if not (BUNDLE / "quire-editor.js").exists():
        sys.exit("Build the bundle first: npm run build (dev.py does).")

    load = os.getloadavg()[0]
    rows = []
    for path, body in largest_posts(3):
        (first_render, first_view), renders, views, cpus = refresh_times(body, arguments.refreshes)
        name = f"{path.parent.name}/{path.name}"
        rows.append(
            f"| `{name}` | {len(body):,} | {first_render:.0f} ms ({first_view:.0f} ms) | "
            f"{statistics.median(renders):.1f} ms | {percentile(renders, 0.95):.1f} ms | "
            f"{statistics.median(views):.1f} ms | {percentile(views, 0.95):.1f} ms | "
            f"{statistics.median(cpus):.1f} ms |"
        )
        print(rows[-1], flush=True)

    css = [
        ROOT / "static" / "admin" / "quire-editor.css",
        ROOT / "static" / "admin" / "quire-editor-cm.css",
    ]
    up_front = loaded_up_front((BUNDLE / "quire-editor.js").resolve())
    every = {path.resolve() for path in BUNDLE.rglob("*.js")}
    on_demand = every - up_front
    bundle_rows = []
    for label, paths in (
        (f"loaded with the editor ({len(up_front)} files)", up_front),
        ("its two stylesheets", css),
        (f"languages for fenced code, on demand ({len(on_demand)} files)", on_demand),
    ):
        raw, gz, br = weigh(paths)
        bundle_rows.append(f"| {label} | {kib(raw)} | {kib(gz)} | {kib(br)} |")
        print(bundle_rows[-1], flush=True)

    write_section(
        "editor",
        f"""
## The editor: preview refresh and bundle

`.venv/bin/python bench/editor.py --refreshes {arguments.refreshes}` — CPython
{platform.python_version()}, 2 cores shared with other work. Each refresh renders the
whole body as the author types one more word at its end (the editor sends one when
typing pauses for 300 ms); the browser then swaps in only the blocks that changed.
Render: Markdown → sanitized HTML with each top-level block marked with its source
line (`Server-Timing`); view: the whole preview view (request, render, checks,
JSON); CPU: the CPU time the view used, which the other work on the machine
(load average {load:.1f} on 2 cores when this ran) does not inflate as it does wall
time.
First: the first refresh of a fresh process (parser built, code highlighted).

| post | chars | first: render (view) | render p50 | render p95 | view p50 | view p95 | CPU p50 |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Target: under 300 ms of server time per refresh on a 30,000-character post.

The bundle (`npm run build`: esbuild, minified ES modules, split), compressed as
whitenoise serves it (gzip -9, brotli 11):

| part | raw | gzip | brotli |
|---|---|---|---|
{chr(10).join(bundle_rows)}
""",
    )


if __name__ == "__main__":
    main()
