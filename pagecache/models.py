from django.db import models


class ContentGeneration(models.Model):
    """One row: the number of the public content's current state.

    Advanced after every change that could alter a public page or feed, and when the
    next scheduled post, embargo or expiry comes due; cached responses are filed
    under the number, so advancing it retires them all, on every server at once.
    """

    number = models.BigIntegerField(default=1)
    next_scheduled_change = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"generation {self.number}"
