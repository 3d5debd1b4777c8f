"""Settings, production hardening, and the container files staying true to the code."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_SOURCES = [ROOT / "config" / "settings.py", ROOT / "config" / "production.py"]


TEST_ONLY_VARIABLES = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*arguments, **environment):
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY_VARIABLES}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(**environment):
    return {
        "DJANGO_SETTINGS_MODULE": "config.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SITE_URL": "https://blog.example.com",
        **environment,
    }


def environment_names_read_by_settings():
    """Upper-case string literals in the configuration: the variables it can read."""
    sources = [*SETTINGS_SOURCES, ROOT / "config" / "gunicorn.conf.py"]
    return set(re.findall(r"[\"']([A-Z][A-Z0-9_]+)[\"']", "".join(p.read_text() for p in sources)))


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **production())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


PRODUCTION_RESPONSE = """
import json
from django.conf import settings
from django.test import Client
response = Client().get("/robots.txt", secure=True, headers={"host": "blog.example.com"})
flags = ("SECURE", "HTTPONLY", "SAMESITE")
cookies = {
    name: [getattr(settings, f"{name}_COOKIE_{flag}") for flag in flags]
    for name in ("SESSION", "CSRF")
}
print(json.dumps({"headers": dict(response.items()), "cookies": cookies}))
"""


def production_response():
    """Headers of a production answer, and the flags its cookies would carry."""
    result = manage(
        "shell", "--no-imports", "-c", PRODUCTION_RESPONSE, **production(PAGE_CACHE_ENABLED="false")
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_answers_carry_hsts_with_preload():
    hsts = production_response()["headers"]["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"


def test_production_answers_carry_the_security_headers():
    headers = production_response()["headers"]
    for name in ("Content-Security-Policy", "Permissions-Policy", "Referrer-Policy"):
        assert name in headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_production_cookies_are_secure_http_only_and_same_site():
    assert production_response()["cookies"] == {
        "SESSION": [True, True, "Lax"],
        "CSRF": [True, True, "Lax"],
    }


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **production(SECRET_KEY=""))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_database_url_selects_the_database():
    script = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = manage(
        "shell", "--no-imports", "-c", script, DATABASE_URL="postgres://u@127.0.0.1:5432/x"
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_the_default_database_is_sqlite_in_wal_mode(tmp_path):
    script = (
        "from django.db import connection; c = connection.cursor();"
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env={**env, "QUIRE_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "wal", result.stderr


def test_a_malformed_boolean_is_a_clear_error():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


@pytest.fixture
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_sets_only_variables_the_code_reads(compose):
    read = environment_names_read_by_settings()
    for name in ("postgres", "redis", "nginx"):
        compose["services"].pop(name)
    for service in compose["services"].values():
        for variable in service.get("environment", {}):
            assert variable in read, f"{variable} is set in docker-compose.yml but never read"


def test_compose_has_the_services_the_readme_promises(compose):
    services = compose["services"]
    assert "healthcheck" in services["postgres"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--no-input"]
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_the_worker_runs_the_database_task_worker(compose):
    command = compose["services"]["worker"]["command"]
    assert command[:2] == ["python", "manage.py"]
    assert manage("help", command[2]).returncode == 0
    assert compose["services"]["worker"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )


def test_the_web_command_uses_the_gunicorn_configuration_in_the_repository(compose):
    command = compose["services"]["web"]["command"]
    config = command[command.index("-c") + 1]
    assert (ROOT / config).is_file()
    assert 'CMD ["gunicorn", "-c", "config/gunicorn.conf.py"]' in (ROOT / "Dockerfile").read_text()


def test_the_gunicorn_configuration_points_at_the_wsgi_application():
    namespace = {}
    exec((ROOT / "config" / "gunicorn.conf.py").read_text(), namespace)
    module, attribute = namespace["wsgi_app"].split(":")
    assert (ROOT / (module.replace(".", "/") + ".py")).read_text().count(attribute) >= 1
    assert namespace["workers"] >= 1


def gunicorn_settings(monkeypatch, **environment):
    """config/gunicorn.conf.py as gunicorn itself loads it, names it does not know left out."""
    from gunicorn.app.base import Application

    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    class ConfigurationFile(Application):
        def load_config(self):
            self.load_config_from_file(str(ROOT / "config" / "gunicorn.conf.py"))

    return ConfigurationFile().cfg


def test_gunicorn_instances_share_no_control_socket(monkeypatch):
    assert gunicorn_settings(monkeypatch).control_socket_disable is True


def test_a_gunicorn_instance_can_have_a_control_socket_of_its_own(monkeypatch, tmp_path):
    path = str(tmp_path / "quire.ctl")
    settings = gunicorn_settings(monkeypatch, GUNICORN_CONTROL_SOCKET=path)
    assert settings.control_socket_disable is False
    assert settings.control_socket == path


def test_an_s3_bucket_moves_media_to_object_storage():
    script = (
        "from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND'], settings.SERVE_MEDIA)"
    )
    result = manage(
        "shell", "--no-imports", "-c", script, S3_BUCKET="blog-media", S3_ENDPOINT_URL="http://s3"
    )
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "False"]


MEDIA_ROUTE = (
    "from django.urls import Resolver404, resolve\n"
    "try:\n"
    "    print(resolve('/media/post/figure.png').func.__name__)\n"
    "except Resolver404:\n"
    "    print('unrouted')"
)


def test_production_leaves_media_to_the_front():
    result = manage("shell", "--no-imports", "-c", MEDIA_ROUTE, **production())
    assert result.stdout.split() == ["unrouted"]


def test_production_serves_media_itself_when_told_to():
    result = manage("shell", "--no-imports", "-c", MEDIA_ROUTE, **production(SERVE_MEDIA="true"))
    assert result.stdout.split() == ["media"]


def test_the_laptop_default_serves_media_through_the_safe_view():
    result = manage("shell", "--no-imports", "-c", MEDIA_ROUTE)
    assert result.stdout.split() == ["media"]


NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def nginx_locations():
    """deploy/nginx.conf's directives by location ("" for the server's own)."""
    blocks, current = {"": {}}, ""
    for line in NGINX_CONF.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if match := re.fullmatch(r"location (\S+) \{", line):
            current = match.group(1)
            blocks[current] = {}
        elif line == "}":
            current = ""
        elif line.endswith(";"):
            name, _, value = line[:-1].partition(" ")
            blocks[current][name] = value.strip()
    return blocks


def nginx_size(value):
    return int(value[:-1]) * {"k": 1024, "m": 1024 * 1024}[value[-1]]


def test_gunicorn_is_published_on_no_port_and_nginx_is_the_public_entry(compose):
    services = compose["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"nginx"}
    assert sorted(services["nginx"]["ports"]) == ["443:443", "80:80"]
    assert services["web"]["expose"] == ["8000"]


def test_nginx_reaches_gunicorn_where_it_listens(compose):
    host, port = compose["services"]["nginx"]["environment"]["QUIRE_UPSTREAM"].split(":")
    assert compose["services"][host]["command"][0] == "gunicorn"
    namespace = {}
    exec((ROOT / "config" / "gunicorn.conf.py").read_text(), namespace)
    assert namespace["bind"].rsplit(":", 1)[1] == port
    assert port in compose["services"][host]["expose"]
    assert "server ${QUIRE_UPSTREAM};" in NGINX_CONF.read_text()


def test_nginx_is_given_each_variable_its_template_uses_and_no_other(compose):
    used = set(re.findall(r"\$\{([A-Z_]+)\}", NGINX_CONF.read_text()))
    assert set(compose["services"]["nginx"]["environment"]) == used


def test_quire_behind_nginx_trusts_exactly_that_one_proxy(compose):
    assert compose["services"]["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"


def test_redis_is_bounded_and_evicts_the_least_recently_used(compose):
    command = compose["services"]["redis"]["command"]
    assert re.fullmatch(r"\d+mb", command[command.index("--maxmemory") + 1])
    assert command[command.index("--maxmemory-policy") + 1] == "allkeys-lru"


def test_nginx_serves_static_files_from_its_image_and_media_from_the_web_volume(compose):
    dockerfile = (ROOT / "Dockerfile").read_text()
    static_root = re.search(r"STATIC_ROOT=(\S+)", dockerfile).group(1)
    static_alias = nginx_locations()["/static/"]["alias"]
    assert f"COPY --from=app {static_root} {static_alias.rstrip('/')}" in dockerfile
    assert "COPY deploy/nginx.conf /etc/nginx/templates/" in dockerfile
    assert compose["services"]["nginx"]["build"]["target"] == "front"
    media_alias = nginx_locations()["/media/"]["alias"].rstrip("/")
    web_volume = next(v for v in compose["services"]["web"]["volumes"] if v.startswith("media:"))
    assert f"media:{media_alias}:ro" in compose["services"]["nginx"]["volumes"]
    assert web_volume == f"media:{compose['x-quire-environment']['MEDIA_ROOT']}"


def test_nginx_refuses_request_bodies_as_quire_does():
    from django.conf import settings

    locations = nginx_locations()
    assert nginx_size(locations[""]["client_max_body_size"]) == settings.REQUEST_BODY_MAX_BYTES
    admin = nginx_size(locations["/admin/"]["client_max_body_size"])
    assert admin >= max(settings.REQUEST_BODY_MAX_BYTES_BY_VIEW.values())
    assert admin >= settings.ADMIN_REQUEST_BODY_MAX_BYTES
