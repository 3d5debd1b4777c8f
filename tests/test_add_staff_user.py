"""Onboarding: one command makes an account that can log in and write (or publish)."""

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client


def logs_in(username, password):
    """Whether the admin's login form takes the password (and leaves a session that opens
    the add-post page)."""
    client = Client()
    form = {"username": username, "password": password, "next": "/admin/blog/post/add/"}
    response = client.post("/admin/login/", form)
    return response.status_code == 302 and client.get("/admin/blog/post/add/").status_code == 200


def add(*arguments):
    out = io.StringIO()
    call_command("add_staff_user", *arguments, stdout=out)
    return out.getvalue()


def test_a_new_author_logs_in_and_may_write_but_not_publish(db):
    printed = add("ann", "--role", "author", "--email", "ann@example.org")
    password = re.search(r"Initial password \(shown once\): (\S+)", printed)[1]
    assert logs_in("ann", password)
    user = User.objects.get(username="ann")
    assert (user.is_staff, user.email) == (True, "ann@example.org")
    assert user.has_perm("blog.add_post") and not user.has_perm("blog.publish_post")


def test_a_new_editor_may_publish_with_the_password_given(db):
    printed = add("ed", "--role", "editor", "--password", "a long pass phrase")
    assert "Initial password" not in printed
    assert logs_in("ed", "a long pass phrase")
    assert User.objects.get(username="ed").has_perm("blog.publish_post")


def test_an_existing_username_is_refused(db):
    User.objects.create_user("ann")
    with pytest.raises(CommandError, match="already exists"):
        add("ann", "--role", "author")
