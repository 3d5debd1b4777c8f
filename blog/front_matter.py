"""Front matter of Hugo content files: YAML (``---``), TOML (``+++``) or JSON (``{…}``).

Hugo's field names are case-insensitive, so keys come back lower-cased. Front matter
comes from untrusted files, so it is bounded: at most ``MAX_FRONT_MATTER_BYTES``, YAML
without aliases, and whatever a parser refuses (nesting too deep for it, a number of
thousands of digits, a date that does not exist) is a ``FrontMatterError``.
"""

import datetime as dt
import json
import tomllib

import yaml

from .files import size_label

# Real front matter is a few hundred bytes; a page's own text has no such limit.
MAX_FRONT_MATTER_BYTES = 64 * 1024


class FrontMatterError(ValueError):
    pass


class _NoAliasLoader(yaml.SafeLoader):
    """YAML's safe subset without aliases (``*name``): a few hundred bytes of nested
    aliases name billions of values (a "billion laughs"), and neither front matter
    nor a site's configuration needs them."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not accepted", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)


def load_yaml(text):
    """Parse untrusted YAML: safe types only, no aliases."""
    return yaml.load(text, Loader=_NoAliasLoader)


# What a parser raises on input it cannot take, besides its own errors.
PARSER_LIMITS = (ValueError, RecursionError)


def one_line(error):
    """A parser's message on one line (YAML's quote the lines around the error), so
    that an import's report keeps one line per file."""
    return " ".join(str(error).split())


def split_front_matter(text):
    """Return ``(metadata, body)``; a file without front matter has empty metadata."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0].strip()
    if first_line == "---":
        raw, body = _fenced(text, "---")
        metadata = _parse(load_yaml, raw, "YAML")
    elif first_line == "+++":
        raw, body = _fenced(text, "+++")
        metadata = _parse(tomllib.loads, raw, "TOML")
    elif text.startswith("{"):
        raw, body = _json_object(text)
        metadata = _parse(json.loads, raw, "JSON")
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
    except PARSER_LIMITS as error:
        raise FrontMatterError(f"invalid JSON front matter: {one_line(error)}") from error
    return text[:end], text[end:].lstrip("\r\n")


def _parse(load, raw, kind):
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER_BYTES:
        raise FrontMatterError(
            f"front matter is larger than {size_label(MAX_FRONT_MATTER_BYTES)}; "
            "move long text into the page's body"
        )
    try:
        return load(raw)
    except (yaml.YAMLError, *PARSER_LIMITS) as error:
        raise FrontMatterError(f"invalid {kind} front matter: {one_line(error)}") from error


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
