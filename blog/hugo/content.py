"""Finding a Hugo site's content files: pages, page bundles and ``_index.md`` files.

Links (to files or folders), FIFOs and devices are never followed or read, and a
bundle's files are taken only if they are passive (``blog.media``) and of bounded
size: each one left out is reported as skipped with its reason.
"""

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..files import too_large
from ..media import CONTENT_TYPES, importable
from .folder import Skipped, problem

CONTENT_SUFFIXES = (".md", ".markdown")
TAXONOMY_FOLDERS = frozenset({"tags", "categories", "series"})
# A bundle's PDF or figure; larger files belong in an object store, linked by URL.
MAX_RESOURCE_BYTES = 64 * 1024 * 1024
NOT_PASSIVE = (
    "a type import_hugo does not copy: only "
    + ", ".join(sorted(suffix.lstrip(".") for suffix in CONTENT_TYPES))
    + " files are, as nothing active may be served from the site"
)


@dataclass(frozen=True)
class ContentFile:
    path: Path
    language: str
    relative: PurePosixPath  # to the content folder, language suffix removed
    resources: tuple = ()  # a leaf bundle's files besides its page, as (name, path), sorted

    @property
    def is_bundle(self):
        return self.relative.stem == "index"

    @property
    def is_index(self):
        return self.relative.stem == "_index"

    @property
    def folders(self):
        """The folders above the page (a bundle's own folder excluded)."""
        parts = self.relative.parent.parts
        return parts[:-1] if self.is_bundle else parts

    @property
    def section(self):
        return self.folders[0] if self.folders else ""

    @property
    def filename(self):
        """Hugo's ``:filename``: the file's name, or a bundle's folder name."""
        return self.relative.parent.name if self.is_bundle else self.relative.stem

    @property
    def translation_path(self):
        """The same path in another language's content is the same page translated."""
        source = self.relative.parent if self.is_bundle else self.relative.with_suffix("")
        return str(source)

    @property
    def kind(self):
        """``page``, ``section`` (a section's _index.md), ``term`` (a taxonomy term's),
        or ``other`` (the home page's or a taxonomy's own _index.md, nested sections)."""
        if not self.is_index:
            return "page"
        folders = self.relative.parent.parts
        if len(folders) == 1 and folders[0] not in TAXONOMY_FOLDERS:
            return "section"
        if len(folders) == 2 and folders[0] in TAXONOMY_FOLDERS:
            return "term"
        return "other"


def walk_content(config, skipped=None):
    """Every content file of every language, in a stable order; what is not read is
    added to ``skipped``. The content folders are the configuration's, which keeps
    them inside the site."""
    skipped = [] if skipped is None else skipped
    folders = {}
    for language in config.languages.values():
        for folder in language.content_dirs:
            folders.setdefault(folder, []).append(language.code)
    for folder, languages in folders.items():
        if folder.is_dir():
            yield from _walk(folder, languages, config, skipped)


def _walk(root, languages, config, skipped):
    for directory, subdirectories, files in os.walk(root):
        directory = Path(directory)
        if any(_is_index(name) for name in files):
            # A leaf bundle: one page, everything else in the folder is its resources.
            subdirectories[:] = []
            names, resources = _bundle(directory, skipped)
        else:
            subdirectories[:] = _readable(directory, subdirectories, skipped)
            names, resources = _readable(directory, files, skipped), ()
        for name in names:
            if not name.endswith(CONTENT_SUFFIXES):
                continue
            path = directory / name
            language, relative = _language_of(path.relative_to(root), languages, config)
            yield ContentFile(path=path, language=language, relative=relative, resources=resources)


def _is_index(name):
    return name.endswith(CONTENT_SUFFIXES) and Path(name).stem.split(".")[0] == "index"


def _readable(directory, names, skipped):
    """``names`` in ``directory``, sorted, without hidden ones, and without links, FIFOs
    and devices, which are added to ``skipped``."""
    kept = []
    for name in sorted(names):
        if name.startswith("."):
            continue
        reason = problem(directory / name)
        if reason:
            skipped.append(Skipped(str(directory / name), reason))
        else:
            kept.append(name)
    return kept


def _bundle(folder, skipped):
    """A leaf bundle's index pages, and its passive files besides them (its other
    pages aside) as ``(name, path)``, sorted."""
    pages, resources = [], []
    for directory, subdirectories, files in os.walk(folder):
        directory = Path(directory)
        subdirectories[:] = _readable(directory, subdirectories, skipped)
        for name in _readable(directory, files, skipped):
            path = directory / name
            if name.endswith(CONTENT_SUFFIXES):
                if directory == folder and _is_index(name):
                    pages.append(name)
            elif not importable(name):
                skipped.append(Skipped(str(path), NOT_PASSIVE))
            elif (size := path.lstat().st_size) > MAX_RESOURCE_BYTES:
                skipped.append(Skipped(str(path), too_large(size, MAX_RESOURCE_BYTES)))
            else:
                resources.append((path.relative_to(folder).as_posix(), path))
    return pages, tuple(sorted(resources))


def _language_of(relative, languages, config):
    """A ``name.zh.md`` suffix names the language; otherwise the folder's language."""
    parts = relative.name.split(".")
    if len(parts) >= 3 and parts[-2] in config.languages:
        plain = ".".join([*parts[:-2], parts[-1]])
        return parts[-2], PurePosixPath(relative.parent.as_posix(), plain)
    if len(languages) == 1 or config.default_language not in languages:
        return languages[0], PurePosixPath(relative.as_posix())
    return config.default_language, PurePosixPath(relative.as_posix())
