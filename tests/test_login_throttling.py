"""Admin logins are throttled (django-axes): wrong passwords for one username from
one address lock that pair out for a while, whatever password comes next."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db.models import F

LOGIN = "/admin/login/"
RIGHT, WRONG = "a-long-right-password", "wrong"


@pytest.fixture
def staff(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed
    return User.objects.create_user("ann", password=RIGHT, is_staff=True)


def log_in(client, password, username="ann", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers
    )


def fail(client, times, **headers):
    for _ in range(times):
        log_in(client, WRONG, **headers)


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_limit_is_five_failures(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_a_right_password_before_the_limit_logs_in(client, staff):
    fail(client, 4)
    assert logged_in(log_in(client, RIGHT))


def test_a_wrong_password_before_the_limit_shows_the_login_form_again(client, staff):
    fail(client, 3)
    response = log_in(client, WRONG)
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()


def test_five_wrong_passwords_lock_out_even_the_right_one(client, staff):
    fail(client, 5)
    response = log_in(client, RIGHT)
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_lifts_after_the_cool_off(client, staff, settings):
    fail(client, 5)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME)
    assert logged_in(log_in(client, RIGHT))


def test_a_successful_login_forgets_the_earlier_failures(client, staff):
    fail(client, 4)
    assert logged_in(log_in(client, RIGHT))
    client.logout()
    fail(client, 4)
    assert logged_in(log_in(client, RIGHT))


def test_the_lockout_holds_one_username_from_one_address(client, staff):
    fail(client, 5, REMOTE_ADDR="203.0.113.7")
    assert logged_in(log_in(client, RIGHT, REMOTE_ADDR="198.51.100.2"))


def test_behind_a_proxy_the_address_it_saw_is_locked_out(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        log_in(client, WRONG, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7")
    response = log_in(client, RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7")
    assert response.status_code == 429


def test_role_permissions_still_come_from_the_groups(client, staff):
    call_command("create_roles", verbosity=0)
    staff.groups.add(Group.objects.get(name="Editor"))
    assert logged_in(log_in(client, RIGHT))
    assert client.get("/admin/blog/post/").status_code == 200
    assert User.objects.get(pk=staff.pk).has_perm("blog.publish_post")


def test_a_forwarded_address_that_is_no_address_counts_as_the_peers(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    log_in(client, WRONG, HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="192.0.2.1")
    assert AccessAttempt.objects.get().ip_address == "192.0.2.1"


def test_an_overlong_username_is_recorded_cut_to_the_column(client, staff):
    log_in(client, WRONG, username="a" * 10_000)
    assert AccessAttempt.objects.get().username == "a" * 255
