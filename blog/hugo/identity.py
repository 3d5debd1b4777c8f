"""What a Hugo site says it is — title, base URL, author, languages and list-title
rules — carried into Quire's site settings (``blog.models.site``); its menus follow
once its content is in (``menus.py``)."""

from django.core.exceptions import ValidationError

from ..imports import ImportAborted
from ..models import Language, SiteSettings


def carry_site_settings(config):
    """Make the site settings say what ``config`` says; return what changed, one line
    each ("site title: 'Quire' → 'Chen Kai Blog'"). Languages the Hugo site does not
    have are left as they are (posts may be written in them)."""
    changes = []
    site = SiteSettings.objects.current()
    wanted = {
        "title": config.title,
        "base_url": config.base_url,
        "author": config.author,
        "pluralize_list_titles": config.pluralize_list_titles,
        "capitalize_list_titles": config.capitalize_list_titles,
        "title_case_style": config.title_case_style,
    }
    if _update(site, {k: v for k, v in wanted.items() if v != ""}, "site", changes):
        site.save()
    default = config.default_language
    for row in Language.objects.filter(is_default=True).exclude(code=default):
        row.is_default = False
        row.save()
        changes.append(f"language {row.code}: no longer the default")
    for weight, language in enumerate(config.languages.values(), 1):
        _carry_language(config, language, weight, changes)
    return changes


def _carry_language(config, language, weight, changes):
    row = Language.objects.filter(code=language.code).first()
    created = row is None
    if created:
        row = Language(code=language.code)
    values = {
        "language_code": language.language_code,
        "name": language.name or row.name or language.code,
        "weight": weight,
        "is_default": language.code == config.default_language,
        # A title of its own only where it differs from the site's.
        "title": language.title if language.title != config.title else "",
        "description": language.description,
    }
    if created:
        for field, value in values.items():
            setattr(row, field, value)
        _check(row)
        row.save()
        changes.append(f"language {row.code}: added ({row.name}, announced as {row.language_code})")
    elif _update(row, values, f"language {row.code}", changes):
        _check(row)
        row.save()


def _check(language):
    """Refuse a language Quire cannot hold or serve (a key such as ``en_GB`` is no URL
    prefix; one past ``Language.code``'s length would not fit): the whole import
    stops, so no content is filed under it."""
    try:
        language.full_clean()
    except ValidationError as error:
        problems = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
        raise ImportAborted(
            f"the configuration's language “{language.code}” cannot be a language of the "
            f"site ({problems})"
        ) from error


def _update(row, values, label, changes):
    """Set ``values`` on ``row``; record each that differs. Whether any did."""
    changed = False
    for field, value in values.items():
        before = getattr(row, field)
        if before != value:
            setattr(row, field, value)
            changes.append(
                f"{label} {row._meta.get_field(field).verbose_name}: {before!r} → {value!r}"
            )
            changed = True
    return changed
