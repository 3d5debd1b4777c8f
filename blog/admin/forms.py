from django import forms
from django.utils.html import format_html
from reversion.models import Version

from ..models import Post
from ..rendering.validation import broken_images, unbalanced_math
from ..term_input import OrderedTermsField
from .diffs import body_diff


class PostAdminForm(forms.ModelForm):
    """Checks what an author would otherwise only see broken on the page, and refuses
    to save over a version someone else saved after this form was opened."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    tags = OrderedTermsField(
        required=False, help_text="Separated by commas; tags in use are offered as you type."
    )
    categories = OrderedTermsField(
        required=False,
        help_text="Separated by commas; categories in use are offered as you type.",
    )

    class Meta:
        model = Post
        fields = [
            "title",
            "body",
            "tags",
            "categories",
            "status",
            "published_at",
            "updated_at",
            "language",
            "section",
            "slug",
            "series",
            "series_order",
            "summary",
            "description",
            "translation_key",
            "author",
            "path",
            "embargoed_until",
            "expires_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.saved_at.isoformat()

    def clean_body(self):
        body = self.cleaned_data["body"]
        problem = unbalanced_math(body)
        if problem:
            raise forms.ValidationError(
                f"{problem} Math between dollars must be closed (write \\$ for a dollar sign)."
            )
        broken = broken_images(body)
        if broken:
            raise forms.ValidationError(
                "These images are not on this site: %(images)s. Upload them with the "
                "image button, or link them with a full https:// address.",
                params={"images": ", ".join(broken)},
            )
        return body

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._refuse_stale_save(cleaned)
        return cleaned

    def _refuse_stale_save(self, cleaned):
        stored = (
            Post.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values("saved_at", "body")
            .first()
        )
        if stored is None or cleaned.get("version") == stored["saved_at"].isoformat():
            return
        latest = Version.objects.get_for_object(self.instance).select_related("revision__user")
        who = latest.first().revision.user if latest.exists() else None
        raise forms.ValidationError(
            format_html(
                "{} saved this post at {}, after you opened it, so your changes were not "
                "saved over theirs. Copy what you need from the form, reload the page, and "
                "make your changes again. Their version and yours: {}",
                who or "Someone",
                stored["saved_at"].strftime("%Y-%m-%d %H:%M:%S %Z"),
                body_diff(
                    stored["body"], cleaned.get("body", ""), "the saved version", "your version"
                ),
            ),
            code="stale",
        )
