"""Share links: a signed, expiring address for reading an unpublished post."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .languages import absolute_url

SALT = "quire.share-link"


def share_token(post):
    return signing.dumps({"post": post.pk, "version": post.share_version}, salt=SALT)


def share_url(post):
    return absolute_url(reverse("blog:shared-draft", kwargs={"token": share_token(post)}))


def shared_post(token, queryset):
    """The post a token opens, or None: tampered, expired or revoked tokens open nothing."""
    try:
        claim = signing.loads(token, salt=SALT, max_age=settings.SHARE_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(claim, dict):
        return None
    return queryset.filter(pk=claim.get("post"), share_version=claim.get("version")).first()
