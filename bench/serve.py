#!/usr/bin/env python3
"""Quire under load, beside the two ceilings it is measured against, in one run.

    .venv/bin/python bench/serve.py [--posts 10000] [--postgres] [--duration 8]
    .venv/bin/python bench/serve.py --scaling 1000,100000   # flat as the blog grows?
    .venv/bin/python bench/serve.py --tune                  # gunicorn worker setups

Starts gunicorn on 127.0.0.1 with the production settings and drives it with wrk at
fixed connection counts for each page type; in the same run, serving the very same
bytes: (a) a bare Django view under the same gunicorn, (b) nginx serving a static
file; then nginx in front of Quire with deploy/nginx-cache.conf. Writes the figures
to docs/BENCHMARKS.md. Needs wrk and nginx (apt-get install wrk nginx).
"""

import argparse
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from report import write_section
from servers import PYTHON, ROOT, fetch, gunicorn, nginx, quire_environment, wrk

WORK = Path(os.environ.get("QUIRE_BENCH_DIR", Path(tempfile.gettempdir()) / "quire-bench"))
PORTS = {"quire": 8100, "ceiling": 8101, "uncached": 8102, "static": 8103, "front": 8104}
PAGES = {  # page type -> its path (the post is picked from the series page)
    "home": "/en/",
    "post": None,
    "series": "/en/bench-series-0/",
    "tag archive": "/en/tags/machine-learning/",
    "tag feed": "/en/tags/bench-1000/index.xml",
}
NOT_MODIFIED = "304 on the feed"


def database(posts, postgres):
    """The URL of a database holding ``posts`` generated posts (made once, then kept)."""
    name = f"{'postgres' if postgres else 'sqlite'}-{posts}"
    if postgres:
        url = f"postgres://postgres@127.0.0.1:5432/quire_bench_{posts}"
    else:
        url = f"sqlite:///{WORK / f'{name}.sqlite3'}"
    marker = WORK / f"{name}.ready"
    if marker.exists() and marker.read_text() == url:
        # Kept from an earlier run: brought up to this checkout's migrations.
        manage(quire_environment(WORK, url, PORTS["quire"]), "migrate", "--no-input", "-v0")
        return url
    WORK.mkdir(parents=True, exist_ok=True)
    if postgres:
        for sql in (
            f"DROP DATABASE IF EXISTS quire_bench_{posts}",
            f"CREATE DATABASE quire_bench_{posts}",
        ):
            psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql]
            subprocess.run(psql, check=True)
    else:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    env = quire_environment(WORK, url, PORTS["quire"])
    manage(env, "migrate", "--no-input", "-v0")
    subprocess.run([PYTHON, "bench/dataset.py", str(posts)], cwd=ROOT, env=env, check=True)
    marker.write_text(url)
    return url


def manage(env, *arguments, capture=False):
    command = [PYTHON, "manage.py", *arguments]
    result = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=capture)
    return result.stdout.decode() if capture else None


def quire(database_url, port=PORTS["quire"], **settings):
    env = quire_environment(WORK, database_url, port)
    manage(env, "collectstatic", "--no-input", "-v0")
    return gunicorn("config.wsgi:application", port, {**env, **settings})


def page_paths(server):
    """Each page type's path; the post is one near the real site's median size."""
    series, _ = fetch(server.url(PAGES["series"]))
    parts = re.findall(r'href="(/en/bench-series-0/[^"]+/)"', series.decode())
    return {**PAGES, "post": parts[11]}


