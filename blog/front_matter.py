"""Front matter of Hugo content files: YAML (``---``), TOML (``+++``) or JSON (``{…}``).

Hugo's field names are case-insensitive, so keys come back lower-cased.
"""

import datetime as dt
import json
import tomllib

import yaml


class FrontMatterError(ValueError):
    pass


def split_front_matter(text):
    """Return ``(metadata, body)``; a file without front matter has empty metadata."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0].strip()
    if first_line == "---":
        raw, body = _fenced(text, "---")
        metadata = _parse(yaml.safe_load, raw, "YAML", yaml.YAMLError)
    elif first_line == "+++":
        raw, body = _fenced(text, "+++")
        metadata = _parse(tomllib.loads, raw, "TOML", tomllib.TOMLDecodeError)
    elif text.startswith("{"):
        raw, body = _json_object(text)
        metadata = _parse(json.loads, raw, "JSON", json.JSONDecodeError)
    else:
        return {}, text
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise FrontMatterError("front matter is not a mapping of fields")
    return {str(key).lower(): value for key, value in metadata.items()}, body


def _fenced(text, fence):
    lines = text.split("\n")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == fence:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :])
    raise FrontMatterError(f"front matter is not closed by a '{fence}' line")


def _json_object(text):
    try:
        _, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        raise FrontMatterError(f"invalid JSON front matter: {error}") from error
    return text[:end], text[end:].lstrip("\r\n")


def _parse(load, raw, kind, errors):
    try:
        return load(raw)
    except errors as error:
        raise FrontMatterError(f"invalid {kind} front matter: {error}") from error


def as_datetime(value, default_timezone=dt.UTC):
    """A front-matter date as an aware datetime; no offset means ``default_timezone``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError as error:
            raise FrontMatterError(f"not a date: {value!r}") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=default_timezone)


def as_list(value):
    """Hugo accepts ``tags: x`` as well as ``tags: [x, y]``."""
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(item).strip() for item in value if str(item).strip()]
    return [str(value).strip()]
