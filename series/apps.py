from django.apps import AppConfig


class SeriesConfig(AppConfig):
    name = "series"
    verbose_name = "Series"

    def ready(self):
        from pagecache.signals import announce_changes_to

        from . import views
        from .models import Series

        announce_changes_to(Series)
        views.claim_series_sections()
