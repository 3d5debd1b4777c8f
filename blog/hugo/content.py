"""Finding a Hugo site's content files: pages, page bundles and ``_index.md`` files."""

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CONTENT_SUFFIXES = (".md", ".markdown")
TAXONOMY_FOLDERS = frozenset({"tags", "categories", "series"})


@dataclass(frozen=True)
class ContentFile:
    path: Path
    language: str
    relative: PurePosixPath  # to the content folder, language suffix removed

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

    def resources(self):
        """A leaf bundle's files besides its page, as ``(name, path)``, sorted."""
        if not self.is_bundle:
            return []
        folder = self.path.parent
        return sorted(
            (path.relative_to(folder).as_posix(), path)
            for path in folder.rglob("*")
            if path.is_file()
            and path != self.path
            and not any(part.startswith(".") for part in path.relative_to(folder).parts)
            and path.suffix not in CONTENT_SUFFIXES
        )


def walk_content(config):
    """Every content file of every language, in a stable order."""
    folders = {}
    for language in config.languages.values():
        for folder in language.content_dirs:
            folders.setdefault(folder, []).append(language.code)
    for folder, languages in folders.items():
        if folder.is_dir():
            yield from _walk(folder, languages, config)


def _walk(root, languages, config):
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        names = sorted(name for name in files if name.endswith(CONTENT_SUFFIXES))
        if any(Path(name).stem.split(".")[0] == "index" for name in names):
            # A leaf bundle: one page, everything else in the folder is its resources.
            subdirectories[:] = []
            names = [name for name in names if Path(name).stem.split(".")[0] == "index"]
        for name in names:
            if name.startswith("."):
                continue
            path = Path(directory) / name
            language, relative = _language_of(path.relative_to(root), languages, config)
            yield ContentFile(path=path, language=language, relative=relative)


def _language_of(relative, languages, config):
    """A ``name.zh.md`` suffix names the language; otherwise the folder's language."""
    parts = relative.name.split(".")
    if len(parts) >= 3 and parts[-2] in config.languages:
        plain = ".".join([*parts[:-2], parts[-1]])
        return parts[-2], PurePosixPath(relative.parent.as_posix(), plain)
    if len(languages) == 1 or config.default_language not in languages:
        return languages[0], PurePosixPath(relative.as_posix())
    return config.default_language, PurePosixPath(relative.as_posix())
