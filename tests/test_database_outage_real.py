"""The database server really goes away: Quire talks to PostgreSQL through a TCP proxy
that the test cuts and restores, as a network fault or a restart would."""

import contextlib
import socket
import threading
import time

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from pagecache.store import BUILD_WAIT

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="an embedded SQLite database has no server to lose (run with DATABASE_URL "
        "pointing at PostgreSQL)",
    ),
]
NO_WAIT = BUILD_WAIT / 2  # wall-clock seconds


class Proxy:
    """Forwards 127.0.0.1:<port> to the database server until ``cut()``, which closes
    every connection and refuses new ones; ``restore()`` listens on the same port."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.port = None
        self.sockets = []
        self.listener = None

    def restore(self):
        self.listener = socket.create_server(("127.0.0.1", self.port or 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        for sock in [self.listener, *self.sockets]:
            hang_up(sock)
            sock.close()
        self.sockets = []

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            self.sockets += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        with contextlib.suppress(OSError):  # the proxy was cut
            while data := source.recv(65536):
                target.sendall(data)
        hang_up(source)
        hang_up(target)


def hang_up(sock):
    with contextlib.suppress(OSError):  # already hung up
        sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def proxy():
    """The default connection, reconnected through a proxy to its own server."""
    settings = connection.settings_dict
    original = settings["HOST"], settings["PORT"]
    proxy = Proxy((settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)))
    proxy.restore()
    connection.close()
    settings["HOST"], settings["PORT"] = "127.0.0.1", proxy.port
    yield proxy
    connection.close()
    settings["HOST"], settings["PORT"] = original
    proxy.cut()


class ServerLikeClient(Client):
    """The test client, retiring broken connections around each request as a real
    server does (Django's test client leaves ``close_old_connections`` out)."""

    def request(self, **request):
        close_old_connections()
        try:
            return super().request(**request)
        finally:
            close_old_connections()


@pytest.fixture
def reader(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_CHECK = 0  # look for the database on every request
    return ServerLikeClient(raise_request_exception=False)


def answered_at_once(reader, path):
    """The answer to ``path``, checked to come at once: under a second of work (CPU
    time of this process, which a busy box does not stretch), and no wait waited out
    (wall-clock time under half the page cache's 20 s wait for a build underway, and
    far over what a box running other suites adds to a request; the cut proxy refuses
    connections at once, so no connection timeout is on the way)."""
    started, cpu_started = time.monotonic(), time.process_time()
    response = reader.get(path)
    assert time.process_time() - cpu_started < 1
    assert time.monotonic() - started < NO_WAIT
    return response


def test_a_lost_database_server_gives_a_503_at_once(proxy, reader, make_post):
    make_post(slug="p")
    proxy.cut()
    response = answered_at_once(reader, "/en/standalone/p/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"


def test_kept_pages_are_served_at_once_while_the_server_is_away(proxy, reader, make_post):
    make_post(slug="p", title="Kept while away")
    kept = reader.get("/en/standalone/p/")
    proxy.cut()
    response = answered_at_once(reader, "/en/standalone/p/")
    assert response.status_code == 200
    assert response.content == kept.content


def test_pages_come_back_by_themselves_when_the_server_does(proxy, reader, make_post):
    make_post(slug="p", title="Back again")
    proxy.cut()
    assert reader.get("/en/").status_code == 503
    proxy.restore()
    response = reader.get("/en/standalone/p/")
    assert response.status_code == 200
    assert "Back again" in response.content.decode()
