"""The servers a benchmark drives: Quire and the bare-Django ceiling under gunicorn,
nginx as the static-file ceiling and as Quire's caching front; and wrk to load them."""

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


def quire_environment(work, database_url, port, **extra):
    """The production settings, pointed at a benchmark database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "QUIRE_DATA_DIR": str(work / "data"),
        "STATIC_ROOT": str(work / "static"),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "GUNICORN_ACCESS_LOG": "",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


class Server:
    """A child process serving HTTP on 127.0.0.1:port, stopped by ``stop()``."""

    def __init__(self, command, port, env):
        self.port = port
        with contextlib.closing(socket.socket()) as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                raise SystemExit(f"port {port} is taken: is an earlier benchmark still running?")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url("/"), timeout=1)
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"nothing answered on port {port}")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_rss_mib(self):
        """Resident memory of each worker (the children of the gunicorn master)."""
        for _ in range(50):  # workers recycled after GUNICORN_MAX_REQUESTS come back
            children = subprocess.run(
                ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
            ).stdout.split()
            sizes = []
            for pid in children:
                with contextlib.suppress(FileNotFoundError):  # a worker just recycled
                    status = Path(f"/proc/{pid}/status").read_text()
                    resident = re.search(r"VmRSS:\s+(\d+)", status)
                    if resident:  # not a worker that has exited and not been reaped
                        sizes.append(int(resident[1]) / 1024)
            if sizes:
                return sorted(sizes)
            time.sleep(0.1)
        return []

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def gunicorn(app, port, env, **settings):
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", **settings}
    return Server([PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", app], port, env)


def nginx(folder, bodies, static_port, front_port, upstream_port):
    """nginx serving ``bodies`` as static files on ``static_port``, and in front of
    Quire on ``front_port`` with deploy/nginx-cache.conf."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "cache").mkdir(parents=True)
    config = folder / "nginx.conf"
    config.write_text(f"""
worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    proxy_cache_path {folder}/cache keys_zone=quire:50m max_size=1g inactive=1h;
    upstream quire {{ server 127.0.0.1:{upstream_port}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{static_port};
        root {bodies};
        location ~ \\.xml$ {{ default_type application/rss+xml; types {{ }} }}
        location / {{ try_files $uri =404; }}
    }}
    server {{
        listen 127.0.0.1:{front_port};
        location / {{
            proxy_pass http://quire;
            include {ROOT / "deploy" / "nginx-cache.conf"};
        }}
    }}
}}
""")
    return Server(["nginx", "-c", str(config), "-p", str(folder)], static_port, os.environ)


def _milliseconds(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, duration, connections, headers=(), script=None, timeout=2):
    """Requests (in all, and per second), p50, p99 and slowest latency (ms), and the
    answers that were not 2xx/3xx or never came within ``timeout`` seconds (socket
    errors and timeouts)."""
    threads = str(min(connections, os.cpu_count() or 2))
    command = ["wrk", "-t", threads, "-c", str(connections), "-d", f"{duration}s", "--latency"]
    command += ["--timeout", f"{timeout}s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    latency = {p: _milliseconds(v, unit) for p, v, unit in WRK_LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: ([^\n]+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": latency["50"],
        "p99": latency["99"],
        "max": _milliseconds(
            *re.search(r"Latency(?:\s+\S+){2}\s+([\d.]+)(us|ms|s)", output).groups()
        ),
        "errors": int(errors[1]) if errors else 0,
        "socket_errors": socket_errors[1] if socket_errors else "",
    }


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read(), dict(response.headers)
