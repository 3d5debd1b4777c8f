"""Quire settings, read from the environment with defaults that work on a laptop.

Production adds its hardening in ``config.production``; every value an operator
may need to change is an environment variable listed in the README.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("QUIRE_DATA_DIR", BASE_DIR / "data"))


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}")


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from error


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "insecure-development-key-set-SECRET_KEY-in-production"

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_TITLE = os.environ.get("SITE_TITLE", "Quire")
_site_host = urlsplit(SITE_URL).hostname or "localhost"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [_site_host, "127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "config.apps.QuireAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "reversion",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "blog",
    "series",
    "feeds",
    "pagecache",
]

# The page cache first: a hit then costs a lookup and nothing more. It keeps
# whole responses as the middleware below finished them, security headers included
# (and repeats those in its 304s), filed under the deployment that made them.
MIDDLEWARE = [
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.RejectNullBytesMiddleware",
    "config.middleware.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "blog.middleware.PageLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "blog.middleware.HugoPathsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "blog.context_processors.site",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    DATA_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'quire.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that drops packets fails a request in seconds, not minutes
    # (libpq's floor is 2); the reader gets the "back in a moment" page.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 2)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while a writer commits; IMMEDIATE avoids
    # "database is locked" upgrades when two writers meet.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "quire",
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Whole responses, shared by the workers of one box (see PAGE_CACHE_ALIAS).
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "pagecache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }

# Axes first: it refuses a locked-out login before any backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is refused (429) for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_CLIENT_IP_CALLABLE = "blog.addresses.client_ip"
AXES_USERNAME_CALLABLE = "config.throttling.username"
# Proxies in front of Quire that append the address they saw to X-Forwarded-For
# (1 behind deploy/nginx.conf); 0: the peer's address is the client's.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# Django's locales for the interface strings; each blog language names its locale.
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Development and tests serve static files straight from the finders;
# production collects them into STATIC_ROOT (see config.production).
WHITENOISE_USE_FINDERS = True
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("katex", BASE_DIR / "node_modules" / "katex" / "dist"),
    ("editor", BASE_DIR / "build" / "editor"),  # the post editor's bundle (npm run build)
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Let Django serve MEDIA_ROOT itself (one box); turn off when a proxy, a CDN or
# an object store serves media.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media in any S3-compatible object store (pip install "quire[s3]") when a bucket is named.
if os.environ.get("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
    SERVE_MEDIA = False

TAGGIT_CASE_INSENSITIVE = True

# A fresh install's languages, keyed by their URL prefix: they seed the site settings
# on first use, and are edited in the admin from then on (blog.models.site).
# ``language_code`` is what pages and feeds announce (Hugo's languageCode);
# SITE_TITLE_<LANG> (e.g. SITE_TITLE_ZH) gives a language its own first title.
BLOG_LANGUAGES = {
    "en": {"name": "English", "language_code": "en"},
    "zh": {"name": "简体中文", "language_code": "zh-CN"},
}
for _code, _options in BLOG_LANGUAGES.items():
    _options["title"] = os.environ.get(f"SITE_TITLE_{_code.upper()}", "")
BLOG_DEFAULT_LANGUAGE = os.environ.get("BLOG_DEFAULT_LANGUAGE", "en")
if BLOG_DEFAULT_LANGUAGE not in BLOG_LANGUAGES:
    raise ImproperlyConfigured(f"BLOG_DEFAULT_LANGUAGE must be one of {sorted(BLOG_LANGUAGES)}")

BLOG_PAGE_SIZE = env_int("BLOG_PAGE_SIZE", 10)
# Items per feed; 0 means every published item, as the Hugo site does.
FEED_ITEM_LIMIT = env_int("FEED_ITEM_LIMIT", 0)
# Whether RSS items carry the whole post in content:encoded (?full=1 asks for it anyway).
FEED_FULL_TEXT = env_bool("FEED_FULL_TEXT", False)
# How long browsers and CDNs may keep a feed before asking again (seconds).
FEED_MAX_AGE = env_int("FEED_MAX_AGE", 300)
# Public pages and feeds: browsers and shared caches (CDN, nginx) keep them this long
# and may serve them this much longer while fetching a fresh copy.
PAGE_MAX_AGE = env_int("PAGE_MAX_AGE", 60)
STALE_WHILE_REVALIDATE = env_int("STALE_WHILE_REVALIDATE", 60)
# Quire's own cache of whole public responses: in each process's memory (up to
# PAGE_CACHE_PROCESS_BYTES), behind it in a cache the workers share (files under
# DATA_DIR on one box; Redis, shared by every server, when REDIS_URL is set), so
# each response is built once. Any change to the content retires every kept response
# at once; each process looks for one at most every PAGE_CACHE_GENERATION_CHECK seconds.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_PROCESS_BYTES = env_int("PAGE_CACHE_PROCESS_BYTES", 32 * 1024 * 1024)
PAGE_CACHE_ALIAS = "default" if REDIS_URL else "pages"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
PAGE_CACHE_GENERATION_CHECK = 1.0

# Subscriber counts feed readers announce (feeds/subscribers.py): a larger report is not
# believed, and one client address writes at most so many counts a day.
FEED_SUBSCRIBERS_MAX_REPORT = env_int("FEED_SUBSCRIBERS_MAX_REPORT", 100_000)
FEED_SUBSCRIBERS_ROWS_PER_ADDRESS = env_int("FEED_SUBSCRIBERS_ROWS_PER_ADDRESS", 30)

# How long a draft's share link works (seconds; a week by default).
SHARE_LINK_MAX_AGE = env_int("SHARE_LINK_MAX_AGE", 7 * 24 * 3600)
# Largest image an author may upload in the editor (bytes).
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# The largest request bodies (bytes), refused with 413 from their Content-Length before
# anything reads them: anyone's (a login form), staff's (the admin's forms), and staff's
# to the views named here (the editor's image upload: an image and its multipart wrapping).
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 64 * 1024)
ADMIN_REQUEST_BODY_MAX_BYTES = env_int("ADMIN_REQUEST_BODY_MAX_BYTES", 5 * 1024 * 1024)
REQUEST_BODY_MAX_BYTES_BY_VIEW = {
    "admin:blog_post_upload_image": IMAGE_UPLOAD_MAX_BYTES + 64 * 1024,
}

# Headers every response carries (HSTS and secure cookies: see config.production).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Powerful browser features the site never uses are off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Everything the public pages load comes from this site: no inline script or style.
# Images may come from elsewhere (posts link images on other hosts). The admin
# keeps Django's defaults.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "https:", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# A WebSub hub that feeds declare and that is pinged when they change; empty: none.
WEBSUB_HUB_URL = os.environ.get("WEBSUB_HUB_URL", "")
# A ping the hub could not take is tried again after this many seconds, then twice
# as long each time, up to the maximum, until the hub takes it.
WEBSUB_RETRY_DELAY = env_int("WEBSUB_RETRY_DELAY", 30)
WEBSUB_RETRY_MAX_DELAY = env_int("WEBSUB_RETRY_MAX_DELAY", 3600)

# Review notifications (a draft ready for review, changes requested, published) go
# through SMTP when EMAIL_HOST names a server; otherwise they are printed to the log.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "quire@localhost")

# Background work (WebSub pings) queues in the database; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Lockouts, not every failed attempt nor axes' greeting at startup.
    "loggers": {"axes": {"level": "WARNING"}},
}
