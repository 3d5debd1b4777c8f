"""A Hugo site's configuration, as far as the migration needs it.

Every folder it names (content folders, module mounts, themes and their data) is
confined to the site folder; one that is not is skipped and reported (see folder.py).
"""

import datetime as dt
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from ..files import UnsafeFile, read_regular
from ..front_matter import PARSER_LIMITS, load_yaml, one_line
from .folder import Skipped, inside

CONFIG_NAMES = ("hugo", "config")
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
DATA_SUFFIXES = CONFIG_SUFFIXES
# A real hugo.toml or data file is a few kilobytes.
MAX_CONFIG_BYTES = 1024 * 1024


class HugoConfigError(Exception):
    pass


@dataclass(frozen=True)
class Language:
    code: str
    title: str
    language_code: str
    content_dirs: tuple
    weight: int
    name: str = ""  # languageName
    description: str = ""  # params.description, the language's or the site's
    menu: tuple = ()  # menus.main: (name, url) pairs by weight, the language's or the site's


@dataclass(frozen=True)
class HugoConfig:
    site_dir: Path
    base_url: str
    title: str
    default_language: str
    default_language_in_subdir: bool
    languages: dict  # code -> Language, by weight
    permalinks: dict  # section -> pattern
    timezone: dt.tzinfo
    data_dirs: tuple  # the site's own data first: it overrides the themes'
    author: str = ""  # params.author
    pluralize_list_titles: bool = True
    capitalize_list_titles: bool = True
    title_case_style: str = "ap"

    def url_prefix(self, lang):
        """``/en`` or, for the default language outside a subdirectory, nothing."""
        if lang == self.default_language and not self.default_language_in_subdir:
            return ""
        return f"/{lang}"

    def data(self, name, skipped=None):
        """A data file (``data/<name>.toml`` …), the site's entries over the themes'.
        A data file that is a link (or no regular file) is added to ``skipped``."""
        skipped = [] if skipped is None else skipped
        merged = {}
        for directory in reversed(self.data_dirs):
            for suffix in DATA_SUFFIXES:
                path = directory / f"{name}{suffix}"
                if not (path.exists() or path.is_symlink()):
                    continue
                try:
                    entries = _load(path)
                except UnsafeFile as error:
                    skipped.append(Skipped(str(path), str(error)))
                    continue
                if not isinstance(entries, dict):
                    raise HugoConfigError(f"{path}: not a table of entries")
                merged.update(_lower_keys(entries, deep=False))
        return merged