def measure(arguments):
    database_url = database(arguments.posts, arguments.postgres)
    bodies = WORK / "bodies"
    shutil.rmtree(bodies, ignore_errors=True)
    bodies.mkdir(parents=True)
    load = {"duration": arguments.duration, "connections": arguments.connections}
    with quire(database_url) as server:
        paths = page_paths(server)
        files, etags = {}, {}
        for name, path in paths.items():
            body, headers = fetch(server.url(path))
            files[name] = name.replace(" ", "-") + (".xml" if path.endswith(".xml") else ".html")
            (bodies / files[name]).write_bytes(body)
            etags[name] = headers["ETag"]
        runs = {name: {"quire": wrk(server.url(path), **load)} for name, path in paths.items()}
        runs[NOT_MODIFIED] = {
            "quire": wrk(
                server.url(paths["tag feed"]),
                **load,
                headers=[f"If-None-Match: {etags['tag feed']}"],
            )
        }
        rss = server.worker_rss_mib()
        ceiling_env = {**quire_environment(WORK, database_url, PORTS["ceiling"])}
        with (
            gunicorn(
                "bench.ceiling_app:application",
                PORTS["ceiling"],
                ceiling_env,
                BENCH_BODIES=str(bodies),
            ) as ceiling,
            nginx(WORK / "nginx", bodies, PORTS["static"], PORTS["front"], PORTS["quire"]),
        ):
            for name in paths:
                static_url = f"http://127.0.0.1:{PORTS['static']}/{files[name]}"
                runs[name]["ceiling"] = wrk(ceiling.url(f"/{files[name]}"), **load)
                runs[name]["static"] = wrk(static_url, **load)
                front_url = f"http://127.0.0.1:{PORTS['front']}{paths[name]}"
                runs[name]["front"] = wrk(front_url, **load)
    runs[NOT_MODIFIED]["ceiling"] = runs["tag feed"]["ceiling"]
    runs[NOT_MODIFIED]["static"] = runs["tag feed"]["static"]
    uncached = uncached_latency(database_url, paths, arguments.duration)
    sizes = {name: (bodies / file).stat().st_size for name, file in files.items()}
    lines = [
        *serving_table(arguments, runs, sizes),
        *uncached_table(uncached, paths),
        "",
        f"Worker RSS after the run: {', '.join(f'{mib:.0f}' for mib in rss)} MiB.",
        "",
        render_cost(),
    ]
    if arguments.postgres:
        lines += [
            "",
            "PostgreSQL's plans for two tag archives' first pages and a tag feed's items:",
            "",
        ]
        lines += ["```", explain(database_url), "```"]
    database_name = "PostgreSQL" if arguments.postgres else "SQLite"
    write_section(f"serving-{database_name.lower()}-{arguments.posts}", "\n".join(lines))
    print("\n".join(lines))


def uncached_latency(database_url, paths, duration):
    """Each page built afresh (the page cache off), one request at a time."""
    with quire(database_url, PORTS["uncached"], PAGE_CACHE_ENABLED="false") as server:
        return {name: wrk(server.url(path), duration, 1) for name, path in paths.items()}


def ratio(value, ceiling):
    return f"{value / ceiling:.2f}×"


