"""gunicorn settings for production: ``gunicorn -c config/gunicorn.conf.py``.

Every value can be overridden from the environment so one image serves any box.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads keep slow clients and idle keep-alive connections from holding a whole
# worker; behind a buffering proxy (deploy/nginx.conf) sync workers are a fair choice
# too. The setups measured, and why this one, are in docs/BENCHMARKS.md.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# Workers are recycled every max_requests (a guard against leaks); the application is
# loaded once in the master, so a new worker is a fork that serves at once instead of
# importing Django again on a box whose cores are busy serving (docs/BENCHMARKS.md).
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in ("1", "true", "yes", "on")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# gunicorn's control socket (for gunicornc, gunicorn 25.1 and later) has one path per
# user by default, so a second instance on the box would take over the first one's and
# delete it when it stops: an instance has one only where GUNICORN_CONTROL_SOCKET names
# a path of its own.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
raw_env = [
    f"DJANGO_SETTINGS_MODULE={os.environ.get('DJANGO_SETTINGS_MODULE', 'config.production')}"
]


def post_fork(server, worker):
    from config.memory import return_free_memory_periodically

    return_free_memory_periodically()
