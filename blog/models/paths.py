"""Old addresses of a post and the files that travel with it."""

from django.core.exceptions import ValidationError
from django.db import models

from .validators import validate_site_path


class Alias(models.Model):
    """An old path of a post that answers ``301`` to the post's permalink."""

    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="aliases")
    path = models.CharField(
        max_length=500,
        unique=True,
        validators=[validate_site_path],
        help_text="Site-relative, e.g. /old/path/",
    )

    class Meta:
        verbose_name_plural = "aliases"

    def __str__(self):
        return self.path

    def clean(self):
        posts = self._meta.get_field("post").related_model.objects
        if posts.at_address(self.path).exclude(pk=self.post_id).exists():
            raise ValidationError(
                {"path": "Another post lives at this address, so readers would never reach this."}
            )


def post_file_path(instance, filename):
    return f"posts/{instance.post_id}/{filename}"


class PostFile(models.Model):
    """A file that belongs to a post, such as an image of an imported page bundle.

    ``original_path`` is where the old site served it; that path answers ``301``
    to the file's new address.
    """

    post = models.ForeignKey("Post", on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=post_file_path, max_length=500)
    name = models.CharField(max_length=300, help_text="The name the post's body refers to.")
    sha256 = models.CharField(max_length=64, editable=False)
    original_path = models.CharField(
        max_length=500, blank=True, validators=[validate_site_path], db_index=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "name"], name="unique_file_name_per_post")
        ]

    def __str__(self):
        return self.name
