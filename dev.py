#!/usr/bin/env python3
"""Set up Quire from a fresh clone and run it. Needs only Python 3.11+ and npm.

    python3 dev.py serve   # the sample blog on SQLite at http://127.0.0.1:8000/
    python3 dev.py test    # lint, import layers and the test suite (extra arguments: pytest)

Both commands create ``.venv`` and ``node_modules`` when they are missing or out of
date, and build the post editor's bundle (``build/editor/``) when its sources
changed, so they are also the way to pick up new dependencies.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def run(*command, **kwargs):
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True, **kwargs)


def fingerprint(*files):
    digest = hashlib.sha256()
    for name in files:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def up_to_date(stamp, value):
    return stamp.exists() and stamp.read_text() == value


def ensure_python_packages():
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    stamp = VENV / ".quire-installed"
    wanted = fingerprint("pyproject.toml")
    if not up_to_date(stamp, wanted):
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[test]")
        stamp.write_text(wanted)


def ensure_node_packages():
    stamp = ROOT / "node_modules" / ".quire-installed"
    wanted = fingerprint("package.json", "package-lock.json")
    if not up_to_date(stamp, wanted):
        run("npm", "ci", "--no-audit", "--no-fund")
        stamp.write_text(wanted)


def ensure_editor_bundle():
    """Build the post editor's bundle (assets/editor/ → build/editor/) when its
    sources or packages changed since the last build."""
    stamp = ROOT / "build" / "editor" / ".quire-built"
    sources = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "assets").rglob("*.js"))
    wanted = fingerprint("package.json", "package-lock.json", *sources)
    if not up_to_date(stamp, wanted):
        shutil.rmtree(stamp.parent, ignore_errors=True)  # no chunks of older builds
        run("npm", "run", "build")
        stamp.write_text(wanted)


def manage(*arguments):
    run(PYTHON, "manage.py", *arguments)


def serve(arguments):
    manage("migrate", "--no-input")
    manage("load_sample_content")
    address = arguments[0] if arguments else "127.0.0.1:8000"
    print(f"\nQuire is serving the sample blog at http://{address}/  (admin: /admin/)")
    print("Create an admin login with: .venv/bin/python manage.py createsuperuser\n")
    manage("runserver", address)


def test(arguments):
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    run(BIN / "lint-imports", "--no-logo")  # the layers in pyproject.toml
    manage("makemigrations", "--check", "--dry-run")
    run(PYTHON, "-m", "pytest", *arguments)


COMMANDS = {"serve": serve, "test": test}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    if sys.version_info < (3, 11):  # noqa: UP036 (this file may be run by an older Python)
        sys.exit("Quire needs Python 3.11 or newer.")
    ensure_python_packages()
    ensure_node_packages()
    ensure_editor_bundle()
    try:
        COMMANDS[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
