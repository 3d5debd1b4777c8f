import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.db import transaction
from django.db.models import F
from django.forms.widgets import Script
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.models import Version

from .. import notifications
from ..models import Alias, CategorizedPost, Post, TaggedPost
from ..sharing import share_url
from . import drafts, editor, fieldhelp, history
from .forms import PostAdminForm

CONTENT_FIELDS = {"title", "body", "summary", "description", "tags", "categories"}
SCHEDULE_FIELDS = ("status", "published_at", "embargoed_until", "expires_at")
STATE_LABELS = {  # by Post.visibility().state; "scheduled" names its date
    "draft": "✎ Draft",
    "expired": "⊘ Expired",
    "embargoed": "⏲ Embargoed",
    "published": "✓ Published",
}

# Every save of a post keeps a revision of it with its terms and old addresses.
reversion.register(TaggedPost)
reversion.register(CategorizedPost)
reversion.register(Alias)
reversion.register(Post, follow=["taggedpost_set", "categorizedpost_set", "aliases"])


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0
    verbose_name = "old address (answers 301)"
    verbose_name_plural = "old addresses (each answers 301 to this post)"


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "Ready for review"),
            ("changes", "Changes requested"),
            ("scheduled", "Scheduled"),
            ("public", "Published"),
            ("hidden", "Expired or embargoed"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        public = Post.objects.published()
        published = queryset.filter(status=Post.Status.PUBLISHED)
        return {
            "draft": queryset.filter(status=Post.Status.DRAFT),
            "review": queryset.ready_for_review(),
            "changes": queryset.filter(status=Post.Status.DRAFT, ready_for_review=False).exclude(
                review_note=""
            ),
            "scheduled": published.filter(published_at__gt=now),
            "public": queryset.filter(pk__in=public),
            "hidden": published.filter(published_at__lte=now).exclude(pk__in=public),
        }.get(self.value(), queryset)


class PostChangeList(ChangeList):
    """The post list, reading none of the text columns it never shows: the bodies and
    their rendered HTML are most of what a page of posts would read (docs/BENCHMARKS.md).
    Actions still get whole posts (they query afresh)."""

    UNSHOWN = (
        "body",
        "body_html",
        "typeset_body_html",
        "body_text",
        "toc_html",
        "summary_html",
        "typeset_summary_html",
        "summary",
    )

    def get_results(self, request):
        self.queryset = self.queryset.defer(*self.UNSHOWN)
        super().get_results(request)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    """Posts, with a revision for every save. Not django-reversion's ``VersionAdmin``:
    its history, revert and recover views revert before they check a permission and
    answer every staff user; Quire's own history, compare and restore views (with
    this admin's permission rules) are the only ones exposed."""

    form = PostAdminForm
    list_display = (
        "title",
        "state",
        "published_at",
        "language",
        "section",
        "series",
        "series_order",
        "author",
        "updated_at",
    )
    list_filter = (StateFilter, "status", "language", "series", "tags", "categories")
    list_select_related = ("series", "author")
    search_fields = ("title", "slug", "body")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("series",)
    readonly_fields = ("share_link", "body_html", "summary_html", "saved_at")
    inlines = (AliasInline,)
    actions = ("publish_now", "unpublish", "revoke_share_links")
    object_history_template = "admin/blog/post/object_history.html"
    fieldsets = (
        (None, {"fields": ("title", "body", "tags", "categories", "version")}),
        ("Review", {"fields": ("ready_for_review", "review_note")}),
        (
            "Publishing",
            {
                "fields": (
                    "status",
                    "published_at",
                    "share_link",
                    "updated_at",
                    "language",
                    "section",
                    "slug",
                )
            },
        ),
        ("Series", {"fields": ("series", "series_order")}),
        (
            "Summary and metadata",
            {
                "classes": ("collapse",),
                "fields": (
                    "summary",
                    "description",
                    "translation_key",
                    "author",
                    "path",
                    "embargoed_until",
                    "expires_at",
                ),
            },
        ),
        (
            "Rendered (read-only)",
            {"classes": ("collapse",), "fields": ("body_html", "summary_html", "saved_at")},
        ),
    )

    def get_changelist(self, request, **kwargs):
        return PostChangeList

    class Media:
        # The editor's bundle (built from assets/editor/ by `npm run build`).
        css = {"all": ["admin/quire-editor.css", "admin/quire-diff.css"]}
        js = [Script("editor/quire-editor.js", type="module")]

    # Who may do what: an Author writes their own drafts; an Editor publishes and
    # edits everything. Enforced on querysets, objects, fields and actions.

    @staticmethod
    def can_publish(request):
        return request.user.has_perm("blog.publish_post")

    @staticmethod
    def can_edit_others(request):
        return request.user.has_perm("blog.edit_others_posts")

    def has_publish_permission(self, request):
        return self.can_publish(request)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not self.can_edit_others(request):
            queryset = queryset.filter(author=request.user)
        return queryset

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        if not self.can_edit_others(request) and obj.author_id != request.user.pk:
            return False
        return self.can_publish(request) or obj.status == Post.Status.DRAFT

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or self.has_change_permission(request, obj)
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            fields += SCHEDULE_FIELDS
        if not self.can_edit_others(request):
            fields.append("author")
        if not self.can_publish(request):
            fields.append("review_note")
        return fields

    def get_view_on_site_url(self, obj=None):
        """A post readers cannot see yet opens in the staff preview, not a 404."""
        if obj is not None and not Post.objects.published().filter(pk=obj.pk).exists():
            return reverse("admin:blog_post_draft", args=[obj.pk])
        return super().get_view_on_site_url(obj)

    # Every save through the admin keeps a revision: who, when and what changed.

    def add_view(self, request, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().change_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message())
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message())
        return entry

    def save_model(self, request, obj, form, change):
        if not obj.author_id:
            obj.author = request.user
        if not self.can_publish(request):
            obj.status = Post.Status.DRAFT
        edited_content = CONTENT_FIELDS & set(form.changed_data)
        if change and edited_content and "updated_at" not in form.changed_data:
            obj.updated_at = timezone.now()
        notify = self._review_step(obj, form, change)
        self._report_near_duplicate_terms(request, form)
        super().save_model(request, obj, form, change)
        self._report_math_errors(request, obj)
        if notify is not None:
            self._notify_once_committed(request, notify, obj)

    @staticmethod
    def _review_step(post, form, change):
        """Where this save takes the post's review, and whom it tells (or None).

        Publishing ends the review; a new note from an Editor hands the draft back to
        its author; ticking "ready for review" hands it to the Editors."""
        changed = set(form.changed_data)
        if post.status == Post.Status.PUBLISHED:
            if change and "status" not in changed:
                return None
            post.ready_for_review, post.review_note = False, ""
            return notifications.published
        if "review_note" in changed and post.review_note:
            post.ready_for_review = False
            return notifications.changes_requested
        if "ready_for_review" in changed and post.ready_for_review:
            return notifications.submitted_for_review
        return None

    def _notify_once_committed(self, request, notify, post):
        """Send ``notify``'s mail once the save is committed: a save that rolls back
        sends none, and a slow mail server holds no transaction open."""

        def send():
            if not notify(post, request.user):
                self._report_unsent_mail(request)

        transaction.on_commit(send)

    def _report_unsent_mail(self, request):
        self.message_user(
            request,
            "Saved, but the notification email could not be sent (the mail server "
            "refused it or did not answer); tell them yourself.",
            messages.WARNING,
        )

    def _report_near_duplicate_terms(self, request, form):
        """A new term that looks like one in use ("Derivation" beside "Derivations") is
        kept, and the author told which existing term they may have meant."""
        for kind, term in (("tags", "tag"), ("categories", "category")):
            if kind not in form.changed_data:
                continue
            for name, similar in fieldhelp.new_term_hints(kind, form.cleaned_data[kind]).items():
                self.message_user(
                    request,
                    f"New {term} “{name}” looks like "
                    f"{', '.join(f'“{other}”' for other in similar)}, already in use: "
                    "if you meant that, change it and save again.",
                    messages.WARNING,
                )

    def save_related(self, request, form, formsets, change):
        """The revision keeps the post's terms as saved, numbered in their order: their
        rows were recorded as the post was saved or each was added, before that."""
        super().save_related(request, form, formsets, change)
        if reversion.is_active():
            post = form.instance
            for row in (*post.taggedpost_set.all(), *post.categorizedpost_set.all()):
                reversion.add_to_revision(row)

    def _report_math_errors(self, request, post):
        """Broken TeX does not stop a save (imported posts have some): the author is
        told where it is; the page shows it as TeX, marked, until it is fixed."""
        if post.math_errors:
            listed = "; ".join(str(error) for error in post.math_errors)
            self.message_user(
                request,
                f"Saved, but KaTeX could not typeset {len(post.math_errors)} formula(s), "
                f"shown as TeX on the page until fixed — {listed}",
                messages.WARNING,
            )

    # The list

    @admin.display(description="state", ordering="status")
    def state(self, post):
        state = post.visibility().state
        if state == "draft" and post.ready_for_review:
            return "☑ Ready for review"
        if state == "draft" and post.review_note:
            return "✎ Changes requested"
        if state == "scheduled":
            return f"⏲ Scheduled for {timezone.localtime(post.published_at):%Y-%m-%d %H:%M}"
        return STATE_LABELS[state]

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        for post in queryset:
            post.status = Post.Status.PUBLISHED
            if post.published_at is None or post.published_at > now:
                post.published_at = now
            post.ready_for_review, post.review_note = False, ""
            self._save_with_revision(request, post, "Published.")
            self._notify_once_committed(request, notifications.published, post)
        self.message_user(request, f"{len(queryset)} post(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        for post in queryset:
            post.status = Post.Status.DRAFT
            self._save_with_revision(request, post, "Unpublished.")
        self.message_user(request, f"{len(queryset)} post(s) back to draft.", messages.SUCCESS)

    @staticmethod
    def _save_with_revision(request, post, comment):
        with reversion.create_revision():
            post.save()
            reversion.set_user(request.user)
            reversion.set_comment(comment)

    @admin.action(description="Revoke share links", permissions=["change"])
    def revoke_share_links(self, request, queryset):
        queryset.update(share_version=F("share_version") + 1)
        self.message_user(request, "Their share links no longer open them.", messages.SUCCESS)

    @admin.display(description="share link")
    def share_link(self, post):
        if post.pk is None:
            return "Save the post first."
        if Post.objects.published().filter(pk=post.pk).exists():
            return "Published: share its address."
        url = share_url(post)
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a><br>'
            "Anyone with this link can read the draft, without logging in, for a week "
            "(or until revoked with the “Revoke share links” action).",
            url,
            url,
        )

    # The editor's endpoints and the history views

    def get_urls(self):
        def view(function, *args):
            return self.admin_site.admin_view(lambda request, **kw: function(request, *args, **kw))

        return [
            path("preview/", view(editor.preview, self), name="blog_post_preview"),
            path(
                "preview-frame/", view(editor.preview_frame, self), name="blog_post_preview_frame"
            ),
            path("upload-image/", view(editor.upload_image, self), name="blog_post_upload_image"),
            path("next-part/", view(fieldhelp.next_part, self), name="blog_post_next_part"),
            path("terms/", view(fieldhelp.terms, self), name="blog_post_terms"),
            path("terms/near/", view(fieldhelp.near_terms, self), name="blog_post_near_terms"),
            path("<path:object_id>/draft/", view(drafts.view_draft, self), name="blog_post_draft"),
            path(
                "<path:object_id>/history/compare/",
                view(history.compare, self),
                name="blog_post_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(history.restore, self),
                name="blog_post_restore",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        """Django's history page (its permission checks), listing the post's revisions."""
        post = self.get_object(request, unquote(object_id))
        versions = Version.objects.get_for_object_reference(Post, unquote(object_id))
        context = {
            "versions": versions.select_related("revision__user"),
            "can_restore": post is not None and self.has_change_permission(request, post),
        }
        return super().history_view(request, object_id, {**(extra_context or {}), **context})
