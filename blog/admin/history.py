"""Revisions of a post: compare any two, restore one."""

import difflib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from reversion import create_revision, set_comment, set_user
from reversion.models import Version

from ..models import Post

COMPARED_FIELDS = (
    "title",
    "slug",
    "section",
    "language",
    "status",
    "published_at",
    "updated_at",
    "summary",
    "description",
    "series",
    "series_order",
    "translation_key",
    "path",
)


def version_fields(version):
    """A version's fields, with its tags and categories as names."""
    fields = dict(version.field_dict)
    for relation in ("tags", "categories"):
        fields[relation] = ", ".join(sorted(_terms(version, relation)))
    return fields


def _terms(version, relation):
    through = Post._meta.get_field(relation).remote_field.through
    tag_model = through.tag_model()
    ids = [
        v.field_dict["tag_id"]
        for v in version.revision.version_set.all()
        if v._model is through and v.field_dict["content_object_id"] == int(version.object_id)
    ]
    return tag_model.objects.filter(pk__in=ids).values_list("name", flat=True)


def changes_between(older, newer):
    """``(field, before, after)`` for each field that differs, body aside."""
    before, after = version_fields(older), version_fields(newer)
    names = [*COMPARED_FIELDS, "tags", "categories"]
    return [
        (name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    ]


def compare(request, model_admin, object_id):
    post = get_object_or_404(model_admin.get_queryset(request), pk=object_id)
    if not model_admin.has_view_or_change_permission(request, post):
        raise PermissionDenied
    versions = Version.objects.get_for_object(post)
    older = get_object_or_404(versions, pk=request.GET.get("a"))
    newer = get_object_or_404(versions, pk=request.GET.get("b"))
    if older.revision.date_created > newer.revision.date_created:
        older, newer = newer, older
    body = difflib.HtmlDiff(wrapcolumn=80).make_table(
        older.field_dict["body"].splitlines(),
        newer.field_dict["body"].splitlines(),
        f"{older.revision.date_created:%Y-%m-%d %H:%M}",
        f"{newer.revision.date_created:%Y-%m-%d %H:%M}",
        context=True,
    )
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
            "body_diff": mark_safe(body),  # difflib escapes the text it puts in the table
            "body_changed": older.field_dict["body"] != newer.field_dict["body"],
        },
    )


@require_POST
def restore(request, model_admin, object_id, version_id):
    post = get_object_or_404(model_admin.get_queryset(request), pk=object_id)
    if not model_admin.has_change_permission(request, post):
        raise PermissionDenied
    version = get_object_or_404(Version.objects.get_for_object(post), pk=version_id)
    when = f"{version.revision.date_created:%Y-%m-%d %H:%M:%S}"
    with create_revision():
        version.revision.revert(delete=True)
        restored = Post.objects.get(pk=post.pk)
        if not model_admin.can_publish(request):
            restored.status = Post.Status.DRAFT
        restored.save()  # renders again and marks the change for feeds and caches
        set_user(request.user)
        set_comment(f"Restored the version of {when}.")
    messages.success(request, f"Restored the version of {when}.")
    return redirect(reverse("admin:blog_post_change", args=[post.pk]))
