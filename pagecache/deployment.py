"""What shapes a kept response besides the content: the deployment serving it.

Responses are kept whole, headers included, and the shared tier (Redis) outlives a
restart and may be shared with other sites. A new deployment may send other security
headers or name other hashed static files in its pages, and another database holds
other content under generation numbers of its own, so each files its responses apart.
"""

import hashlib

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage

HEADER_SETTINGS = (
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "PAGE_MAX_AGE",
    "FEED_MAX_AGE",
    "STALE_WHILE_REVALIDATE",
)


def deployment_fingerprint():
    """A short digest of the database's address, the header settings and the static
    files' manifest."""
    database = settings.DATABASES["default"]
    digest = hashlib.sha256()
    for part in ("ENGINE", "HOST", "PORT", "NAME"):
        digest.update(repr(database.get(part)).encode())
    for name in HEADER_SETTINGS:
        digest.update(repr(getattr(settings, name, None)).encode())
    digest.update(str(getattr(staticfiles_storage, "manifest_hash", "")).encode())
    return digest.hexdigest()[:12]
