"""Drafts and review: an Author hands a draft to the Editors, an Editor asks for changes
or publishes, each step emailed; "View on site" opens a draft for those who may see it."""

import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.db import DatabaseError

from blog import notifications
from blog.admin.posts import PostAdmin
from blog.models import Post

from .test_authoring import change_url, errors_of, form_data

LIST = "/admin/blog/post/"
# Review mail goes once a save has committed: the requests of tests that read the mail
# commit, as they do outside a test.
COMMITTED = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(db):
    call_command("create_roles", verbosity=0)
    made = {}
    for name, role in [("ann", "Author"), ("ed", "Editor"), ("eve", "Editor")]:
        made[name] = User.objects.create_user(
            name, email=f"{name}@example.org", password="pw", is_staff=True
        )
        made[name].groups.add(Group.objects.get(name=role))
    return made


def signed_in(client, user):
    client.force_login(user)
    return client


def mark_ready(client, user, post, **form):
    return signed_in(client, user).post(
        change_url(post), form_data(post, ready_for_review="on", **form), follow=True
    )


@pytest.fixture
def draft(people, make_post):
    return make_post(
        title="Ann's draft", slug="anns-draft", status=Post.Status.DRAFT, author=people["ann"]
    )


@COMMITTED
def test_an_author_marks_a_draft_ready_and_the_editors_are_emailed(client, people, draft):
    mark_ready(client, people["ann"], draft)
    draft.refresh_from_db()
    assert draft.ready_for_review and draft.status == Post.Status.DRAFT
    (message,) = mail.outbox
    assert sorted(message.to) == ["ed@example.org", "eve@example.org"]
    assert message.subject == "Ready for review: Ann's draft"
    assert f"/admin/blog/post/{draft.pk}/change/" in message.body


def test_an_author_marking_ready_still_cannot_publish(client, people, draft):
    mark_ready(client, people["ann"], draft, status="published", published_at_0="2026-01-01")
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT


def test_an_author_cannot_write_the_editors_note(client, people, draft):
    signed_in(client, people["ann"]).post(change_url(draft), form_data(draft, review_note="Done!"))
    draft.refresh_from_db()
    assert draft.review_note == ""


def test_the_editors_list_filters_drafts_ready_for_review(client, people, draft, make_post):
    Post.objects.filter(pk=draft.pk).update(ready_for_review=True)
    make_post(title="Someone's other draft", status=Post.Status.DRAFT)
    page = errors_of(signed_in(client, people["ed"]).get(f"{LIST}?state=review"))
    assert "☑ Ready for review" in page
    assert "Ann's draft" in page
    assert "Someone's other draft" not in page


@COMMITTED
def test_an_editor_requests_changes_and_the_author_reads_them(client, people, draft):
    Post.objects.filter(pk=draft.pk).update(ready_for_review=True)
    draft.refresh_from_db()
    note = "Define the kernel before using it."
    signed_in(client, people["ed"]).post(change_url(draft), form_data(draft, review_note=note))
    draft.refresh_from_db()
    assert not draft.ready_for_review
    (message,) = mail.outbox
    assert message.to == ["ann@example.org"]
    assert note in message.body
    shown = errors_of(signed_in(client, people["ann"]).get(change_url(draft)))
    assert f"Changes requested: {note}" in shown


def test_the_list_says_changes_were_requested(client, people, draft):
    Post.objects.filter(pk=draft.pk).update(review_note="Shorter, please.")
    page = errors_of(signed_in(client, people["ed"]).get(f"{LIST}?state=changes"))
    assert "✎ Changes requested" in page


