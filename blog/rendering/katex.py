"""KaTeX, run in this process by QuickJS: TeX typeset once, when content is saved.

The KaTeX is the one the pages' stylesheet comes from (``node_modules/katex``, served
as ``static/katex/``), so the markup and its CSS always agree. QuickJS (PyPI
``quickjs``) was chosen over V8 (``mini-racer``) and a Node process: V8 typesets
faster but costs each worker far more memory, and a Node process is one more thing to
run beside every worker; typeset formulas are remembered, so the
speed only matters the first time a formula is seen (see docs/BENCHMARKS.md).

One engine per process, made when first needed, never before a fork (gunicorn's
``preload_app``): QuickJS holds no threads, but its context is not thread-safe, so a
lock lets one thread at a time in (it releases the GIL while it runs).
"""

import json
import os
import threading
from dataclasses import dataclass

import quickjs
from django.contrib.staticfiles import finders

# trust off: no \href, \url, \htmlClass or \includegraphics; sizes and macro expansion
# bounded, so no TeX can ask for a page-sized box or expand forever.
OPTIONS = {
    "throwOnError": True,
    "output": "htmlAndMathml",
    "trust": False,
    "strict": "ignore",
    "maxSize": 20,
    "maxExpand": 1000,
}
GLUE = """
function quireTypeset(tex, display) {
  try {
    var options = Object.assign({displayMode: display}, QUIRE_OPTIONS);
    return JSON.stringify({html: katex.renderToString(tex, options)});
  } catch (error) {
    if (!(error instanceof katex.ParseError)) throw error;
    return JSON.stringify({error: error.rawMessage || error.message, position: error.position});
  }
}
"""
SECONDS_PER_FORMULA = 2.0
MEMORY_LIMIT = 64 * 1024 * 1024
STACK_LIMIT = 2 * 1024 * 1024  # well inside a thread's 8 MB stack


@dataclass(frozen=True)
class Formula:
    """One typeset formula: KaTeX's HTML (+ MathML), or why there is none.

    ``position`` is where in the TeX KaTeX stopped, when it says."""

    html: str = ""
    error: str = ""
    position: int | None = None


class EngineFailure(Exception):
    """QuickJS gave up on a formula (too slow, too much memory, too deep)."""


class Engine:
    def __init__(self):
        source = finders.find("katex/katex.min.js")
        if source is None:
            raise RuntimeError("KaTeX is not installed: run `npm ci` (see README).")
        self.context = quickjs.Context()
        self.context.set_memory_limit(MEMORY_LIMIT)
        self.context.set_max_stack_size(STACK_LIMIT)
        with open(source, encoding="utf-8") as katex:
            self.context.eval(katex.read())
        self.context.eval(f"var QUIRE_OPTIONS = {json.dumps(OPTIONS)};" + GLUE)
        self.function = self.context.get("quireTypeset")

    def typeset(self, tex, display):
        self.context.set_time_limit(SECONDS_PER_FORMULA)
        try:
            answer = json.loads(self.function(tex, display))
        except quickjs.JSException as error:
            raise EngineFailure(str(error).split("\n", 1)[0]) from error
        return Formula(answer.get("html", ""), answer.get("error", ""), answer.get("position"))


_lock = threading.Lock()
_engine = {}  # "pid", "engine": made lazily in each process


def _current_engine():
    if _engine.get("pid") != os.getpid():
        _engine.update(pid=os.getpid(), engine=Engine())
    return _engine["engine"]


def typeset(tex, display):
    """``tex`` typeset by KaTeX (display or inline style); ``EngineFailure`` when
    QuickJS gives up on it. Callers remember the answers (``typeset._markup``)."""
    with _lock:
        engine = _current_engine()
        try:
            return engine.typeset(tex, display)
        except EngineFailure:
            _engine.clear()  # a context that ran out of memory is not to be trusted
            raise
