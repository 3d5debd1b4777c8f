"""Pages that are not posts (``blog.models.Page``), served at their Hugo address."""

from itertools import groupby

from django.utils.timezone import localtime
from django.views.generic import DetailView

from ..context_processors import language_context
from ..models import Page, Post
from .mixins import PageMixin

ARCHIVE_FIELDS = ("title", "language", "section", "slug", "path", "published_at")


class PageView(PageMixin, DetailView):
    """A page at its own ``path``; an archive page lists every public post of its
    language by year and month, in one query whatever their number. The page is the
    one ``HugoPathsMiddleware`` found at the address (``render_page``), not read again."""

    template_name = "blog/page.html"
    context_object_name = "page"
    page = None

    def get_object(self, queryset=None):
        return self.page

    def get_context_data(self, **kwargs):
        page = self.object
        context = super().get_context_data(**language_context(page.language), **kwargs)
        translations = translations_of(page)
        if translations:
            context["alternate_urls"] = {
                other.language: other.path for other in [page, *translations]
            }
        if page.is_archive:
            context["archive"] = archive(page.language)
        return context


def render_page(request, page):
    """The response for ``page`` (see ``HugoPathsMiddleware``)."""
    return PageView.as_view(page=page)(request).render()


def translations_of(page):
    if not page.translation_key:
        return []
    return list(
        Page.objects.served()
        .filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .only("language", "path")
    )


def archive(lang):
    """Every public post of ``lang``, newest first, as ``[(year, [(month, posts)])]``
    by the site's time zone (``month`` is a date in it, for formatting)."""
    posts = Post.objects.published().in_language(lang).newest_first().only(*ARCHIVE_FIELDS)
    years = []
    for year, of_year in groupby(posts, key=lambda post: localtime(post.published_at).year):
        months = []
        for _, of_month in groupby(of_year, key=lambda post: localtime(post.published_at).month):
            of_month = list(of_month)
            months.append((localtime(of_month[0].published_at), of_month))
        years.append((year, months))
    return years