@COMMITTED
def test_publishing_ends_the_review_and_tells_the_author(client, people, draft):
    Post.objects.filter(pk=draft.pk).update(ready_for_review=True, review_note="Old note.")
    editor = signed_in(client, people["ed"])
    editor.post(LIST, {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Post.Status.PUBLISHED
    assert (draft.ready_for_review, draft.review_note) == (False, "")
    (message,) = mail.outbox
    assert message.to == ["ann@example.org"]
    assert draft.permalink in message.body


@COMMITTED
def test_publishing_through_the_form_tells_the_author(client, people, draft):
    form = form_data(
        draft, status="published", published_at_0="2026-01-01", published_at_1="09:00:00"
    )
    signed_in(client, people["ed"]).post(change_url(draft), form)
    assert [message.subject for message in mail.outbox] == ["Published: Ann's draft"]


@COMMITTED
def test_publishing_a_title_with_a_line_break_tells_the_author_on_one_line(client, people, draft):
    form = form_data(
        draft,
        title="Ann's\r\ndraft",
        status="published",
        published_at_0="2026-01-01",
        published_at_1="09:00:00",
    )
    response = signed_in(client, people["ed"]).post(change_url(draft), form)
    assert response.status_code == 302
    assert [message.subject for message in mail.outbox] == ["Published: Ann's draft"]


def test_a_review_mail_subject_keeps_to_one_line_whatever_the_title(people, draft):
    draft.title = "Ann's\ndraft\r"
    assert notifications.submitted_for_review(draft, people["ann"])
    assert [message.subject for message in mail.outbox] == ["Ready for review: Ann's draft"]


@COMMITTED
def test_scheduling_tells_the_author_when_readers_will_see_it(client, people, draft):
    form = form_data(
        draft, status="published", published_at_0="2999-01-01", published_at_1="09:00:00"
    )
    signed_in(client, people["ed"]).post(change_url(draft), form)
    (message,) = mail.outbox
    assert message.subject == "Scheduled: Ann's draft"
    assert "scheduled for 2999-01-01 09:00" in message.body


def test_the_review_mail_waits_for_the_save_to_commit(
    client, people, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as after_commit:
        mark_ready(client, people["ann"], draft)
    assert mail.outbox == []
    for callback in after_commit:
        callback()
    assert [message.subject for message in mail.outbox] == ["Ready for review: Ann's draft"]


def test_a_save_that_rolls_back_sends_no_review_mail(
    client, people, draft, monkeypatch, django_capture_on_commit_callbacks
):
    def fail(*args):
        raise DatabaseError("the disk is full")

    monkeypatch.setattr(PostAdmin, "save_related", fail)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DatabaseError):
        mark_ready(client, people["ann"], draft)
    draft.refresh_from_db()
    assert not draft.ready_for_review
    assert mail.outbox == []


class Inbox:
    """What a local SMTP server received (aiosmtpd's handler interface)."""

    def __init__(self):
        self.messages = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's name
        self.messages.append(envelope)
        self.arrived.set()
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    yield inbox
    controller.stop()


@COMMITTED
def test_review_mail_goes_through_a_configured_smtp_server(client, people, draft, smtp_server):
    mark_ready(client, people["ann"], draft)
    assert smtp_server.arrived.wait(60)  # set at once; generous for a busy box
    (envelope,) = smtp_server.messages
    assert sorted(envelope.rcpt_tos) == ["ed@example.org", "eve@example.org"]
    assert b"Subject: Ready for review: Ann's draft" in envelope.content


@COMMITTED
def test_a_mail_server_that_is_down_does_not_lose_the_save(client, people, draft, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = mark_ready(client, people["ann"], draft)
    draft.refresh_from_db()
    assert draft.ready_for_review
    assert "the notification email could not be sent" in errors_of(response)


# "View on site" for a post readers cannot see yet


def test_view_on_site_of_a_draft_opens_the_staff_preview(client, people, draft):
    page = signed_in(client, people["ann"]).get(change_url(draft))
    assert f'href="/admin/blog/post/{draft.pk}/draft/"' in page.content.decode()
    preview = client.get(f"/admin/blog/post/{draft.pk}/draft/")
    assert "<h1" in preview.content.decode() and "Ann&#x27;s draft" in preview.content.decode()
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in preview["Cache-Control"]


def test_the_staff_preview_of_a_published_post_leads_to_its_page(admin_client, make_post):
    post = make_post()
    response = admin_client.get(f"/admin/blog/post/{post.pk}/draft/")
    assert response["Location"] == post.get_absolute_url()


def test_another_authors_draft_has_no_staff_preview_for_an_author(client, people, make_post):
    theirs = make_post(title="Xyzzy", status=Post.Status.DRAFT, author=people["ed"])
    response = signed_in(client, people["ann"]).get(f"/admin/blog/post/{theirs.pk}/draft/")
    assert response.status_code == 404
