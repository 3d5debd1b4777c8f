"""Email to the people a post's review concerns, through Django's email backend
(the console by default; SMTP when the ``EMAIL_*`` settings name a server).

A mail server that is down must not lose the author's save: a failed send is
logged and reported back, and the save stands. The admin sends these once the save
has committed (``transaction.on_commit``), so a save that rolls back tells no one.
"""

import logging
import smtplib

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from .languages import absolute_url
from .rendering import single_line

logger = logging.getLogger(__name__)


def _change_url(post):
    return absolute_url(reverse("admin:blog_post_change", args=[post.pk]))


def _send(subject, message, recipients):
    """Send to the addresses there are; answer whether the mail went (or had no one to go to).
    The subject is put on one line: a title stored before saves cleaned titles (or set
    without a save) must not make ``send_mail`` refuse it (``BadHeaderError``)."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return True
    subject = single_line(subject)
    try:
        send_mail(subject, message, None, recipients)
    except (smtplib.SMTPException, OSError) as error:
        logger.error("Could not send “%s” to %s: %s", subject, ", ".join(recipients), error)
        return False
    return True


def editors():
    """Everyone who may publish (and so review) posts, superusers included."""
    users = get_user_model().objects.with_perm(
        "blog.publish_post", backend="django.contrib.auth.backends.ModelBackend"
    )
    return users.exclude(email="")


def submitted_for_review(post, by):
    return _send(
        f"Ready for review: {post.title}",
        f"{by.get_full_name() or by.get_username()} marked “{post.title}” ready for review.\n\n"
        f"Read it, publish it or request changes: {_change_url(post)}\n",
        [user.email for user in editors().exclude(pk=by.pk)],
    )


def changes_requested(post, by):
    if post.author is None or post.author == by:
        return True
    return _send(
        f"Changes requested: {post.title}",
        f"{by.get_full_name() or by.get_username()} asks for changes to “{post.title}”:\n\n"
        f"{post.review_note}\n\nThe draft: {_change_url(post)}\n",
        [post.author.email],
    )


def published(post, by):
    """Published now, or scheduled: the author learns when readers will see it."""
    if post.author is None or post.author == by:
        return True
    if post.published_at and post.published_at > timezone.now():
        verb = f"scheduled for {timezone.localtime(post.published_at):%Y-%m-%d %H:%M %Z}"
        subject = "Scheduled"
    else:
        verb, subject = "published", "Published"
    return _send(
        f"{subject}: {post.title}",
        f"{by.get_full_name() or by.get_username()} {verb} “{post.title}”.\n\n"
        f"Its address: {post.permalink}\n",
        [post.author.email],
    )
