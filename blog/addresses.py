"""Who a request comes from: the address login throttling and subscriber counts use."""

import ipaddress

from django.conf import settings


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
