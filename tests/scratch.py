"""A database and media folder of their own for tests that run ``manage.py`` in a
subprocess: the same kind of database as the suite's (SQLite, or PostgreSQL when
``DATABASE_URL`` says so), a file the subprocess and the test can both open."""

import hashlib
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def scratch_database(folder, name):
    """Yield a DATABASE_URL for an empty database, dropped afterwards (PostgreSQL)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{folder / f'{name}.sqlite3'}"
        return
    parts = urlsplit(url)
    database = f"{parts.path.lstrip('/')}_{name}"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{database}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{database}"))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


class Project:
    """``manage.py`` against one database URL and one media folder."""

    def __init__(self, database_url, media_root):
        self.media_root = Path(media_root)
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media_root),
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }

    def command(self, *arguments):
        return [sys.executable, "manage.py", *map(str, arguments)]

    def run(self, *arguments):
        return subprocess.run(
            self.command(*arguments),
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        ).stdout

    def start(self, *arguments):
        return subprocess.Popen(
            self.command(*arguments),
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def database(self):
        """Every row of every table, as ``dumpdata`` sees it."""
        return json.loads(self.run("dumpdata", "--exclude", "sessions"))

    def media(self):
        """Every media file: relative path → sha256."""
        return {
            str(path.relative_to(self.media_root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in self.media_root.rglob("*")
            if path.is_file()
        }
