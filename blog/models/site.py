"""What the site is — its languages, titles, author, menus and links — as its owner
sets them in the admin (read through ``blog.languages``, which caches them)."""

from django.conf import settings
from django.core.validators import RegexValidator, URLValidator
from django.db import models, transaction

from .validators import validate_link

# A URL prefix, as Hugo's language keys are written: ``en``, ``fr``, ``zh-hant``.
LANGUAGE_PREFIX = r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*"
validate_language_prefix = RegexValidator(
    rf"^{LANGUAGE_PREFIX}\Z", "A language code in lower case, e.g. en, fr or zh-hant."
)


class SiteSettingsManager(models.Manager):
    def current(self):
        """The site's one settings row; a fresh install gets it, and its languages,
        from the bootstrap settings (SITE_TITLE, BLOG_LANGUAGES, BLOG_DEFAULT_LANGUAGE)."""
        found = self.filter(pk=1).first()
        if found is not None:
            return found
        with transaction.atomic():
            found, created = self.get_or_create(pk=1)
            if created and not Language.objects.exists():
                Language.objects.bulk_create(bootstrap_languages())
        return found


def bootstrap_languages():
    return [
        Language(
            code=code,
            language_code=options.get("language_code", code),
            name=options.get("name", code),
            weight=weight,
            is_default=code == settings.BLOG_DEFAULT_LANGUAGE,
            title=options.get("title", ""),
        )
        for weight, (code, options) in enumerate(settings.BLOG_LANGUAGES.items(), 1)
    ]


class SiteSettings(models.Model):
    """The site as a whole (one row). Empty fields fall back to SITE_TITLE and SITE_URL."""

    class TitleCase(models.TextChoices):
        AP = "ap", "AP style"
        CHICAGO = "chicago", "Chicago style"
        GO = "go", "Every word"
        FIRST_UPPER = "firstupper", "First letter only"
        NONE = "none", "As written"

    title = models.CharField(max_length=300, blank=True, help_text="Empty: SITE_TITLE.")
    base_url = models.CharField(
        "base URL",
        max_length=200,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="The public address, e.g. https://example.com. Empty: SITE_URL.",
    )
    author = models.CharField(max_length=200, blank=True, help_text="Hugo's params.author.")
    pluralize_list_titles = models.BooleanField(
        default=True,
        help_text="A section without its own page is titled in the plural, as Hugo does.",
    )
    capitalize_list_titles = models.BooleanField(
        default=True, help_text="… and capitalized in the title case style below."
    )
    title_case_style = models.CharField(max_length=12, choices=TitleCase, default=TitleCase.AP)

    objects = SiteSettingsManager()

    class Meta:
        verbose_name = verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        self.base_url = self.base_url.rstrip("/")
        super().save(*args, **kwargs)


class Language(models.Model):
    """A language of the site: its URL prefix, what pages and feeds announce, its titles."""

    code = models.CharField(
        max_length=10,  # as the language of posts, pages, sections and series
        unique=True,
        validators=[validate_language_prefix],
        help_text="The URL prefix, e.g. fr for /fr/. Posts name their language by it.",
    )
    language_code = models.CharField(
        max_length=35,
        blank=True,
        help_text="Announced by feeds and hreflang (Hugo's languageCode), e.g. fr-CA.",
    )
    name = models.CharField(max_length=100, help_text="Shown in the language menu, e.g. Français.")
    weight = models.IntegerField(default=0, help_text="Lower comes first.")
    is_default = models.BooleanField("default language", default=False, help_text="Where / leads.")
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text="The site's title in this language. Empty: the site's.",
    )
    description = models.TextField(blank=True, help_text="Hugo's params.description.")

    class Meta:
        ordering = ["weight", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_language",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class MenuEntry(models.Model):
    """An entry of a language's main menu (Hugo's ``menus.main``)."""

    language = models.ForeignKey(Language, on_delete=models.CASCADE, related_name="menu")
    name = models.CharField(max_length=100)
    url = models.CharField(
        "URL",
        max_length=500,
        validators=[validate_link],
        help_text="A path such as /en/series/, or an address.",
    )
    weight = models.IntegerField(default=0)

    class Meta:
        ordering = ["weight", "id"]
        verbose_name_plural = "menu entries"

    def __str__(self):
        return self.name


class SocialLink(models.Model):
    """A profile of the author elsewhere (GitHub, Mastodon, e-mail …)."""

    site = models.ForeignKey(SiteSettings, on_delete=models.CASCADE, related_name="links")
    name = models.CharField(max_length=100)
    url = models.CharField(
        "URL",
        max_length=500,
        validators=[validate_link],
        help_text="An address such as https://github.com/you or mailto:you@example.org.",
    )
    weight = models.IntegerField(default=0)

    class Meta:
        ordering = ["weight", "id"]

    def __str__(self):
        return self.name
