from django.shortcuts import redirect
from django.utils import translation

from .languages import locale_of
from .models import Alias, Page, Post, PostFile
from .views import render_page, render_post_page


class PageLanguageMiddleware:
    """Speak the page's language: the interface strings follow the URL's prefix."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefix = request.path_info.strip("/").split("/", 1)[0]
        with translation.override(locale_of(prefix)):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.to_language(locale_of(prefix)))
        return response


class HugoPathsMiddleware:
    """Answers the old site's addresses that Quire's URLconf does not know.

    Only requests that would otherwise be 404s are looked at, so this costs
    nothing on the hot path. In order: a page that is not a post, or a post that
    keeps its own Hugo ``url`` (served in place), an alias of a post (``301``), a
    file of an imported page bundle at its old address (``301``). Each is also
    tried with a trailing slash.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        return self.answer(request, request.path) or response

    def answer(self, request, path):
        candidates = [path] if path.endswith("/") else [path, f"{path}/"]
        page = Page.objects.served().filter(path__in=candidates).order_by("path").first()
        if page is not None:
            if page.path == path:
                return render_page(request, page)
            return redirect(page.path, permanent=True)
        public = Post.objects.published()
        post = public.filter(path__in=candidates).order_by("path").first()
        if post is not None:
            if post.path == path:
                return render_post_page(request, post)
            return redirect(post.get_absolute_url(), permanent=True)
        alias = (
            Alias.objects.filter(path__in=candidates, post__in=public)
            .select_related("post")
            .first()
        )
        if alias is not None:
            return redirect(alias.post.get_absolute_url(), permanent=True)
        moved = PostFile.objects.filter(original_path=path, post__in=public).first()
        if moved is not None:
            return redirect(moved.file.url, permanent=True)
        return None
