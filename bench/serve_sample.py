#!/usr/bin/env python3
"""The imported real sample under the production settings and gunicorn, for judging
pages in a browser (Lighthouse: see docs/BENCHMARKS.md).

    .venv/bin/python bench/serve_sample.py [--port 8150] [--site ../shared/chenk-top]

Imports the Hugo site into a fresh SQLite database under QUIRE_BENCH_DIR, collects the
static files and serves on 127.0.0.1:PORT until interrupted.
"""

import argparse
import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from servers import PYTHON, ROOT, quire_environment

WORK = Path(os.environ.get("QUIRE_BENCH_DIR", Path(tempfile.gettempdir()) / "quire-bench"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--site", default=str(ROOT.parent / "shared" / "chenk-top"))
    arguments = parser.parse_args()
    work = WORK / f"sample-{arguments.port}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = quire_environment(work, f"sqlite:///{work / 'sample.sqlite3'}", arguments.port)
    env["GUNICORN_BIND"] = f"127.0.0.1:{arguments.port}"
    for command in (
        ["migrate", "--no-input", "-v0"],
        ["collectstatic", "--no-input", "-v0"],
        ["import_hugo", arguments.site],
    ):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
    print(f"serving the sample at http://127.0.0.1:{arguments.port}/", flush=True)
    gunicorn = [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"]
    with contextlib.suppress(KeyboardInterrupt):
        subprocess.run(gunicorn, cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
