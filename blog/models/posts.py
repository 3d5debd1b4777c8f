from functools import lru_cache
from typing import NamedTuple
from urllib.parse import quote, unquote

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Left
from django.urls import (
    NoReverseMatch,
    Resolver404,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS

from ..languages import absolute_url, language_choices
from ..rendering import render_post, single_line, strip_control_characters
from .math import MathStyle
from .paths import Alias
from .terms import CategorizedPost, OrderedTerms, TaggedPost
from .validators import validate_path_segment, validate_section, validate_site_path

LEAD_CHARACTERS = 400  # of a post's plain text, for the lead of its card in listings


def post_url(lang, section, slug):
    """``reverse("blog:post", …)``, faster: a post's URL is its section's plus its
    slug, and the section's part is reversed once (a feed builds one URL per item;
    ``reverse`` is the dearer way, docs/BENCHMARKS.md)."""
    section_url = _section_url(get_script_prefix(), get_urlconf(), lang, section)
    return f"{section_url}{quote(slug, safe=RFC3986_SUBDELIMS + '/~:@')}/"


@lru_cache(maxsize=4096)
def _section_url(script_prefix, urlconf, lang, section):
    return reverse("blog:section", urlconf=urlconf, kwargs={"lang": lang, "section": section})


SCHEDULE_FIELDS = ("published_at", "embargoed_until", "expires_at")


class Visibility(NamedTuple):
    """Whether readers see a post: ``state`` is ``draft``, ``scheduled``, ``expired``,
    ``embargoed`` or ``published``; ``next_change`` the next future moment that changes
    what they see with no save (its date, embargo end or expiry), or None."""

    state: str
    next_change: object


class PostQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, dated in the past, not embargoed, not expired.

        Every page, feed, count and link goes through here; a scheduled post
        appears (and an expiring one disappears) by itself when its time comes.
        """
        now = timezone.now()
        return self.filter(
            models.Q(embargoed_until__isnull=True) | models.Q(embargoed_until__lte=now),
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now),
            status=Post.Status.PUBLISHED,
            published_at__lte=now,
        )

    def next_visibility_change(self):
        """The nearest future moment one of these posts appears or disappears by itself
        (``Post.visibility``), or None: cached pages and hub pings are due again then.
        One query, which returns one row: the earliest future moment of each kind."""
        now = timezone.now()
        upcoming = {field: models.Q(**{f"{field}__gt": now}) for field in SCHEDULE_FIELDS}
        earliest = self.filter(status=Post.Status.PUBLISHED).aggregate(
            **{
                f"next_{field}": models.Min(field, filter=future)
                for field, future in upcoming.items()
            }
        )
        return min((moment for moment in earliest.values() if moment), default=None)

    def visible_to(self, user):
        """What a writer may see of posts in the admin: everything, for those who may edit
        other people's posts; otherwise their own and what the public sees."""
        if user.has_perm("blog.edit_others_posts"):
            return self
        return self.filter(models.Q(author=user) | models.Q(pk__in=Post.objects.published()))

    def at_address(self, url):
        """The posts that live at ``url``: by a path of their own, or by their permalink."""
        lives = models.Q(path=url)
        try:
            match = resolve(unquote(url))
        except Resolver404:
            match = None
        if match is not None and match.view_name == "blog:post":
            lang, section, slug = (match.kwargs[key] for key in ("lang", "section", "slug"))
            lives |= models.Q(path="", language=lang, section=section, slug=slug)
        return self.filter(lives)

    def ready_for_review(self):
        """Drafts their authors have handed to an Editor."""
        return self.filter(status=Post.Status.DRAFT, ready_for_review=True)

    def in_language(self, lang):
        return self.filter(language=lang)

    def newest_first(self):
        return self.order_by("-published_at", "-id")

    def in_series_order(self):
        return self.order_by(models.F("series_order").asc(nulls_last=True), "published_at", "id")

    def with_tags(self):
        """Each post's tags fetched in one query, as the list ``post.tag_list``.

        Prefetched into ``post.tags`` instead, taggit builds a filtered queryset
        per post, which costs a long feed more than the query does.
        """
        return self.prefetch_related(models.Prefetch("tags", to_attr="prefetched_tags"))

    def for_listing(self):
        """Everything a list of post cards shows, in a fixed number of queries: a card's
        lead is the start of the post's plain text (``lead_text``), not its body."""
        return (
            self.select_related("series")
            .with_tags()
            .defer(
                "body",
                "body_html",
                "typeset_body_html",
                "summary_html",
                "typeset_summary_html",
                "toc_html",
                "body_text",
                "search_vector",
            )
            .annotate(lead_text=Left("body_text", LEAD_CHARACTERS))
        )


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=300)
    slug = models.CharField(max_length=200, validators=[validate_path_segment])
    section = models.CharField(
        max_length=100,
        blank=True,
        validators=[validate_path_segment, validate_section],
        help_text="The content folder: a series slug or, for loose posts, e.g. “standalone”.",
    )
    language = models.CharField(max_length=10, choices=language_choices)
    path = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_site_path],
        help_text="Only for an imported page whose Hugo URL is not /<lang>/<section>/<slug>/.",
    )
    series = models.ForeignKey(
        "series.Series", null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    series_order = models.PositiveIntegerField(null=True, blank=True)
    body = models.TextField(
        help_text="Markdown; $…$ and $$…$$ for math, <!--more--> ends the summary."
    )
    summary = models.TextField(
        blank=True, help_text="Markdown; used when the body has no <!--more-->."
    )
    description = models.TextField(blank=True, help_text="Plain text for search engines.")
    body_html = models.TextField(editable=False, default="")
    summary_html = models.TextField(editable=False, default="")
    toc_html = models.TextField(editable=False, default="")
    body_text = models.TextField(editable=False, default="", help_text="For search and snippets.")
    # What pages show: body_html and summary_html with their math typeset (those two
    # keep it as TeX, as feeds carry it). toc_html is typeset too (only pages show it).
    typeset_summary_html = models.TextField(editable=False, default="")
    typeset_body_html = models.TextField(editable=False, default="")
    reading_minutes = models.PositiveIntegerField(editable=False, default=0)
    search_vector = SearchVectorField(null=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The post's date, shown and used in feeds; a future time schedules it.",
    )
    embargoed_until = models.DateTimeField(
        null=True, blank=True, help_text="Hidden until this time (Hugo's publishDate)."
    )
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Hidden from this time on (Hugo's expiryDate)."
    )
    updated_at = models.DateTimeField(
        default=timezone.now, help_text="Shown to readers as the last update (Hugo's lastmod)."
    )
    saved_at = models.DateTimeField(
        auto_now=True, help_text="When the row last changed; feeds and caches validate on it."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    translation_key = models.CharField(max_length=200, blank=True, db_index=True)
    ready_for_review = models.BooleanField(
        default=False,
        help_text="Ticked by the author when the draft is ready for an Editor to read.",
    )
    review_note = models.TextField(
        "changes requested",
        blank=True,
        help_text="An Editor's note to the author: what to change before this is published.",
    )
    share_version = models.PositiveIntegerField(
        default=0, editable=False, help_text="Raised to revoke every share link of this post."
    )

    tags = OrderedTerms(through=TaggedPost, blank=True, related_name="posts")
    categories = OrderedTerms(
        through=CategorizedPost, blank=True, related_name="posts", verbose_name="categories"
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [
            ("publish_post", "Can publish, schedule and unpublish posts"),
            ("edit_others_posts", "Can edit posts by other authors"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "section", "slug"],
                condition=models.Q(path=""),
                name="unique_post_permalink",
                violation_error_message="A post already exists at this language, section and slug.",
            ),
            models.UniqueConstraint(
                fields=["path"], condition=~models.Q(path=""), name="unique_post_path"
            ),
        ]
        indexes = [
            models.Index(  # covers published(): counts and listings read no post rows
                fields=["language", "status", "published_at", "embargoed_until", "expires_at"],
                name="post_public_idx",
            ),
            models.Index(fields=["series", "series_order"], name="post_series_order_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = single_line(self.title)
        # What XML cannot carry (and a UTF-8 database cannot store, for lone
        # surrogates) would break every feed and page built from these fields.
        for name in ("body", "summary", "description"):
            setattr(self, name, strip_control_characters(getattr(self, name)))
        rendered = self.render()
        old_url = self._stored_public_url()
        MathStyle.keep(rendered.math_declarations)
        super().save(*args, **kwargs)
        self._keep_old_url(old_url)

    def get_absolute_url(self):
        if self.path:
            return self.path
        return post_url(self.language, self.section, self.slug)

    def visibility(self, now=None):
        """What readers see of the post at ``now`` and when that next changes by itself;
        ``PostQuerySet.published()`` is the same rule in SQL."""
        now = now or timezone.now()
        if self.status == self.Status.DRAFT:
            return Visibility("draft", None)
        moments = (getattr(self, field) for field in SCHEDULE_FIELDS)
        next_change = min((moment for moment in moments if moment and moment > now), default=None)
        if self.published_at and self.published_at > now:
            return Visibility("scheduled", next_change)
        if self.expires_at and self.expires_at <= now:
            return Visibility("expired", next_change)
        if self.embargoed_until and self.embargoed_until > now:
            return Visibility("embargoed", next_change)
        return Visibility("published", next_change)

    def _stored_public_url(self):
        """The permalink this post had in the database, if readers could know it."""
        if self.pk is None:
            return None
        stored = (
            Post.objects.filter(pk=self.pk)
            .only("language", "section", "slug", "path", "status")
            .first()
        )
        return (
            stored.get_absolute_url() if stored and stored.status == self.Status.PUBLISHED else None
        )

    def _keep_old_url(self, old_url):
        """A moved post leaves an alias at its old permalink; aliases point at the post,
        so they always answer with one hop to wherever it lives now. Moving back to an
        old address drops the post's own alias there; another post's alias is never
        touched (``clean`` refuses the clash)."""
        new_url = self.get_absolute_url()
        self.aliases.filter(path=new_url).delete()
        if old_url and old_url != new_url:
            Alias.objects.get_or_create(path=old_url, defaults={"post": self})

    def clean(self):
        super().clean()
        if not self.section and not self.path:
            raise ValidationError({"section": "A post needs a section (or a path of its own)."})
        self._refuse_a_taken_address()

    def _refuse_a_taken_address(self):
        """Another post's old address, or (the other way round from the unique
        constraints) another post living at this path or permalink, is not free."""
        try:
            url = self.get_absolute_url()
        except NoReverseMatch:  # a language or section the fields' own checks refuse
            return
        field = "path" if self.path else "slug"
        others = Post.objects.exclude(pk=self.pk)
        if Alias.objects.filter(path=url).exclude(post_id=self.pk).exists():
            raise ValidationError(
                {
                    field: f"{url} is an old address of another post, which readers reach "
                    "through it: choose another address, or remove that old address from "
                    "the other post first."
                }
            )
        living = others.filter(path="").at_address(url) if self.path else others.filter(path=url)
        if living.exists():
            raise ValidationError({field: f"Another post lives at {url}."})

    def render(self):
        """Render Markdown into the stored HTML; called on every save. Returns the
        ``RenderedPost`` (its math errors are for whoever saves)."""
        rendered = render_post(self.body, self.summary, page_path=self.get_absolute_url())
        self.body_html = rendered.body_html
        self.summary_html = rendered.summary_html
        self.typeset_body_html = rendered.typeset_body_html
        self.typeset_summary_html = rendered.typeset_summary_html
        self.toc_html = rendered.toc_html
        self.body_text = rendered.body_text
        self.reading_minutes = rendered.reading_minutes
        self.math_errors = rendered.math_errors + rendered.summary_math_errors
        return rendered

    @property
    def has_math(self):
        """Whether the post's page needs the math stylesheets."""
        return 'class="math-' in self.typeset_body_html or 'class="math-' in self.toc_html

    @property
    def tag_list(self):
        """The post's tags: prefetched by ``with_tags()``, or queried now."""
        if hasattr(self, "prefetched_tags"):
            return self.prefetched_tags
        return list(self.tags.all())

    @cached_property
    def permalink(self):
        return absolute_url(self.get_absolute_url())

    @property
    def was_updated(self):
        """Whether readers should see an update date (a later day than publication)."""
        return bool(self.published_at) and self.updated_at.date() > self.published_at.date()
