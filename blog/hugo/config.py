"""A Hugo site's configuration, as far as the migration needs it."""

import datetime as dt
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

CONFIG_NAMES = ("hugo", "config")
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
DATA_SUFFIXES = CONFIG_SUFFIXES


class HugoConfigError(Exception):
    pass


@dataclass(frozen=True)
class Language:
    code: str
    title: str
    language_code: str
    content_dirs: tuple
    weight: int


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

    def url_prefix(self, lang):
        """``/en`` or, for the default language outside a subdirectory, nothing."""
        if lang == self.default_language and not self.default_language_in_subdir:
            return ""
        return f"/{lang}"

    def data(self, name):
        """A data file (``data/<name>.toml`` …), the site's entries over the themes'."""
        merged = {}
        for directory in reversed(self.data_dirs):
            for suffix in DATA_SUFFIXES:
                path = directory / f"{name}{suffix}"
                if path.is_file():
                    merged.update(_lower_keys(_load(path), deep=False))
        return merged


def load_config(site_dir):
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise HugoConfigError(f"{site_dir} is not a directory")
    raw = _read_config(site_dir)
    languages = _languages(site_dir, raw)
    default_language = str(raw.get("defaultcontentlanguage", "en")).lower()
    if default_language not in languages:
        default_language = next(iter(languages))
    return HugoConfig(
        site_dir=site_dir,
        base_url=str(raw.get("baseurl", "")).rstrip("/"),
        title=str(raw.get("title", "")),
        default_language=default_language,
        default_language_in_subdir=bool(raw.get("defaultcontentlanguageinsubdir", False)),
        languages=languages,
        permalinks=_permalinks(raw.get("permalinks", {})),
        timezone=_timezone(raw.get("timezone")),
        data_dirs=_data_dirs(site_dir, raw),
    )


def _read_config(site_dir):
    config = {}
    for name in CONFIG_NAMES:
        for suffix in CONFIG_SUFFIXES:
            path = site_dir / f"{name}{suffix}"
            if path.is_file():
                config = _lower_keys(_load(path))
                break
        if config:
            break
    config_dir = site_dir / "config" / "_default"
    if config_dir.is_dir():
        for path in sorted(config_dir.iterdir()):
            if path.suffix not in CONFIG_SUFFIXES:
                continue
            values = _lower_keys(_load(path))
            if path.stem in CONFIG_NAMES:
                config.update(values)
            else:
                config[path.stem.lower()] = values
    if not config:
        raise HugoConfigError(f"no hugo.toml, config.toml, config.yaml or config/ in {site_dir}")
    return config


def _load(path):
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".toml":
            return tomllib.loads(text)
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.safe_load(text) or {}
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, yaml.YAMLError) as error:
        raise HugoConfigError(f"{path}: {error}") from error


def _lower_keys(value, deep=True):
    """Hugo's configuration keys are case-insensitive."""
    if not isinstance(value, dict):
        return value
    return {str(key).lower(): (_lower_keys(item) if deep else item) for key, item in value.items()}


def _languages(site_dir, raw):
    configured = raw.get("languages") or {}
    default_dir = raw.get("contentdir", "content")
    mounts = (raw.get("module") or {}).get("mounts") or []
    if not configured:
        code = str(raw.get("defaultcontentlanguage", "en")).lower()
        configured = {code: {}}
    languages = []
    for code, options in configured.items():
        options = options or {}
        content_dirs = [
            site_dir / mount["source"]
            for mount in mounts
            if mount.get("target") == "content" and mount.get("lang") in (code, None)
        ]
        if "contentdir" in options:
            content_dirs.append(site_dir / options["contentdir"])
        if not content_dirs:
            content_dirs.append(site_dir / default_dir)
        languages.append(
            Language(
                code=code,
                title=str(options.get("title", raw.get("title", ""))),
                language_code=str(options.get("languagecode", raw.get("languagecode", code))),
                content_dirs=tuple(dict.fromkeys(path.resolve() for path in content_dirs)),
                weight=int(options.get("weight", 0)),
            )
        )
    languages.sort(key=lambda language: language.weight)
    return {language.code: language for language in languages}


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


def _data_dirs(site_dir, raw):
    themes = raw.get("theme") or []
    if isinstance(themes, str):
        themes = [themes]
    themes_dir = site_dir / raw.get("themesdir", "themes")
    return (site_dir / "data", *(themes_dir / theme / "data" for theme in themes))
