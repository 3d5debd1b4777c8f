#!/usr/bin/env python3
"""Math typeset at save: the JavaScript engines compared, and what a save costs.

    .venv/bin/python bench/typeset.py

Every formula of the real sample (../shared/chenk-top) typeset by the project's KaTeX
in QuickJS (what Quire uses), in V8 through mini-racer and in a Node process, each
where installed (``pip install mini-racer``; ``node``): CPU time per formula and for
the post with the most math, and the memory it adds to a process. Then the post with
the most math rendered as a save renders it, in a fresh process (the engine loaded,
nothing remembered) and again (formulas remembered), and a 30,000-character post
as the editor's preview renders it on each refresh. Writes docs/BENCHMARKS.md.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from report import write_section

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SHARED = Path(os.environ.get("QUIRE_SHARED_DIR", ROOT.parent / "shared"))
ENV = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)}

FORMULAS = """
import glob, html, json, re, django
django.setup()
from blog.front_matter import split_front_matter
from blog.rendering import render_post
SPAN = re.compile(r'<span class="math-(inline|block)">([^<]*)</span>')
posts = {}
for path in sorted(glob.glob(SHARED + "/chenk-top/content/**/*.md", recursive=True)):
    body = split_front_matter(open(path, encoding="utf-8").read())[1]
    found = []
    for kind, text in SPAN.findall(render_post(body).body_html):
        delimiter = "$$" if kind == "block" else "$"
        found.append([html.unescape(text)[len(delimiter):-len(delimiter)], kind == "block"])
    posts[path] = found
print(json.dumps(posts))
"""

# Each engine in its own process: load KaTeX, typeset every post's formulas in one
# call, report CPU seconds (the process's, threads included; Node's own for Node)
# and the proportional set size added.
ENGINE = r"""
import json, os, subprocess, sys, time
engine, katex_path, posts_file = sys.argv[1:4]
posts = json.load(open(posts_file))
glue = '''var OPTIONS = {throwOnError: true, output: "htmlAndMathml", trust: false,
  strict: "ignore", maxSize: 20, maxExpand: 1000};
function batch(items) { return JSON.stringify(JSON.parse(items).map(function (item) {
  var options = Object.assign({displayMode: item[1]}, OPTIONS);
  try { return katex.renderToString(item[0], options).length; }
  catch (error) { return -1; } })); }'''
