from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)
        from .models import Page, Post, Section
        from .rerendering import (
            POST_FEED_FORMS,
            POST_FORMS,
            reindex_changed_text,
            render_post_again,
            render_typeset_again,
            renders_stored_html,
        )

        renders_stored_html(
            Post,
            POST_FORMS,
            render_post_again,
            feed_fields=POST_FEED_FORMS,
            after_update=reindex_changed_text,
        )
        renders_stored_html(Page, ("body_html",), render_typeset_again)
        renders_stored_html(Section, ("body_html",), render_typeset_again)
