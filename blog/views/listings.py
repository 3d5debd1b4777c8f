from django.shortcuts import get_object_or_404, redirect
from django.views.generic import ListView

from pagecache.policy import PAGE_NUMBER

from ..models import Post, Section, default_section_title
from ..taxonomies import TAXONOMIES
from ..term_cloud import term_cloud
from .claims import claimant
from .mixins import HugoPaginationMixin, PageMixin


class HomeView(PageMixin, HugoPaginationMixin, ListView):
    template_name = "blog/home.html"
    cache_query = {"page": PAGE_NUMBER}  # ListView's ?page=, besides Hugo's /page/<n>/
    context_object_name = "posts"
    url_name = "blog:home"
    nav = "home"
    in_every_language = True

    def get_queryset(self):
        lang = self.kwargs["lang"]
        return Post.objects.published().in_language(lang).newest_first().for_listing()


class SectionView(PageMixin, HugoPaginationMixin, ListView):
    """A content section, newest first; a section that is a series shows the series."""

    template_name = "blog/section.html"
    context_object_name = "posts"
    url_name = "blog:section"
    allow_empty = False
    cache_query = {"page": PAGE_NUMBER}

    def get(self, request, *args, **kwargs):
        lang, section = kwargs["lang"], kwargs["section"]
        shown_by = claimant(lang, section)
        if shown_by is not None:
            if "page" in kwargs or "page" in request.GET:
                # A series is one page; Hugo's paginated section pages lead to it.
                return redirect(self.page_url(1), permanent=True)
            return shown_by(request, lang=lang, slug=section)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Post.objects.published()
            .in_language(self.kwargs["lang"])
            .filter(section=self.kwargs["section"])
            .newest_first()
            .for_listing()
        )

    def get_context_data(self, **kwargs):
        slug = self.kwargs["section"]
        intro = Section.objects.filter(language=self.kwargs["lang"], slug=slug).first()
        return super().get_context_data(
            section=slug,
            section_title=intro.title if intro else default_section_title(slug),
            section_intro=intro,
            **kwargs,
        )


class TermIndexView(PageMixin, ListView):
    """Every term of a taxonomy that has public posts in this language, with counts."""

    template_name = "blog/term_index.html"
    context_object_name = "terms"
    taxonomy = None
    in_every_language = True

    @property
    def nav(self):
        return self.taxonomy

    def get_queryset(self):
        return TAXONOMIES[self.taxonomy].terms_with_counts(self.kwargs["lang"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            taxonomy=TAXONOMIES[self.taxonomy], **term_cloud(self.object_list), **kwargs
        )


class TermDetailView(PageMixin, HugoPaginationMixin, ListView):
    """The public posts of one term, newest first; a term with none is a 404."""

    template_name = "blog/term_detail.html"
    context_object_name = "posts"
    allow_empty = False
    taxonomy = None
    cache_query = {"page": PAGE_NUMBER}

    @property
    def nav(self):
        return self.taxonomy

    @property
    def url_name(self):
        return TAXONOMIES[self.taxonomy].url_name

    def get_queryset(self):
        taxonomy = TAXONOMIES[self.taxonomy]
        self.term = get_object_or_404(taxonomy.model, slug=self.kwargs["term"])
        self.term_posts = taxonomy.term_posts(self.kwargs["lang"], self.term)
        return self.term_posts.newest_first().for_listing()

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        paginator.count = self.term_posts.count()
        return paginator

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            taxonomy=TAXONOMIES[self.taxonomy], term=self.term, **kwargs
        )
