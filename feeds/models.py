from datetime import timedelta

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

# How long a reader's last count counts: readers report at least daily while they
# have subscribers, and one that stops fetching has lost them.
COUNTS_FOR = timedelta(days=7)


class PostAnnouncement(models.Model):
    """What the WebSub hub was last told about a post: the feeds it was an item of
    and a fingerprint of what its items showed. Announcing a post again pings only
    the feeds that changed since. Kept by the post's id, not a foreign key, so
    that a deleted post can still be announced gone."""

    post_id = models.BigIntegerField(unique=True)
    topics = models.JSONField(default=list)
    fingerprint = models.CharField(max_length=64, blank=True)
    # When the post's visibility changes next (it is scheduled, embargoed or
    # expires), and an announcement is already queued for then.
    next_check_at = models.DateTimeField(null=True, blank=True)
    announced_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"post {self.post_id}"


class SubscribedFeedQuerySet(models.QuerySet):
    def with_totals(self):
        """Each feed with ``subscriber_total`` and ``reader_total`` over the readers
        that reported within ``COUNTS_FOR`` (one that stopped fetching stops counting),
        and ``last_report``."""
        recent = models.Q(readers__reported_at__gte=timezone.now() - COUNTS_FOR)
        return self.annotate(
            subscriber_total=Coalesce(models.Sum("readers__subscribers", filter=recent), 0),
            reader_total=models.Count("readers", filter=recent),
            last_report=models.Max("readers__reported_at"),
        )


class SubscribedFeed(models.Model):
    """A feed URL that feed readers have announced subscribers for."""

    path = models.CharField(max_length=500, unique=True)

    objects = SubscribedFeedQuerySet.as_manager()

    class Meta:
        ordering = ["path"]

    def __str__(self):
        return self.path


class ReaderCount(models.Model):
    """The latest number of subscribers a feed reader announced for a feed."""

    feed = models.ForeignKey(SubscribedFeed, on_delete=models.CASCADE, related_name="readers")
    reader = models.CharField(max_length=100)
    reader_feed_id = models.CharField(
        max_length=100, blank=True, help_text="The reader's own id for the feed, if it gives one."
    )
    subscribers = models.PositiveIntegerField()
    user_agent = models.CharField(max_length=500)
    reported_at = models.DateTimeField()

    class Meta:
        ordering = ["-subscribers"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "reader", "reader_feed_id"], name="unique_reader_count"
            )
        ]

    def __str__(self):
        return f"{self.reader}: {self.subscribers}"
