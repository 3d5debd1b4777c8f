from django.apps import AppConfig


class SeriesConfig(AppConfig):
    name = "series"
    verbose_name = "Series"

    def ready(self):
        from blog.rerendering import render_typeset_again, renders_stored_html
        from pagecache.signals import announce_changes_to

        from . import views
        from .models import Series

        announce_changes_to(Series)
        renders_stored_html(Series, ("description_html",), render_typeset_again)
        views.claim_series_sections()