def serving_table(arguments, runs, sizes):
    database_name = "PostgreSQL" if arguments.postgres else "SQLite"
    command = f"bench/serve.py --posts {arguments.posts}" + (
        " --postgres" if arguments.postgres else ""
    )
    lines = [
        f"## Serving {arguments.posts:,} posts on {database_name}",
        "",
        f"`.venv/bin/python {command}` — wrk, {arguments.connections} connections, "
        f"{arguments.duration} s a run, {os.cpu_count()} cores shared by wrk and the "
        "servers; gunicorn as in `config/gunicorn.conf.py`. The ceilings serve the very "
        "same bytes: (a) a bare Django view under the same gunicorn, (b) nginx serving "
        'a static file. "Front" is nginx with `deploy/nginx-cache.conf` before Quire.',
        "",
        "| page | bytes | Quire req/s | p50 / p99 ms | bare Django req/s | vs bare Django "
        "| nginx static req/s | vs nginx static | front req/s | front vs nginx static |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, run in runs.items():
        quire_run, ceiling, static = run["quire"], run["ceiling"], run["static"]
        size = "0 (304)" if name == NOT_MODIFIED else f"{sizes[name]:,}"
        errors = f" ({quire_run['errors']} errors)" if quire_run["errors"] else ""
        front = run.get("front")
        front_cells = (
            f"{front['rps']:,.0f} | {ratio(front['rps'], static['rps'])}" if front else "– | –"
        )
        lines.append(
            f"| {name} | {size} | {quire_run['rps']:,.0f}{errors} | "
            f"{quire_run['p50']:.2f} / {quire_run['p99']:.2f} | {ceiling['rps']:,.0f} | "
            f"{ratio(quire_run['rps'], ceiling['rps'])} | {static['rps']:,.0f} | "
            f"{ratio(quire_run['rps'], static['rps'])} | {front_cells} |"
        )
    return lines


def uncached_table(latency, paths):
    lines = [
        "",
        "Built afresh (`PAGE_CACHE_ENABLED=false`), one connection at a time:",
        "",
        "| page | path | p50 ms | p99 ms | req/s |",
        "|---|---|---|---|---|",
    ]
    for name, run in latency.items():
        lines.append(
            f"| {name} | `{paths[name]}` | {run['p50']:.2f} | {run['p99']:.2f} | "
            f"{run['rps']:,.0f} |"
        )
    return lines


RENDER_SCRIPT = """
import glob, os, time
from blog.front_matter import split_front_matter
from blog.rendering import render_post, sanitize_html
from blog.rendering.markdown import _markdown, render_markdown
root = os.environ.get("QUIRE_SHARED_DIR", "../shared") + "/chenk-top/content"
paths = [p for p in glob.glob(root + "/*/*/*.md") if not p.endswith("_index.md")]
body = max((split_front_matter(open(p).read())[1] for p in paths), key=len)
def forget_code_blocks():
    for extension in _markdown().registeredExtensions:
        if hasattr(extension, "remembered"):
            extension.remembered.clear()
def cpu_ms(work, cold):
    best = float("inf")
    for _ in range(5):
        if cold:
            forget_code_blocks()
        start = time.process_time()
        work()
        best = min(best, (time.process_time() - start) * 1000)
    return best
to_html = lambda: sanitize_html(render_markdown(body).html)
whole = lambda: render_post(body)
print(len(body), cpu_ms(to_html, True), cpu_ms(whole, True), cpu_ms(whole, False))
"""


def render_cost():
    """Rendering the largest real post: Markdown to sanitized HTML (the target's
    measure), and all a save derives from it, the first time and again."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    output = manage(env, "shell", "--no-imports", "-c", RENDER_SCRIPT, capture=True).split()
    size, to_html, whole, again = int(output[0]), *map(float, output[1:])
    return (
        f"Rendering the largest real post ({size:,} characters of Markdown), in CPU time, "
        f"best of five: Markdown to sanitized HTML {to_html:.1f} ms; with all a save "
        f"derives besides (summary, plain text for search, table of contents) "
        f"{whole:.1f} ms, or {again:.1f} ms when it is saved (or previewed) again with "
        "its code blocks already highlighted."
    )


EXPLAIN_SCRIPT = """
from blog.models import Tag
from blog.taxonomies import TAXONOMIES
tags = TAXONOMIES["tags"]
for slug in ("bench-1000", "machine-learning"):
    tag = Tag.objects.get(slug=slug)
    print(f"-- the first page of {slug}, on {tag.tagged_posts.count()} posts:")
    print(tags.term_posts("en", tag).newest_first().only("id")[:10].explain(analyze=True))
print("-- the bench-1000 feed's items:")
feed = tags.posts("en", Tag.objects.get(slug="bench-1000")).newest_first()
print(feed.values("id").explain(analyze=True))
"""


def explain(database_url):
    """PostgreSQL's plans for a tag archive's first page (a term on 10% of the posts,
    and one on all of them) and the tag feed's items."""
    env = quire_environment(WORK, database_url, PORTS["quire"])
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return manage(env, "shell", "--no-imports", "-c", EXPLAIN_SCRIPT, capture=True).strip()


def scaling(arguments):
    """Each page type's p50 at each blog size: built afresh (one connection), and
    answered from the page cache (under load)."""
    sizes = [int(size) for size in arguments.scaling.split(",")]
    figures = {}
    for size in sizes:
        database_url = database(size, arguments.postgres)
        with quire(database_url) as server:
            paths = page_paths(server)
            for path in paths.values():
                fetch(server.url(path))
            cached = {
                name: wrk(server.url(path), arguments.duration, arguments.connections)
                for name, path in paths.items()
            }
        figures[size] = (uncached_latency(database_url, paths, arguments.duration), cached)
    smallest, largest = sizes[0], sizes[-1]
    database_name = "PostgreSQL" if arguments.postgres else "SQLite"
    head = " | ".join(f"{size:,} posts" for size in sizes)
    lines = [
        f"## Flat as the blog grows ({database_name})",
        "",
        f"`.venv/bin/python bench/serve.py --scaling {arguments.scaling}"
        f"{' --postgres' if arguments.postgres else ''}` — p50 in ms; built afresh "
        f"with one connection, and from the page cache under {arguments.connections} "
        f"connections; the last column divides the {largest:,}-post figure by the "
        f"{smallest:,}-post one.",
        "",
        f"| page | how | {head} | ratio |",
        "|---|---|" + "---|" * len(sizes) + "---|",
    ]
    for name in PAGES:
        for index, how in enumerate(("built afresh", "cached")):
            cells = [figures[size][index][name]["p50"] for size in sizes]
            row = " | ".join(f"{cell:.2f}" for cell in cells)
            lines.append(f"| {name} | {how} | {row} | {cells[-1] / cells[0]:.2f}× |")
    write_section(f"scaling-{database_name.lower()}", "\n".join(lines))
    print("\n".join(lines))


def median_run(url, arguments, runs=3):
    """The run of median throughput among ``runs``: a 2-core box shared with wrk is noisy."""
    results = sorted(
        (wrk(url, arguments.duration, arguments.connections) for _ in range(runs)),
        key=lambda run: run["rps"],
    )
    return results[len(results) // 2]


def tune(arguments):
    """The cached post page under each gunicorn setup worth considering on 2 cores."""
    database_url = database(arguments.posts, arguments.postgres)
    setups = [
        ("sync", 2, 1),
        ("sync", 3, 1),
        ("sync", 5, 1),
        ("gthread", 5, 2),
        ("gthread", 2, 4),
        ("gthread", 3, 4),
        ("gthread", 5, 4),
        ("gthread", 5, 8),
    ]
    lines = [
        "## gunicorn worker setups",
        "",
        f"`.venv/bin/python bench/serve.py --tune` — the cached post page and the "
        f"uncached home page, wrk with {arguments.connections} connections, the median "
        f"of three {arguments.duration} s runs, {os.cpu_count()} cores.",
        "",
        "| worker class | workers | threads | cached req/s | cached p99 ms "
        "| uncached req/s | uncached p99 ms | worker RSS MiB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for worker_class, workers, threads in setups:
        setup = {
            "GUNICORN_WORKER_CLASS": worker_class,
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_THREADS": str(threads),
        }
        with quire(database_url, **setup) as server:
            paths = page_paths(server)
            fetch(server.url(paths["post"]))
            cached = median_run(server.url(paths["post"]), arguments)
            rss = max(server.worker_rss_mib())
        with quire(database_url, PORTS["uncached"], PAGE_CACHE_ENABLED="false", **setup) as bare:
            uncached = median_run(bare.url("/en/"), arguments)
        lines.append(
            f"| {worker_class} | {workers} | {threads} | {cached['rps']:,.0f} | "
            f"{cached['p99']:.2f} | {uncached['rps']:,.0f} | {uncached['p99']:.2f} | {rss:.0f} |"
        )
        print(lines[-1], flush=True)
    write_section("gunicorn-tuning", "\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--scaling", help="blog sizes to compare, e.g. 1000,100000")
    parser.add_argument("--tune", action="store_true")
    arguments = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install {tool}")
    if arguments.tune:
        tune(arguments)
    elif arguments.scaling:
        scaling(arguments)
    else:
        measure(arguments)


if __name__ == "__main__":
    main()
