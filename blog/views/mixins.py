from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from pagecache.policy import PublicPageMixin

from ..languages import language_choices


class PageMixin(PublicPageMixin):
    """What every public page tells the layout: its menu entry, and — for index pages
    that exist in every language — the same page in the other languages. Its
    responses are the same for every reader, and cacheable as such."""

    nav = None
    in_every_language = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nav"] = self.nav
        if self.in_every_language and "page" not in self.kwargs:
            view = self.request.resolver_match.view_name
            context["alternate_urls"] = {
                code: reverse(view, kwargs={**self.kwargs, "lang": code})
                for code, _ in language_choices()
            }
        return context


class HugoPaginationMixin:
    """Pages at ``…/page/<n>/`` as Hugo writes them; ``/page/1/`` is the list itself."""

    url_name = None

    def get_paginate_by(self, queryset):
        return settings.BLOG_PAGE_SIZE

    def page_url(self, number):
        kwargs = {key: value for key, value in self.kwargs.items() if key != "page"}
        if number == 1:
            return reverse(self.url_name, kwargs=kwargs)
        return reverse(f"{self.url_name}-page", kwargs={**kwargs, "page": number})

    def get(self, request, *args, **kwargs):
        if kwargs.get("page") == 1:
            return redirect(self.page_url(1), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None:
            if page.has_previous():
                context["previous_page_url"] = self.page_url(page.previous_page_number())
            if page.has_next():
                context["next_page_url"] = self.page_url(page.next_page_number())
        return context
