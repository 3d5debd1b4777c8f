from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "feeds"
    verbose_name = "Feeds"

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)
