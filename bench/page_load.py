#!/usr/bin/env python3
"""Where a page load's main-thread time goes, in Chromium, from its trace.

    .venv/bin/python bench/page_load.py URL [URL...] [--runs 7] [--rate 1]

Loads each URL in a fresh phone-sized context (412 × 823, as Lighthouse's mobile),
the URLs taking turns, and reads the renderer's main thread from a Chromium trace:

- ``cpu``: the thread's CPU time in the tasks of the load (from navigation to 3 s after
  ``load``), and its self time by kind (parse, style, layout, paint, script);
- ``blocking``: the Total Blocking Time Lighthouse's simulation would add up from those
  tasks, each taken 4 × its CPU time (its mobile CPU), before and after first paint;
- ``tbt``: the Total Blocking Time measured, wall clock, after first contentful paint.

CPU time is what another process on a busy machine does not inflate: compare options
by ``cpu`` and ``blocking`` (medians of several runs). ``--rate 4`` throttles the CPU
as DevTools does (Emulation.setCPUThrottlingRate); ``tbt`` then is the throttled one.
"""

import argparse
import json
import statistics
import tempfile
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "blink.user_timing",
    "loading",
    "toplevel",
]
TASKS = ("RunTask", "ThreadControllerImpl::RunTask")
KINDS = {
    "ParseHTML": "parse",
    "ParseAuthorStyleSheet": "parse",
    "UpdateLayoutTree": "style",
    "Layout": "layout",
    "PrePaint": "paint",
    "Paint": "paint",
    "Layerize": "paint",
    "EvaluateScript": "script",
    "FunctionCall": "script",
}
LONG = 50_000  # µs: a task longer than this blocks
SIMULATED_SLOWDOWN = 4


def trace_of(browser, url, rate):
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, is_mobile=True, device_scale_factor=1.75
    )
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "trace.json"
        browser.start_tracing(page=page, path=str(path), categories=CATEGORIES)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(3000)
        elements = page.evaluate("document.getElementsByTagName('*').length")
        browser.stop_tracing()
        events = json.loads(path.read_text())
    context.close()
    return elements, events["traceEvents"] if isinstance(events, dict) else events


def main_thread(events):
    """The page's renderer main thread: its complete events, first paint, navigation."""
    paint = [event for event in events if event.get("name") == "firstContentfulPaint"][-1]
    names = {
        (event["pid"], event["tid"]): event["args"]["name"]
        for event in events
        if event.get("ph") == "M" and event.get("name") == "thread_name"
    }
    thread = next(
        key for key, name in names.items() if name == "CrRendererMain" and key[0] == paint["pid"]
    )
    start = max(
        event["ts"]
        for event in events
        if event.get("name") == "navigationStart"
        and event["pid"] == paint["pid"]
        and event["ts"] < paint["ts"]
    )
    complete = [
        event
        for event in events
        if (event.get("pid"), event.get("tid")) == thread
        and event.get("ph") == "X"
        and event["ts"] >= start
    ]
    return sorted(complete, key=lambda event: (event["ts"], -event["dur"])), paint["ts"], start


def top_level_tasks(complete):
    tasks, end = [], 0
    for event in complete:
        if event["name"] in TASKS and event["ts"] >= end:
            tasks.append(event)
            end = event["ts"] + event["dur"]
    return tasks


def self_time_by_kind(complete):
    """CPU self time of each kind: a nested known event is taken out of its parent's."""
    totals, stack = Counter(), []
    for event in complete:
        while stack and stack[-1][0] <= event["ts"]:
            stack.pop()
        kind = KINDS.get(event["name"])
        if kind:
            parent = next((open_kind for _, open_kind in reversed(stack) if open_kind), None)
            if parent:
                totals[parent] -= event.get("tdur", 0)
            totals[kind] += event.get("tdur", 0)
        inherited = kind or (stack[-1][1] if stack else None)
        stack.append((event["ts"] + event["dur"], inherited))
    return totals


def measure(browser, url, rate):
    elements, events = trace_of(browser, url, rate)
    complete, first_paint, start = main_thread(events)
    tasks = top_level_tasks(complete)

    def blocking(selected):
        cpu = (SIMULATED_SLOWDOWN * task.get("tdur", 0) for task in selected)
        return sum(max(0, time - LONG) for time in cpu) / 1000

    after_paint = [task for task in tasks if task["ts"] >= first_paint]
    tbt = sum(
        max(0, task["ts"] + task["dur"] - max(task["ts"], first_paint) - LONG)
        for task in tasks
        if task["ts"] + task["dur"] > first_paint
    )
    return {
        "elements": elements,
        "first paint ms": round((first_paint - start) / 1000),
        "cpu ms": round(sum(task.get("tdur", 0) for task in tasks) / 1000),
        "blocking ms": round(blocking(tasks)),
        "blocking after paint ms": round(blocking(after_paint)),
        "tbt ms": round(tbt / 1000),
        **{f"{kind} ms": round(time / 1000) for kind, time in self_time_by_kind(complete).items()},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rate", type=float, default=1, help="CPU throttling (4: DevTools')")
    arguments = parser.parse_args()
    runs = {url: [] for url in arguments.urls}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for _ in range(arguments.runs):
            for url in arguments.urls:
                runs[url].append(measure(browser, url, arguments.rate))
        browser.close()
    for url, results in runs.items():
        keys = dict.fromkeys(key for result in results for key in result)
        medians = {key: statistics.median(result.get(key, 0) for result in results) for key in keys}
        print(f"{url} (median of {len(results)}, CPU rate {arguments.rate:g}):")
        print("  " + ", ".join(f"{key} {value:g}" for key, value in medians.items()))


if __name__ == "__main__":
    main()
