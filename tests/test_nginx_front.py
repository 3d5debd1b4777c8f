"""deploy/nginx.conf in front of gunicorn, run for real: why gunicorn must never face
clients itself, and that behind the front slow clients do not stall the site.

Needs nginx (apt-get install nginx-light) and openssl; skipped without them unless
``CI`` is set. The template is filled in as docker-compose.yml fills it, on free local
ports, with a throwaway self-signed certificate.
"""

import contextlib
import getpass
import http.client
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from string import Template

import pytest

ROOT = Path(__file__).resolve().parent.parent
SLOW_CLIENTS = 200
STARTUP_WAIT = 120  # seconds gunicorn and nginx get to start answering
# Seconds nginx gives a client to send its request's headers (deploy/nginx.conf), after
# which it drops the slow clients: a site they stalled would answer only then.
HEADER_TIMEOUT = int(
    re.search(r"client_header_timeout (\d+)s;", (ROOT / "deploy/nginx.conf").read_text())[1]
)
# What a slow client sends of its request before it goes quiet: a byte past the method.
FIRST_BYTES = b"GET /healthz HTTP/1.1\r\nH"

MAIN_CONF = """
user {user};
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    include {folder}/quire.conf;
}}
"""


def required(tool):
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is missing (apt-get install nginx-light openssl)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI requires the nginx front's test")
        pytest.skip(message)
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_version(nginx):
    banner = subprocess.run([nginx, "-v"], capture_output=True, text=True).stderr
    return tuple(int(part) for part in re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", banner).groups())


def render_front(nginx, folder, upstream, http_port, https_port):
    """deploy/nginx.conf with its variables filled in, listening on local ports."""
    request = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=x"]
    subprocess.run(
        [required("openssl"), *request, "-keyout", folder / "key.pem", "-out", folder / "cert.pem"],
        check=True,
        capture_output=True,
    )
    conf = Template((ROOT / "deploy" / "nginx.conf").read_text()).safe_substitute(
        SERVER_NAME="localhost",
        QUIRE_UPSTREAM=upstream,
        TLS_CERTIFICATE=folder / "cert.pem",
        TLS_CERTIFICATE_KEY=folder / "key.pem",
    )
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    conf = conf.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    conf = conf.replace("/var/cache/nginx/quire", str(folder / "cache"))
    conf = conf.replace(
        "/etc/nginx/snippets/quire-cache.conf", str(ROOT / "deploy/nginx-cache.conf")
    )
    if nginx_version(nginx) < (1, 25, 1):  # Debian 12's nginx: HTTP/2 is a listen flag there
        conf = conf.replace("    http2 on;\n", "")
    (folder / "quire.conf").write_text(conf)
    (folder / "main.conf").write_text(MAIN_CONF.format(folder=folder, user=getpass.getuser()))


def wait_until_healthy(port, secure, deadline=STARTUP_WAIT):
    """Until /healthz answers 200: a port that takes connections is not yet a site that
    answers (gunicorn listens before its worker serves), and a box running other suites
    can take many seconds to start one."""
    until = time.monotonic() + deadline
    while time.monotonic() < until:
        with contextlib.suppress(OSError, http.client.HTTPException):
            if health(port, secure, timeout=5) == 200:
                return
        time.sleep(0.1)
    raise TimeoutError(f"/healthz did not answer 200 on port {port}")


@dataclass
class Front:
    gunicorn: int
    https: int


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    nginx = required("nginx")
    folder = tmp_path_factory.mktemp("front")
    ports = Front(gunicorn=free_port(), https=free_port())
    render_front(nginx, folder, f"127.0.0.1:{ports.gunicorn}", free_port(), ports.https)
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "config.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{folder / 'quire.sqlite3'}",
        "QUIRE_DATA_DIR": str(folder),
        "GUNICORN_BIND": f"127.0.0.1:{ports.gunicorn}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESS_LOG": "",
        "TRUSTED_PROXY_COUNT": "1",
    }
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = subprocess.Popen(
        [nginx, "-c", folder / "main.conf", "-p", folder, "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_healthy(ports.gunicorn, secure=False)
        wait_until_healthy(ports.https, secure=True)
        yield ports
    finally:
        for process in (server, gunicorn):
            process.terminate()
            process.wait(10)


def tls_context():
    """A client context that takes the throwaway certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def health(port, secure, timeout):
    """The status of /healthz, or None if it did not come within ``timeout`` seconds."""
    if secure:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=timeout, context=tls_context()
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", "/healthz", headers={"Host": "localhost"})
        return connection.getresponse().status
    except TimeoutError:
        return None
    finally:
        connection.close()


@contextlib.contextmanager
def slow_clients(port, secure):
    """SLOW_CLIENTS connections that each start a request and then go quiet; yields
    when (on the monotonic clock) the first of them came."""
    context = tls_context()
    with contextlib.ExitStack() as stack:
        first = time.monotonic()
        for _ in range(SLOW_CLIENTS):
            connection = stack.enter_context(socket.create_connection(("127.0.0.1", port), 30))
            if secure:
                connection = stack.enter_context(
                    context.wrap_socket(connection, server_hostname="localhost")
                )
            connection.sendall(FIRST_BYTES)
        yield first


def test_gunicorn_facing_clients_itself_is_stalled_by_slow_ones(front):
    assert health(front.gunicorn, secure=False, timeout=5) == 200
    with slow_clients(front.gunicorn, secure=False):
        assert health(front.gunicorn, secure=False, timeout=2) is None


def test_behind_the_nginx_front_slow_clients_do_not_stall_the_site(front):
    """Not stalled: the site answers while the slow clients still hold their connections,
    before nginx would drop them (a site they stalled would answer only after that)."""
    with slow_clients(front.https, secure=True) as first:
        still_held = first + HEADER_TIMEOUT - time.monotonic()
        assert still_held > 0, "the slow clients took longer to come than nginx waits for them"
        assert health(front.https, secure=True, timeout=still_held) == 200
