"""A post's saved versions: what each holds, and restoring one.

Restoring brings back a version's content — its text, address, series, terms and
old addresses — and leaves the post's publication (status and dates) as it is,
unless asked to bring that back too. Only this post changes, though the revision
the version belongs to may hold others (a list action saves several posts), and
the restore is itself saved as a new revision.
"""

import datetime as dt
from typing import NamedTuple

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Alias, CategorizedPost, Post, TaggedPost

CONTENT_FIELDS = (
    "title",
    "body",
    "summary",
    "description",
    "language",
    "section",
    "slug",
    "path",
    "series",
    "series_order",
    "translation_key",
)
TERMS = {"tags": TaggedPost, "categories": CategorizedPost}
PUBLICATION_FIELDS = ("status", "published_at", "embargoed_until", "expires_at", "updated_at")
SERIES = Post._meta.get_field("series").related_model


class Change(NamedTuple):
    field: str
    before: object
    after: object


def label(name):
    if name == "aliases":
        return "old addresses"
    return str(Post._meta.get_field(name).verbose_name).lower()


def _related(version, model):
    """The versions of ``model`` rows of this post saved in the version's revision."""
    key = "post_id" if model is Alias else "content_object_id"
    rows = version.revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(model), db=version.db
    )
    return [row.field_dict for row in rows if row.field_dict[key] == int(version.object_id)]


def version_values(version):
    """What the version holds, by field: its own columns, its series, and its terms and
    old addresses (saved with it in its revision)."""
    fields = version.field_dict
    values = {name: fields.get(Post._meta.get_field(name).attname) for name in CONTENT_FIELDS}
    values |= {name: fields.get(name) for name in PUBLICATION_FIELDS}
    if values["series"] is not None:  # a series deleted since comes back as none
        values["series"] = SERIES.objects.filter(pk=values["series"]).first()
    for name, through in TERMS.items():
        ids = [row["tag_id"] for row in _related(version, through)]
        values[name] = _names(through.tag_model().objects.filter(pk__in=ids))
    values["aliases"] = sorted(row["path"] for row in _related(version, Alias))
    return values


def post_values(post):
    """The same for the post as it is now."""
    values = {name: getattr(post, name) for name in (*CONTENT_FIELDS, *PUBLICATION_FIELDS)}
    for name in TERMS:
        values[name] = _names(getattr(post, name).all())
    values["aliases"] = sorted(post.aliases.values_list("path", flat=True))
    return values


def _names(terms):
    return sorted(term.name for term in terms)


def changes(before, after, names):
    return [
        Change(label(name), _shown(name, before[name]), _shown(name, after[name]))
        for name in names
        if _comparable(before[name]) != _comparable(after[name])
    ]


def _comparable(value):
    """Versions keep times to the millisecond (as Django's JSON serializer writes them)."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def _shown(name, value):
    if isinstance(value, list):
        return ", ".join(value)
    if name == "status":
        return Post.Status(value).label
    return value


def changes_between(older, newer):
    """What differs between two versions, field by field (the body aside)."""
    names = [name for name in (*CONTENT_FIELDS, *PUBLICATION_FIELDS) if name != "body"]
    return changes(version_values(older), version_values(newer), [*names, *TERMS, "aliases"])


class RestorePlan:
    """What restoring ``version`` would change in ``post``."""

    def __init__(self, post, version):
        self.post, self.version = post, version
        self.now, self.then = post_values(post), version_values(version)

    def content_changes(self):
        """The content that comes back. Old addresses are only ever added: an address
        readers were sent to keeps working."""
        found = changes(self.now, self.then, [*CONTENT_FIELDS, *TERMS])
        returning = self.returning_aliases()
        if returning:
            now = self.now["aliases"]
            found.append(
                Change(label("aliases"), _shown("aliases", now), _shown("aliases", now + returning))
            )
        return found

    def publication_changes(self):
        return changes(self.now, self.then, PUBLICATION_FIELDS)

    def returning_aliases(self):
        """The version's old addresses the post has lost, where no other post holds them."""
        missing = set(self.then["aliases"]) - set(self.now["aliases"])
        held = set(Alias.objects.filter(path__in=missing).values_list("path", flat=True))
        address = self.restored(with_publication=False).get_absolute_url()
        return sorted(missing - held - {address})

    def restored(self, with_publication):
        """The post as the restore would save it (not saved)."""
        post = Post.objects.get(pk=self.post.pk)
        for name in CONTENT_FIELDS + (PUBLICATION_FIELDS if with_publication else ()):
            setattr(post, name, self.then[name])
        return post

    def problems(self, with_publication=False):
        """Why the restore cannot be saved (an address another post holds now), if it cannot."""
        try:
            self.restored(with_publication).full_clean()
        except ValidationError as error:
            return error.messages
        return []

    def term_order(self, through):
        """The version's order of its terms, as a sort key (terms it lacks go last)."""
        rows = _related(self.version, through)
        position = {row["tag_id"]: row.get("position", 0) for row in rows}
        return lambda term: position.get(term.pk, len(position))

    def apply(self, user, with_publication=False):
        post = self.restored(with_publication)
        post.full_clean()
        aliases = self.returning_aliases()
        when = f"{self.version.revision.date_created:%Y-%m-%d %H:%M:%S}"
        with transaction.atomic(), reversion.create_revision():
            post.save()
            for name, through in TERMS.items():
                terms = through.tag_model().objects.filter(name__in=self.then[name])
                getattr(post, name).set(sorted(terms, key=self.term_order(through)))
            for path in aliases:
                Alias.objects.create(post=post, path=path)
            reversion.add_to_revision(post)
            reversion.set_user(user)
            reversion.set_comment(
                f"Restored the version of {when}"
                + (" with its publication state and dates." if with_publication else ".")
            )
        return post
