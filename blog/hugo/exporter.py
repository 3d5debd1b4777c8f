"""``export_hugo``: the database written out as a Hugo site that ``import_hugo`` (or Hugo
itself) reads back — no lock-in."""

import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w
import yaml
from django.core.files.storage import default_storage

from ..languages import default_language, identity, languages, site_title, site_url
from ..models import Page, Post, Section, series_model


class ExportError(Exception):
    """The database names a file the export will not write; the message says which."""


@dataclass
class ExportReport:
    posts: int = 0
    pages: int = 0
    files: int = 0
    sections: int = 0
    series: int = 0

    def summary(self):
        return (
            f"{self.posts} posts, {self.pages} pages, {self.files} files, "
            f"{self.sections} sections, "
            f"{self.series} series"
        )


def _language_config(language, weight):
    """A language's table in hugo.toml: what import_hugo reads back."""
    config = {
        "languageName": language.name,
        "languageCode": language.language_code,
        "title": site_title(language.code),
        "contentDir": f"content/{language.code}",
        "weight": weight,
    }
    if language.description:
        config["params"] = {"description": language.description}
    if language.menu:
        entries = enumerate(language.menu, 1)
        config["menus"] = {
            "main": [{"name": name, "url": url, "weight": n} for n, (name, url) in entries]
        }
    return config


def _toml(data, heading=""):
    """``data`` as TOML (tomli-w), after ``heading`` lines, checked to read back as
    ``data``: Hugo and ``import_hugo`` must get exactly the names and titles stored."""
    text = heading + tomli_w.dumps(data)
    if tomllib.loads(text) != data:
        raise ValueError(f"export_hugo wrote TOML that does not read back: {text[:200]!r}")
    return text


def _front_matter(fields, body):
    data = {key: value for key, value in fields.items() if value not in (None, "", [])}
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n{body}"


class HugoExporter:
    def __init__(self, target, storage=None):
        self.target = Path(target)
        self.storage = storage or default_storage
        self.report = ExportReport()
        self.written = set()

    def run(self):
        self.target.mkdir(parents=True, exist_ok=True)
        (self.target / "hugo.toml").write_text(self._config(), encoding="utf-8")
        self._write_series()
        for section in Section.objects.all():
            self._write_section(section)
        posts = (
            Post.objects.select_related("series")
            .with_tags()
            .prefetch_related("categories", "aliases", "files")
        )
        for post in posts.iterator(chunk_size=200):
            self._write_post(post)
        for page in Page.objects.all():
            self._write_page(page)
        return self.report

    def _config(self):
        site = identity()
        config = {
            "baseURL": site_url() + "/",
            "title": site_title(),
            "defaultContentLanguage": default_language(),
            "defaultContentLanguageInSubdir": True,
            "timeZone": "UTC",
            "pluralizeListTitles": site.pluralize_list_titles,
            "capitalizeListTitles": site.capitalize_list_titles,
            "titleCaseStyle": site.title_case_style,
            "taxonomies": {"tag": "tags", "category": "categories", "series": "series"},
            "languages": {
                language.code: _language_config(language, weight)
                for weight, language in enumerate(languages(), 1)
            },
        }
        if site.author:
            config["params"] = {"author": site.author}
        return _toml(config, heading="# Written by Quire's export_hugo.\n")

    def _write_series(self):
        """Display names and descriptions per language in data/series.toml, and each
        series term's own _index.md."""
        entries = {}
        for series in series_model().objects.order_by("slug", "language"):
            entry = entries.setdefault(series.slug, {})
            entry[f"name_{series.language}"] = series.title
            if series.description:
                entry[f"description_{series.language}"] = series.description
            if series.language == default_language() or "name" not in entry:
                entry["name"] = series.title
            self._write(
                Path("content", series.language, "series", series.slug, "_index.md"),
                _front_matter({"title": series.title}, ""),
            )
            self.report.series += 1
        (self.target / "data").mkdir(exist_ok=True)
        (self.target / "data" / "series.toml").write_text(_toml(entries), encoding="utf-8")

    def _write_section(self, section):
        fields = {"title": section.title, "description": section.description}
        self._write(
            Path("content", section.language, section.slug, "_index.md"),
            _front_matter(fields, section.body),
        )
        self.report.sections += 1

    def _write_post(self, post):
        files = list(post.files.all())
        folder = (
            Path("content", post.language, post.section)
            if post.section
            else Path("content", post.language)
        )
        name = self._free_name(folder, post.slug)
        body = post.body
        for stored in files:
            body = body.replace(stored.file.url, stored.name)
        fields = {
            "title": post.title,
            "date": post.published_at,
            "lastmod": post.updated_at,
            "publishDate": post.embargoed_until,
            "expiryDate": post.expires_at,
            "draft": True if post.status == Post.Status.DRAFT else None,
            "url": post.path,
            "aliases": [alias.path for alias in post.aliases.all()],
            "summary": post.summary,
            "description": post.description,
            "tags": [tag.name for tag in post.tag_list],
            "categories": [category.name for category in post.categories.all()],
            "series": (post.series.term_name or post.series.slug) if post.series else None,
            "series_order": post.series_order if post.series else None,
            "translationKey": post.translation_key,
        }
        page = folder / name / "index.md" if files else folder / f"{name}.md"
        self._write(page, _front_matter(fields, body))
        for stored in files:
            with self.storage.open(stored.file.name, "rb") as source:
                destination = self._inside(page.parent / stored.name)
                destination.parent.mkdir(parents=True, exist_ok=True)
                with destination.open("wb") as target:
                    shutil.copyfileobj(source, target)
            self.report.files += 1
        self.report.posts += 1

    def _write_page(self, page):
        """A page that is not a post, with its ``_build`` options, at its own ``url``
        (the path import_hugo gave it) in the language's content folder. A listed page
        is in its section's lists only (``local``): no site-wide list shows a page, and
        ``always`` would make it a post (``HugoPage.is_post``)."""
        build = {
            "list": "local" if page.listed else "never",
            "render": "always" if page.rendered else "never",
            "publishResources": page.publish_resources,
        }
        fields = {
            "title": page.title,
            "url": page.path,
            "lastmod": page.updated_at,
            "draft": True if page.draft else None,
            "description": page.description,
            "type": page.page_type,
            "layout": page.layout,
            "translationKey": page.translation_key,
            "_build": build,
        }
        slug = page.path.strip("/").rsplit("/", 1)[-1] or "index"
        folder = Path("content", page.language)
        self._write(
            folder / f"{self._free_name(folder, slug)}.md", _front_matter(fields, page.body)
        )
        self.report.pages += 1

    def _free_name(self, folder, slug):
        """The slug as a file name, numbered if another post in the folder has it."""
        name, number = slug, 1
        while (folder / name) in self.written:
            number += 1
            name = f"{slug}-{number}"
        self.written.add(folder / name)
        return name

    def _inside(self, relative):
        """``relative`` in the export folder. Names come from the database, which a
        restored backup may have filled with ``..`` or absolute paths: such a name
        stops the export rather than write outside its folder."""
        if relative.is_absolute() or ".." in relative.parts:
            raise ExportError(f"{relative} would be written outside {self.target}")
        return self.target / relative

    def _write(self, relative, text):
        path = self._inside(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
