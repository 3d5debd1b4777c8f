from django.contrib.admin.apps import AdminConfig


class QuireAdminConfig(AdminConfig):
    """Django's admin, served by Quire's admin site (``config.admin_site``)."""

    default_site = "config.admin_site.QuireAdminSite"