def pss():
    for line in open("/proc/self/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
def child_cpu(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
before = pss()
start = time.process_time()
if engine == "quickjs":
    import quickjs
    context = quickjs.Context(); context.set_max_stack_size(2 * 1024 * 1024)
    context.eval(open(katex_path).read()); context.eval(glue)
    function = context.get("batch")
    run = lambda items: function(json.dumps(items))
    clock = time.process_time
elif engine == "mini-racer":
    from py_mini_racer import MiniRacer
    context = MiniRacer(); context.eval(open(katex_path).read()); context.eval(glue)
    run = lambda items: context.call("batch", json.dumps(items))
    clock = time.process_time
else:
    server = "global.katex = require(%r);\n" % katex_path + glue + '''
require("readline").createInterface({input: process.stdin})
  .on("line", function (line) { process.stdout.write(batch(line) + "\\n"); });'''
    node = subprocess.Popen(
        ["node", "-e", server], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    def run(items):
        node.stdin.write(json.dumps(items) + "\n"); node.stdin.flush()
        return node.stdout.readline()
    run([["x", False]])
    clock = lambda: time.process_time() + child_cpu(node.pid)
load = clock() - start
most = max(posts.values(), key=len)
passes = []
for _ in range(5):
    start = clock(); run(most); passes.append(clock() - start)
start = clock()
for formulas in posts.values():
    run(formulas)
every = clock() - start
added = pss() - before
if engine == "node":
    for line in open(f"/proc/{node.pid}/smaps_rollup"):
        if line.startswith("Pss:"):
            added += int(line.split()[1]) / 1024
    node.kill()
if engine == "mini-racer":
    context.close()  # else the interpreter hangs at exit waiting for V8's thread
print(json.dumps({"load": load, "most": passes, "every": every, "pss": added,
                  "count": sum(map(len, posts.values())), "most_count": len(most)}))
"""

SAVE = r"""
import json, os, sys, time, django
django.setup()
from blog.front_matter import split_front_matter
from blog.rendering import render_post, sanitize_html
from blog.rendering.markdown import render_markdown
body = split_front_matter(open(sys.argv[1], encoding="utf-8").read())[1]
def cpu_ms(work):
    start = time.process_time(); work(); return (time.process_time() - start) * 1000
to_html = lambda: sanitize_html(render_markdown(body).html)
cold = cpu_ms(lambda: render_post(body))
warm = min(cpu_ms(lambda: render_post(body)) for _ in range(5))
markdown = min(cpu_ms(to_html) for _ in range(5))
# The editor's preview of a 30,000-character post: one formula edited per refresh.
long_body = (body * (30_000 // len(body) + 1))[:30_000]
long_body = long_body[: long_body.rfind("\n\n")]
render_post(long_body)
edits = []
for number in range(5):
    edited = long_body + f"\n\nAn edit: $x_{{{number}}} + \\frac{{{number}}}{{2}}$."
    edits.append(cpu_ms(lambda: render_post(edited)))
print(json.dumps({"chars": len(body), "cold": cold, "warm": warm, "markdown": markdown,
                  "preview_chars": len(long_body), "preview": sorted(edits)[2]}))
"""


def python(script, *arguments):
    result = subprocess.run(
        [PYTHON, "-c", script, *arguments], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.splitlines()[-1])


def main():
    posts_file = ROOT / "data" / "bench-formulas.json"
    posts_file.parent.mkdir(exist_ok=True)
    posts = python(f"SHARED = {str(SHARED)!r}\n" + FORMULAS)
    posts_file.write_text(json.dumps(posts), encoding="utf-8")
    katex = str(ROOT / "node_modules" / "katex" / "dist" / "katex.min.js")
    lines = [
        "| engine | loading KaTeX, CPU ms | the post with most math, CPU ms (5 passes) | "
        "per formula over all, µs | memory added, MiB (PSS) |",
        "|---|---|---|---|---|",
    ]
    for engine, module in (("quickjs", "quickjs"), ("mini-racer", "py_mini_racer"), ("node", "")):
        if module:
            available = subprocess.run([PYTHON, "-c", f"import {module}"]).returncode == 0
        else:
            available = shutil.which("node") is not None
        if not available:
            lines.append(f"| {engine} | not installed | | | |")
            continue
        got = python(ENGINE, engine, katex, str(posts_file))
        passes = " / ".join(f"{seconds * 1000:.0f}" for seconds in got["most"])
        lines.append(
            f"| {engine} | {got['load'] * 1000:.0f} | {passes} | "
            f"{got['every'] / got['count'] * 1e6:.0f} | {got['pss']:.0f} |"
        )
    most_math = max(posts, key=lambda path: len(posts[path]))
    save = python(SAVE, most_math)
    name = Path(most_math).relative_to(SHARED)
    text = "\n".join(
        [
            "## Math typeset at save",
            "",
            "`.venv/bin/python bench/typeset.py`: the real sample's "
            f"{sum(map(len, posts.values())):,} formulas in {len(posts)} posts, typeset by "
            "KaTeX in each engine (a separate process each; CPU time, the engine's own "
            "threads and process included; PSS added once every post is typeset):",
            "",
            *lines,
            "",
            f"A save of the post with the most math (`{name}`, {len(posts[most_math])} "
            f"formulas, {save['chars']:,} characters), in CPU time: {save['cold']:.0f} ms "
            "in a fresh process (QuickJS started, KaTeX loaded, every formula typeset), "
            f"{save['warm']:.0f} ms saved again (formulas remembered); Markdown → "
            f"sanitized HTML alone {save['markdown']:.0f} ms. The editor's preview of a "
            f"{save['preview_chars']:,}-character post with one formula changed per "
            f"refresh: {save['preview']:.0f} ms (median of 5).",
        ]
    )
    write_section("typeset", text)
    print(text)


if __name__ == "__main__":
    main()