def load_config(site_dir, skipped=None):
    """The configuration of the Hugo site in ``site_dir``. What it names outside the
    site folder, or through a link, is left out and added to ``skipped``."""
    skipped = [] if skipped is None else skipped
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise HugoConfigError(f"{site_dir} is not a directory")
    root = site_dir.resolve()
    raw = _read_config(root, skipped)
    try:
        languages = _languages(root, raw, skipped)
        default_language = str(raw.get("defaultcontentlanguage", "en")).lower()
        if default_language not in languages:
            default_language = next(iter(languages))
        return HugoConfig(
            site_dir=root,
            base_url=str(raw.get("baseurl", "")).rstrip("/"),
            title=str(raw.get("title", "")),
            default_language=default_language,
            default_language_in_subdir=bool(raw.get("defaultcontentlanguageinsubdir", False)),
            languages=languages,
            permalinks=_permalinks(raw.get("permalinks", {})),
            timezone=_timezone(raw.get("timezone")),
            data_dirs=_data_dirs(root, raw, skipped),
            author=str(_params(raw).get("author") or ""),
            pluralize_list_titles=bool(raw.get("pluralizelisttitles", True)),
            capitalize_list_titles=bool(raw.get("capitalizelisttitles", True)),
            title_case_style=str(raw.get("titlecasestyle", "ap")).lower(),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise HugoConfigError(f"an unusable value in the configuration: {error!r}") from error


def _read_config(root, skipped):
    config = {}
    for name in CONFIG_NAMES:
        for suffix in CONFIG_SUFFIXES:
            path = root / f"{name}{suffix}"
            if path.exists() or path.is_symlink():
                config = _lower_keys(_config_file(path))
                break
        if config:
            break
    try:
        config_dir = inside(root, "config/_default")
    except UnsafeFile as error:
        skipped.append(Skipped(str(root / "config/_default"), str(error)))
        config_dir = None
    if config_dir is not None and config_dir.is_dir():
        for path in sorted(config_dir.iterdir()):
            if path.suffix not in CONFIG_SUFFIXES:
                continue
            try:
                values = _lower_keys(_load(path))
            except UnsafeFile as error:
                skipped.append(Skipped(str(path), str(error)))
                continue
            if path.stem in CONFIG_NAMES:
                config.update(values)
            else:
                config[path.stem.lower()] = values
    if not config:
        raise HugoConfigError(f"no hugo.toml, config.toml, config.yaml or config/ in {root}")
    return config


def _config_file(path):
    """The site's own configuration file: without it there is nothing to import."""
    try:
        return _load(path)
    except UnsafeFile as error:
        raise HugoConfigError(f"{path}: {error}") from error


def _load(path):
    data = read_regular(path, MAX_CONFIG_BYTES)
    try:
        text = data.decode("utf-8")
        if path.suffix == ".toml":
            return tomllib.loads(text)
        if path.suffix == ".json":
            return json.loads(text)
        return load_yaml(text) or {}
    except (yaml.YAMLError, *PARSER_LIMITS) as error:
        raise HugoConfigError(f"{path}: {one_line(error)}") from error


def _lower_keys(value, deep=True):
    """Hugo's configuration keys are case-insensitive."""
    if not isinstance(value, dict):
        return value
    return {str(key).lower(): (_lower_keys(item) if deep else item) for key, item in value.items()}


def _languages(root, raw, skipped):
    configured = raw.get("languages") or {}
    default_dir = raw.get("contentdir", "content")
    mounts = (raw.get("module") or {}).get("mounts") or []
    if not configured:
        code = str(raw.get("defaultcontentlanguage", "en")).lower()
        configured = {code: {}}
    languages = []
    for code, options in configured.items():
        options = options or {}
        wanted = [
            mount["source"]
            for mount in mounts
            if mount.get("target") == "content" and mount.get("lang") in (code, None)
        ]
        if "contentdir" in options:
            wanted.append(options["contentdir"])
        if not wanted:
            wanted.append(default_dir)
        languages.append(
            Language(
                code=code,
                title=str(options.get("title", raw.get("title", ""))),
                language_code=str(options.get("languagecode", raw.get("languagecode", code))),
                content_dirs=_folders(root, wanted, skipped),
                weight=int(options.get("weight", 0)),
                name=str(options.get("languagename", "")),
                description=str(
                    _params(options).get("description") or _params(raw).get("description") or ""
                ),
                menu=_main_menu(options) or _main_menu(raw),
            )
        )
    languages.sort(key=lambda language: language.weight)
    return {language.code: language for language in languages}


def _params(raw):
    params = raw.get("params") or {}
    return params if isinstance(params, dict) else {}


def _main_menu(raw):
    """``menus.main`` (or the older ``menu.main``): (name, url) pairs by weight."""
    menus = raw.get("menus") or raw.get("menu") or {}
    entries = [entry for entry in menus.get("main") or [] if isinstance(entry, dict)]
    entries.sort(key=lambda entry: int(entry.get("weight", 0)))
    return tuple(
        (str(entry.get("name") or entry.get("identifier") or ""), str(entry.get("url") or ""))
        for entry in entries
        if entry.get("url")
    )


def _permalinks(raw):
    """Section → pattern, from Hugo's old flat form or the newer ``[permalinks.page]``."""
    if isinstance(raw.get("page"), dict):
        raw = raw["page"]
    return {str(section).lower(): str(pattern) for section, pattern in raw.items()}


def _timezone(name):
    if not name:
        return dt.UTC
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise HugoConfigError(f"unknown timeZone {name!r}") from error


def _data_dirs(root, raw, skipped):
    themes = raw.get("theme") or []
    if isinstance(themes, str):
        themes = [themes]
    themes_dir = Path(str(raw.get("themesdir", "themes")))
    return _folders(
        root, ["data", *(themes_dir / str(theme) / "data" for theme in themes)], skipped
    )


def _folders(root, wanted, skipped):
    """The folders of ``wanted`` (as configured) that lie inside the site, in order and
    once each; the others are added to ``skipped``."""
    folders = []
    for value in wanted:
        try:
            folders.append(inside(root, value))
        except UnsafeFile as error:
            if Skipped(str(value), str(error)) not in skipped:
                skipped.append(Skipped(str(value), str(error)))
    return tuple(dict.fromkeys(folders))
