#!/usr/bin/env python3
"""Time ``import_hugo`` on generated Hugo sites and record its peak memory.

    .venv/bin/python bench/import_hugo.py [--posts 250,500,1000] [--postgres]

For each size: a fresh database, ``migrate``, then ``import_hugo`` (first run, which
renders and stores every post) and ``import_hugo`` again (nothing changes). Wall
time and the importing process's peak RSS go to docs/BENCHMARKS.md.
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_hugo_site import make_site
from report import write_section

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/quire_bench"


def run(arguments, env):
    """Run a manage.py command; return (seconds, peak RSS in MiB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, stdout=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    output = process.stdout.read().decode()
    if status != 0:
        raise SystemExit(f"manage.py {' '.join(arguments)} failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output.strip().splitlines()[-1]


def fresh_database(workdir, postgres):
    env = {**os.environ, "DEBUG": "false", "QUIRE_DATA_DIR": str(workdir / "data")}
    env["MEDIA_ROOT"] = str(workdir / "media")
    if postgres:
        for statement in ("DROP DATABASE IF EXISTS quire_bench", "CREATE DATABASE quire_bench"):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", statement], check=True
            )
        env["DATABASE_URL"] = POSTGRES_URL
    else:
        env.pop("DATABASE_URL", None)
    run(["migrate", "--no-input"], env)
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--posts", default="250,500,1000")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    arguments = parser.parse_args()
    database = "PostgreSQL" if arguments.postgres else "SQLite"
    rows = []
    for count in [int(n) for n in arguments.posts.split(",")]:
        with tempfile.TemporaryDirectory() as folder:
            workdir = Path(folder)
            site = make_site(count, workdir / "site")
            env = fresh_database(workdir, arguments.postgres)
            first, first_rss, _ = run(["import_hugo", str(site)], env)
            again, again_rss, again_summary = run(["import_hugo", str(site)], env)
        rows.append(
            f"| {count} | {first:.1f} s | {first_rss:.0f} MiB | {again:.1f} s "
            f"| {again_rss:.0f} MiB | {again_summary} |"
        )
        print(rows[-1], flush=True)
    write_section(
        f"import_hugo-{database.lower()}",
        f"## import_hugo on {database}\n\n"
        f"`.venv/bin/python bench/import_hugo.py{' --postgres' if arguments.postgres else ''}`"
        f" — sites generated from the real sample by `bench/make_hugo_site.py`, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores.\n\n"
        "| posts | first import | peak RSS | second import | peak RSS | second run says |\n"
        "|---|---|---|---|---|---|\n" + "\n".join(rows),
    )


if __name__ == "__main__":
    main()
