"""The staff preview of a post readers cannot see yet: "View on site" for a draft."""

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control

from ..models import Post
from ..views.posts import PostDetailView


def view_draft(request, model_admin, object_id):
    """The post's page as readers will see it, for whoever may see the post in the admin
    (an Author: their own); once it is public, its permalink."""
    post = model_admin.get_object(request, unquote(object_id))
    if post is None or not model_admin.has_view_or_change_permission(request, post):
        raise Http404
    if Post.objects.published().filter(pk=post.pk).exists():
        return redirect(post.get_absolute_url())
    page = PostDetailView()
    page.setup(request)
    page.object = post
    response = page.render_to_response(page.get_context_data(object=post, shared_preview=True))
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_store=True)
    return response
