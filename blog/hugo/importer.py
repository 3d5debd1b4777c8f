"""``import_hugo``: a Hugo site's content, series and URLs, brought into Quire.

One transaction for the whole run (a killed import leaves the database as it
was); one savepoint per file, so a broken file is reported with its reason and
the rest go on, unless ``strict``. Posts are keyed by language + permalink:
running it again changes nothing and says so.

Page-bundle files reach the media storage only once that transaction has
committed, so an import that is killed or rolled back leaves no stray files. A
file that cannot be stored then (a full or read-only disk) is reported; its post
keeps its text, and the next run stores the file again, as it does any file whose
record outlived a kill between commit and storing.

The site is untrusted input. Nothing outside its folder is read, no link is
followed, only passive bundle files are stored (folder.py, content.py), and what
is left out is reported as skipped; ``strict`` aborts on a skipped file too.
"""

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import reversion
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import reset_queries, transaction

from ..files import UnsafeFile, file_sha256, open_regular
from ..imports import ImportAborted, ImportReport, set_terms, term_slugs
from ..languages import forget as forget_site_identity
from ..languages import is_language
from ..models import RESERVED_SECTIONS, Alias, Page, Post, PostFile, Section, series_model
from ..models import default_section_title as default_title
from ..rendering import single_line
from ..rendering.images import staged_images
from ..slugs import hugo_urlize, term_slug
from .config import HugoConfigError, load_config
from .content import walk_content
from .identity import carry_site_settings
from .menus import carry_menus
from .pages import PageError, read_page
from .permalinks import alias_path, page_path

STORAGE_FOLDER = "hugo"


@dataclass(frozen=True)
class PendingFile:
    """A bundle file to put in storage once the import has committed."""

    record: int  # the PostFile's pk
    source: Path
    target: str
    replaces: str  # the name of the file it replaces, or ""


