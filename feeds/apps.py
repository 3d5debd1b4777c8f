from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "feeds"
    verbose_name = "Feeds"

    def ready(self):
        from pagecache.policy import always_reach_view

        from . import signals  # noqa: F401 (connects the receivers)
        from .subscribers import COUNT

        # Feed readers that announce their subscribers always reach the feed view,
        # which counts them.
        always_reach_view(COUNT)
