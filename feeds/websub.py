"""WebSub publishing: when a post changes, tell the hub which feeds changed.

Both steps are tasks for the database worker (``manage.py db_worker``), so no
request waits on the hub: ``announce_post`` works out the feeds that changed
since the post was last announced and queues one ``ping_hub`` for each that has
none waiting; a ping the hub cannot take now is queued again, later each time,
until it does.
"""

import hashlib
import logging
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from blog.models import Post

from .models import PostAnnouncement
from .topics import topics_of

logger = logging.getLogger(__name__)

TIMEOUT = 10  # seconds a hub has to answer a ping


class HubUnavailable(Exception):
    """The hub could not take a ping now (down, overloaded, unreachable)."""


@task()
def announce_post(post_id):
    """Queue a ping for every feed the post's last change altered: all the feeds
    it was or is in when what its items show changed, else those it joined or left."""
    with transaction.atomic():
        last, _ = PostAnnouncement.objects.select_for_update().get_or_create(post_id=post_id)
        post = (
            Post.objects.published()
            .filter(pk=post_id)
            .select_related("series")
            .prefetch_related("tags", "categories")
            .first()
        )
        topics = topics_of(post) if post else set()
        fingerprint = item_fingerprint(post) if post else ""
        before = set(last.topics)
        changed = before | topics if fingerprint != last.fingerprint else before ^ topics
        for topic in sorted(changed - waiting_pings(changed)):
            ping_hub.enqueue(topic)
        last.topics, last.fingerprint = sorted(topics), fingerprint
        check_again_at = Post.objects.filter(pk=post_id).next_visibility_change()
        if check_again_at and check_again_at != last.next_check_at:
            # A scheduled post appears (an expiring one goes) with no save: look again then.
            announce_post.using(run_after=check_again_at).enqueue(post_id)
        last.next_check_at = check_again_at
        last.save()


def waiting_pings(topics):
    """The topics among ``topics`` whose ping is queued and not yet sent. The change
    being announced is committed already, so the hub, fetching the feed once that
    ping reaches it, learns of it too: while many posts change at once (an import)
    or the hub is down, each feed has one ping waiting, not one per change."""
    waiting = DBTaskResult.objects.filter(
        task_path=ping_hub.module_path,
        status=TaskResultStatus.READY,
        args_kwargs__args__0__in=list(topics),
    )
    return set(waiting.values_list("args_kwargs__args__0", flat=True))


def item_fingerprint(post):
    """What a feed item shows of ``post``, condensed: a change to it changes every
    feed the post is in."""
    shown = [
        post.title,
        post.permalink,
        post.published_at.isoformat(),
        post.updated_at.isoformat(),
        post.summary_html,
        post.body_html,
        *(tag.name for tag in post.tag_list),  # in order, as items list them
    ]
    return hashlib.sha256("\0".join(shown).encode()).hexdigest()


@task()
def ping_hub(topic, attempt=0):
    """Tell the hub that ``topic`` changed; when it cannot take the news now, try
    again after WEBSUB_RETRY_DELAY seconds, doubling up to WEBSUB_RETRY_MAX_DELAY."""
    hub = settings.WEBSUB_HUB_URL
    if not hub:
        return
    try:
        publish(hub, topic)
    except HubUnavailable as error:
        delay = min(settings.WEBSUB_RETRY_DELAY * 2**attempt, settings.WEBSUB_RETRY_MAX_DELAY)
        logger.warning("WebSub hub unavailable for %s (%s); again in %ss", topic, error, delay)
        retry_at = timezone.now() + timedelta(seconds=delay)
        ping_hub.using(run_after=retry_at).enqueue(topic, attempt + 1)


def publish(hub, topic):
    """POST the publish notification WebSub hubs take: hub.mode=publish, hub.url=topic.

    A 5xx, a 429 or no answer is the hub being unavailable; any other error status
    is the hub refusing the ping, which no retry would change, and is raised."""
    data = urlencode({"hub.mode": "publish", "hub.url": topic}).encode()
    request = urllib.request.Request(hub, data=data, headers={"User-Agent": "Quire"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT):
            pass
    except urllib.error.HTTPError as error:
        if error.code >= 500 or error.code == 429:
            raise HubUnavailable(f"HTTP {error.code}") from error
        raise
    except OSError as error:  # refused, unreachable, timed out
        raise HubUnavailable(str(error)) from error
