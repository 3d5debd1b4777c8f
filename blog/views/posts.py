import re

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView

from pagecache.policy import PublicPageMixin

from ..context_processors import language_context
from ..models import Post, Section, default_section_title
from ..related import related_posts
from ..sharing import shared_post

FIRST_IMAGE = re.compile(r'<img\b[^>]*\bsrc="([^"]+)"')
LINK_FIELDS = (
    "title",
    "description",
    "language",
    "section",
    "slug",
    "path",
    "published_at",
    "reading_minutes",
    "series_order",
)


class PostDetailView(PublicPageMixin, DetailView):
    """A post at ``/<lang>/<section>/<slug>/``, or at its own Hugo ``path``."""

    template_name = "blog/post_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        intro = Section.objects.filter(language=OuterRef("language"), slug=OuterRef("section"))
        return (
            Post.objects.published()
            .select_related("series")
            .prefetch_related("tags", "categories")
            .annotate(section_title=Subquery(intro.values("title")[:1]))
        )

    def get_object(self, queryset=None):
        if "path" in self.kwargs:
            return get_object_or_404(self.get_queryset(), path=self.kwargs["path"])
        return get_object_or_404(
            self.get_queryset(),
            path="",
            language=self.kwargs["lang"],
            section=self.kwargs["section"],
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        post = self.object
        context = super().get_context_data(**language_context(post.language), **kwargs)
        translations = translations_of(post)
        context.update(
            translations=translations,
            related_posts=related_posts(post, LINK_FIELDS),
            cover_image=first_image(post.body_html),
            # Annotated by get_queryset; a shared draft is fetched without it.
            section_title=getattr(post, "section_title", None)
            or default_section_title(post.section),
        )
        if translations:
            context["alternate_urls"] = {
                other.language: other.get_absolute_url() for other in [post, *translations]
            }
        if post.series is not None:
            context.update(series_navigation(post))
        return context


class SharedDraftView(PostDetailView):
    """``/preview/<token>/``: an unpublished post for whoever holds its share link.

    Never indexed, never cached; a tampered, expired or revoked token is a 404, and a
    post that has been published since leads to its permalink.
    """

    def get(self, request, *args, **kwargs):
        post = shared_post(kwargs["token"], Post.objects.all())
        if post is None:
            raise Http404("This share link does not open anything (any more).")
        if Post.objects.published().filter(pk=post.pk).exists():
            return redirect(post.get_absolute_url())
        self.object = post
        response = self.render_to_response(self.get_context_data(object=post, shared_preview=True))
        response["X-Robots-Tag"] = "noindex, nofollow"
        patch_cache_control(response, private=True, no_store=True)
        return response


def render_post_page(request, post):
    """The page of a post that lives at its own path (see ``HugoPathsMiddleware``)."""
    return PostDetailView.as_view()(request, path=post.path).render()


def translations_of(post):
    if not post.translation_key:
        return []
    return list(
        Post.objects.published()
        .filter(translation_key=post.translation_key)
        .exclude(pk=post.pk)
        .only(*LINK_FIELDS)
    )


def series_navigation(post):
    """The series box of a post: its parts, its number, and its neighbours (a shared
    draft is not among the public parts yet: it gets the box without a place in it).
    Its number is the author's (``series_order``), out of the highest one."""
    parts = list(post.series.published_parts().only(*LINK_FIELDS))
    index = next((i for i, part in enumerate(parts) if part.pk == post.pk), None)
    if index is None:
        return {"series_parts": parts}
    return {
        "series_parts": parts,
        "part_number": post.series_order,
        "series_size": post.series.numbered_size(parts),
        "previous_part": parts[index - 1] if index > 0 else None,
        "next_part": parts[index + 1] if index + 1 < len(parts) else None,
    }


def first_image(body_html):
    match = FIRST_IMAGE.search(body_html)
    return match[1] if match else ""
