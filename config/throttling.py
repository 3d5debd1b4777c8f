"""Who a login attempt comes from, as django-axes records it to throttle logins."""

import ipaddress

from django.conf import settings

# Axes keeps usernames in a column of this many characters.
USERNAME_LENGTH = 255


def client_ip(request):
    """The client's address: behind ``TRUSTED_PROXY_COUNT`` proxies that each append the
    address they saw to X-Forwarded-For, the entry that many from the right. Entries
    further left are whatever the client claimed, so a client cannot pick its address;
    anything that is not an address falls back to the peer's."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if proxies and len(forwarded) >= proxies:
        try:
            return str(ipaddress.ip_address(forwarded[-proxies].strip()))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR")


def username(request, credentials):
    """The username tried, cut to what axes can store: Django's login form does not
    limit its length, and no account has a longer one."""
    tried = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if tried is None:
        tried = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return tried[:USERNAME_LENGTH] if tried else tried
