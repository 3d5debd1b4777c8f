"""What the importers share: their report and how they find taxonomy terms."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

from .slugs import term_slug


class ImportAborted(Exception):
    """Nothing was imported: the source is unusable, or a strict import met an error."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list = field(default_factory=list)  # (where, reason)
    skipped: list = field(default_factory=list)  # (where, reason): files not read at all
    notes: list = field(default_factory=list)  # things the operator should know
    warnings: list = field(default_factory=list)  # kept going, but worth fixing
    math_errors: list = field(default_factory=list)  # (where, MathError): kept, shown as TeX
    related: dict = field(default_factory=dict)  # e.g. "sections" -> {"created": 2, …}
    site_changes: list = field(default_factory=list)  # what import_hugo set in the site settings
    progress: Callable | None = None  # called with (where, outcome) as each item is done

    def add(self, outcome, where):
        setattr(self, outcome, getattr(self, outcome) + 1)
        if self.progress:
            self.progress(where, outcome)

    def fail(self, where, reason):
        self.failed.append((str(where), str(reason)))
        if self.progress:
            self.progress(where, "failed")

    def skip(self, where, reason):
        self.skipped.append((str(where), str(reason)))
        if self.progress:
            self.progress(where, "skipped")

    @property
    def changed(self):
        return self.created + self.updated

    def summary(self):
        return (
            f"{self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.failed)} failed"
        )

    def related_summaries(self):
        for kind, counts in self.related.items():
            yield f"{kind}: " + ", ".join(f"{n} {outcome}" for outcome, n in counts.items())


def terms_named(model, names):
    """Terms for ``names``: existing ones matched by slug (Hugo merges ``ML`` and ``ml``
    into one term), new ones created with the name as first written."""
    wanted = {}
    for name in names:
        wanted.setdefault(term_slug(name), name)
    found = {term.slug: term for term in model.objects.filter(slug__in=wanted)}
    for slug, name in wanted.items():
        if slug not in found:
            found[slug] = model.objects.create(name=name, slug=slug)
    return [found[slug] for slug in wanted]


def set_terms(post, field_name, names, keep_existing=False):
    """Give ``post`` exactly these terms in this order (or add the ones it lacks, with
    ``keep_existing``), in a handful of queries however many there are."""
    through = getattr(post, field_name).through
    terms = terms_named(through.tag_model(), names)
    through.place(post, [term.pk for term in terms], keep_existing=keep_existing)


def term_slugs(manager):
    """The slugs of a post's terms, in their author's order."""
    return [term.slug for term in manager.all()]


def refresh_planner_statistics():
    """Show the query planner the shape of what was just imported. SQLite keeps no
    statistics until asked, and without them it reads every post of a language to
    find a post's related ones; PostgreSQL's autovacuum would get there, later."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def progress_writer(command, verbosity):
    """A ``progress`` callback for an import command: one line per item at ``-v 2``."""
    if verbosity < 2:
        return None

    def write(where, outcome):
        command.stdout.write(f"{outcome}: {where}")

    return write