class HugoImporter:
    def __init__(
        self,
        site_dir,
        *,
        strict=False,
        dry_run=False,
        only_new=False,
        storage=None,
        progress=None,
    ):
        self.site_dir = site_dir
        self.strict = strict
        self.dry_run = dry_run
        self.only_new = only_new
        self.storage = storage or default_storage
        self.report = ImportReport(progress=progress)
        self.pending = []  # PendingFile, stored after commit
        self.tally = Counter()  # sections and series, by outcome
        self.indexes = {}  # (language, kind, folder) -> HugoPage of an _index.md
        self.series = {}  # (language, slug) -> Series

    def run(self):
        skipped = []
        try:
            self.config = load_config(self.site_dir, skipped)
            self.series_data = self.config.data("series", skipped)
        except HugoConfigError as error:
            raise ImportAborted(str(error)) from error
        files = list(walk_content(self.config, skipped))
        for entry in skipped:
            if self.strict:
                raise ImportAborted(f"{entry.path}: {entry.reason}")
            self.report.skip(entry.path, entry.reason)
        try:
            self._import(files)
        except ImportAborted:
            forget_site_identity()  # what this run read of its own changes is gone
            raise
        if self.dry_run and self.report.site_changes:
            forget_site_identity()  # what this run read of its own changes is gone
        if not self.dry_run:
            self._store_pending()
        for kind, label in (("section", "sections"), ("series", "series")):
            counts = {o: self.tally[f"{kind} {o}"] for o in ("created", "updated", "unchanged")}
            if any(counts.values()):
                self.report.related[label] = counts
        return self.report

    def _import(self, files):
        """Everything the run changes, in one transaction."""
        with transaction.atomic():
            self.report.site_changes = carry_site_settings(self.config)
            if not self.config.default_language_in_subdir:
                default = self.config.default_language
                self.report.notes.append(
                    f"Hugo serves “{default}” at the site root; Quire serves every language "
                    f"under its prefix (/{default}/) and sends / there."
                )
            for content in files:
                if content.kind in ("section", "term"):
                    self._guarded(content, self._read_index)
            for content in files:
                if content.kind == "section":
                    self._guarded(content, self._import_section)
            for content in files:
                if content.kind == "page":
                    self._guarded(content, self._import_page, count=True)
            menu_changes, self.report.warnings = carry_menus(self.config)
            self.report.site_changes += menu_changes
            if self.dry_run:
                transaction.set_rollback(True)

    def _guarded(self, content, handler, count=False):
        pending_before = len(self.pending)
        try:
            if not is_language(content.language):
                raise PageError(f"language “{content.language}” is not a language of the site")
            with transaction.atomic(), reversion.create_revision():
                reversion.set_comment(f"Imported by import_hugo from {content.relative}.")
                outcome = handler(content)
        except (PageError, ValidationError, OSError, UnsafeFile, SuspiciousFileOperation) as error:
            self.series.clear()  # what this file created was rolled back with it
            del self.pending[pending_before:]
            reason = "; ".join(error.messages) if isinstance(error, ValidationError) else error
            if self.strict:
                raise ImportAborted(f"{content.path}: {reason}") from error
            self.report.fail(content.path, reason)
            return
        finally:
            reset_queries()  # with DEBUG on, Django would keep every query in memory
        if count:
            self.report.add(outcome, content.path)

    # _index.md files: sections and series titles

    def _read_index(self, content):
        page = read_page(content, self.config.timezone)
        folder = content.relative.parent.name
        self.indexes[(content.language, content.kind, folder)] = page
        return "unchanged"

    def _index(self, language, kind, folder):
        return self.indexes.get((language, kind, folder))

    def _import_section(self, content):
        page = self._index(content.language, "section", content.section)
        slug = hugo_urlize(content.section)
        values = {
            "title": page.title or default_title(slug),
            "description": page.description,
            "body": page.body.strip(),
        }
        return self._upsert(
            "section", Section, {"language": content.language, "slug": slug}, values
        )

    def _series_for(self, page):
        if not page.series:
            return None
        term = page.series[0]
        key = (page.language, hugo_urlize(term))
        if key not in self.series:
            self.series[key] = self._import_series(page, term, key[1])
        return self.series[key]

    def _import_series(self, page, term, slug):
        language = page.language
        data = self.series_data.get(slug) or self.series_data.get(term)
        data = data if isinstance(data, dict) else {}
        term_index = self._index(language, "term", slug)
        section_index = self._index(language, "section", slug)
        indexes = [index for index in (term_index, section_index) if index is not None]
        title = (
            data.get(f"name_{language}")
            or data.get("name")
            or next((index.title for index in indexes if index.title), "")
            or page.series_title
            or term
        )
        description = (
            data.get(f"description_{language}")
            or data.get("description")
            or next((index.description for index in indexes if index.description), "")
        )
        values = {
            "title": single_line(str(title)),
            "term_name": term,
            "description": str(description),
        }
        self._upsert("series", series_model(), {"language": language, "slug": slug}, values)
        return series_model().objects.get(language=language, slug=slug)

    def _upsert(self, kind, model, key, values):
        instance = model.objects.filter(**key).first()
        if instance is not None and (
            self.only_new or all(getattr(instance, k) == v for k, v in values.items())
        ):
            outcome = "unchanged"
        else:
            outcome = "created" if instance is None else "updated"
            instance = instance or model(**key)
            for name, value in values.items():
                setattr(instance, name, value)
            instance.full_clean()
            instance.save()
        self.tally[f"{kind} {outcome}"] += 1
        return outcome

    # pages

    def _import_page(self, content):
        page = read_page(content, self.config.timezone)
        hugo_path = page_path(page, self.config)
        if not page.is_post:
            return self._import_site_page(content, page, hugo_path)
        # It was a page until its front matter said otherwise.
        Page.objects.filter(path=hugo_path).delete()
        section, slug, own_path = self._placement(page, hugo_path)
        if own_path:
            post = Post.objects.filter(path=own_path).first()
        else:
            post = Post.objects.filter(
                language=page.language, section=section, slug=slug, path=""
            ).first()
        if post is not None and self.only_new:
            return "unchanged"

        files = self._bundle_files(content, hugo_path, post)
        body = _point_links_at(page.body, {name: plan["url"] for name, plan in files.items()})
        series = self._series_for(page)
        values = {
            "title": page.title or content.filename,
            "body": body,
            "summary": page.summary,
            "description": page.description,
            "status": Post.Status.DRAFT if page.draft else Post.Status.PUBLISHED,
            # A draft that names no date has none yet (Hugo would say year 1).
            "published_at": None if page.draft and page.undated else page.date,
            "embargoed_until": page.publish_date if page.publish_date > page.date else None,
            "expires_at": page.expiry_date,
            "updated_at": page.lastmod,
            "series": series,
            "series_order": page.series_order if series else None,
            "translation_key": page.translation_key,
            "language": page.language,
            "section": section,
            "slug": slug,
            "path": own_path,
        }
        tags = {term_slug(name): name for name in page.tags}
        categories = {term_slug(name): name for name in page.categories}
        aliases = [alias_path(alias, hugo_path) for alias in page.aliases]

        if post is not None and not (
            any(getattr(post, name) != value for name, value in values.items())
            or term_slugs(post.tags) != list(tags)
            or term_slugs(post.categories) != list(categories)
            or set(aliases) - set(post.aliases.values_list("path", flat=True))
            or any(plan["changed"] for plan in files.values())
        ):
            return "unchanged"

        outcome = "created" if post is None else "updated"
        post = post or Post()
        for name, value in values.items():
            setattr(post, name, value)
        post.full_clean()
        with staged_images({p["url"]: p["source"] for p in files.values() if p["changed"]}):
            post.save()
        self._report_math_errors(content, page, post.math_errors)
        set_terms(post, "tags", tags.values())
        set_terms(post, "categories", categories.values())
        for path in aliases:
            alias = Alias.objects.filter(path=path).first() or Alias(path=path)
            alias.post = post
            alias.full_clean()
            alias.save()
        for name, plan in files.items():
            self._save_file(post, name, plan, original_path=f"{hugo_path}{name}")
        return outcome

    def _import_site_page(self, content, page, hugo_path):
        """A page that is not a post (see ``HugoPage.is_post``), at its Hugo address.
        A post an earlier import made of the same file goes: no list may show it."""
        for name, _ in content.resources:
            self.report.skip(
                str(content.path.parent / name),
                "a file of a page that is not a post; only posts' bundles are imported"
                if page.build.publish_resources
                else "_build.publishResources is false",
            )
        values = {
            "language": page.language,
            "title": page.title or content.filename,
            "page_type": page.page_type,
            "layout": page.layout,
            "body": page.body,
            "description": page.description,
            "draft": page.draft,
            "rendered": page.build.rendered,
            "listed": page.build.listed,
            "publish_resources": page.build.publish_resources,
            "translation_key": page.translation_key,
            "updated_at": None if page.undated else page.lastmod,
        }
        stale_posts = Post.objects.at_address(hugo_path)
        site_page = Page.objects.filter(path=hugo_path).first()
        if (
            site_page is not None
            and not stale_posts.exists()
            and (self.only_new or all(getattr(site_page, k) == v for k, v in values.items()))
        ):
            return "unchanged"
        outcome = "created" if site_page is None else "updated"
        stale_posts.delete()
        site_page = site_page or Page(path=hugo_path)
        for name, value in values.items():
            setattr(site_page, name, value)
        site_page.full_clean()
        site_page.save()
        return outcome

    def _report_math_errors(self, content, page, errors):
        """TeX KaTeX refused does not fail the file (the post is kept, its page shows
        the TeX marked): the report names each, by its line in the file."""
        if not errors:
            return
        text = content.path.read_text(encoding="utf-8", errors="replace")
        offset = text.count("\n", 0, len(text) - len(page.body)) if text.endswith(page.body) else 0
        for error in errors:
            line = error.line + offset if error.field == "body" else error.line
            where = f"{content.path}:{line}" if error.field == "body" else str(content.path)
            self.report.math_errors.append((where, error))

    def _placement(self, page, hugo_path):
        """Quire's (section, slug, own path) for a page Hugo publishes at ``hugo_path``.

        Pages Hugo publishes at ``/<lang>/<section>/<slug>/`` get Quire's ordinary
        permalink; any other address (a ``url`` override, a date pattern, a nested
        section) is kept as the post's own path.
        """
        section = hugo_urlize(page.source.section)
        segments = [segment for segment in hugo_path.split("/") if segment]
        ordinary = (
            self.config.url_prefix(page.language) == f"/{page.language}"
            and hugo_path.endswith("/")
            and len(segments) == 3
            and segments[0] == page.language
            and segments[1] == section
            and section not in RESERVED_SECTIONS
        )
        if ordinary:
            return section, segments[2], ""
        return section, (segments[-1] if segments else hugo_urlize(page.source.filename)), hugo_path

    # page-bundle files

    def _bundle_files(self, content, hugo_path, post):
        """What to store for each file of a leaf bundle: name → plan (url, changed…)."""
        existing = {f.name: f for f in post.files.all()} if post is not None else {}
        plans = {}
        for name, source in content.resources:
            digest = file_sha256(source)
            known = existing.get(name)
            if (
                known is not None
                and known.sha256 == digest
                and self.storage.exists(known.file.name)
            ):
                plans[name] = {"url": known.file.url, "changed": False}
                continue
            target = f"{STORAGE_FOLDER}{hugo_path}{name}"
            plans[name] = {
                "url": self.storage.url(target),
                "changed": True,
                "source": source,
                "target": target,
                "replaces": known.file.name if known is not None else "",
                "sha256": digest,
            }
        return plans

    def _save_file(self, post, name, plan, original_path):
        if not plan["changed"]:
            return
        record = post.files.filter(name=name).first() or PostFile(post=post, name=name)
        record.file.name = plan["target"]
        record.sha256 = plan["sha256"]
        record.original_path = original_path
        record.full_clean()
        record.save()
        self.pending.append(
            PendingFile(record.pk, plan["source"], plan["target"], plan["replaces"])
        )

    def _store_pending(self):
        """Put the committed bundle files in storage; report those it will not take."""
        for pending in self.pending:
            try:
                stored = self._store(pending)
            except (OSError, UnsafeFile, SuspiciousFileOperation) as error:
                PostFile.objects.filter(pk=pending.record).delete()
                reason = getattr(error, "strerror", None) or error
                self.report.fail(pending.source, f"not stored: {reason}")
                continue
            if stored != pending.target:
                PostFile.objects.filter(pk=pending.record).update(file=stored)
        self.pending.clear()

    def _store(self, pending):
        if self.storage.exists(pending.target):
            self.storage.delete(pending.target)
        with open_regular(pending.source) as handle:
            stored = self.storage.save(pending.target, File(handle))
        if pending.replaces and pending.replaces != stored:
            self.storage.delete(pending.replaces)
        return stored


def _point_links_at(body, urls):
    """Rewrite Markdown and HTML references to a bundle's files to their new URLs."""
    for name, url in urls.items():
        spellings = "|".join(re.escape(s) for s in dict.fromkeys([name, quote(name)]))
        body = re.sub(
            rf"(\]\(\s*<?|\]:\s*<?|(?:src|href)=[\"'])(?:\./)?(?:{spellings})(?=[>\s)\"'#?])",
            lambda match, url=url: match[1] + url,
            body,
        )
    return body
