"""Who a login attempt comes from, as django-axes records it to throttle logins (its
address: ``blog.addresses.client_ip``)."""

from django.conf import settings

# Axes keeps usernames in a column of this many characters.
USERNAME_LENGTH = 255


def username(request, credentials):
    """The username tried, cut to what axes can store: Django's login form does not
    limit its length, and no account has a longer one."""
    tried = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if tried is None:
        tried = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return tried[:USERNAME_LENGTH] if tried else tried
