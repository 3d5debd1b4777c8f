"""Revisions of a post: compare any two, restore one (after a confirmation)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.timezone import localtime
from django.views.decorators.http import require_http_methods
from reversion.models import Version

from ..models import Post
from .diffs import VIEWS, body_diff
from .versions import RestorePlan, changes_between


def _post(request, model_admin, object_id, permission):
    """The post, if this user may see it in the admin at all (else 404) and ``permission``
    holds for it (else 403)."""
    post = model_admin.get_object(request, unquote(object_id))
    if post is None:
        raise Http404
    if not permission(request, post):
        raise PermissionDenied
    return post


def _version(post, version_id):
    try:
        return (
            Version.objects.get_for_object(post)
            .select_related("revision__user")
            .get(pk=int(version_id))
        )
    except (TypeError, ValueError, Version.DoesNotExist):
        raise Http404 from None


def compare(request, model_admin, object_id):
    post = _post(request, model_admin, object_id, model_admin.has_view_or_change_permission)
    older = _version(post, request.GET.get("a"))
    newer = _version(post, request.GET.get("b"))
    if older.revision.date_created > newer.revision.date_created:
        older, newer = newer, older
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "side"
    return render(
        request,
        "admin/blog/post/compare.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": Post._meta,
            "original": post,
            "title": f"Compare versions of “{post}”",
            "older": older,
            "newer": newer,
            "changes": changes_between(older, newer),
            "body_diff": body_diff(
                older.field_dict["body"],
                newer.field_dict["body"],
                f"the version of {localtime(older.revision.date_created):%Y-%m-%d %H:%M}",
                f"the version of {localtime(newer.revision.date_created):%Y-%m-%d %H:%M}",
                view,
            ),
            "views": VIEWS,
            "view": view,
            "body_changed": older.field_dict["body"] != newer.field_dict["body"],
            "can_restore": model_admin.has_change_permission(request, post),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def restore(request, model_admin, object_id, version_id):
    """GET: what restoring the version would change. POST: restore it.

    The content comes back; the status and dates stay unless someone who may publish
    ticks the option to bring them back too. The POST carries the post's ``saved_at``
    from the confirmation: if the post was saved since, the confirmation is shown
    again with what restoring would change now.
    """
    post = _post(request, model_admin, object_id, model_admin.has_change_permission)
    version = _version(post, version_id)
    plan = RestorePlan(post, version)
    may_publish = model_admin.can_publish(request)
    with_publication = may_publish and request.POST.get("publication") == "on"
    problems = plan.problems(with_publication)
    stale = request.method == "POST" and request.POST.get("version") != post.saved_at.isoformat()
    if request.method == "POST" and not stale and not problems:
        plan.apply(request.user, with_publication)
        when = f"{version.revision.date_created:%Y-%m-%d %H:%M:%S}"
        messages.success(request, f"Restored the version of {when}.")
        return redirect(reverse("admin:blog_post_change", args=[post.pk]))
    return render(
        request,
        "admin/blog/post/restore.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": Post._meta,
            "original": post,
            "version": version,
            "title": f"Restore an older version of “{post}”",
            "content_changes": plan.content_changes(),
            "body_diff": body_diff(
                post.body, version.field_dict["body"], "the post now", "the restored version"
            ),
            "publication_changes": plan.publication_changes(),
            "may_publish": may_publish,
            "problems": problems,
            "stale": stale,
        },
    )
