import io
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from blog.languages import absolute_url
from blog.roles import AUTHOR, EDITOR

ROLES = {"author": AUTHOR, "editor": EDITOR}


class Command(BaseCommand):
    help = (
        "Create an Author or Editor account ready to log in to the admin: staff, in its "
        "role's group, with an initial password (printed once unless given)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), required=True)
        parser.add_argument("--email", default="", help="where review notifications go")
        parser.add_argument(
            "--password", help="the initial password; without it, a random one is printed"
        )

    def handle(self, *args, username, role, email, password, **options):
        users = get_user_model()
        if users.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        initial = password or secrets.token_urlsafe(12)
        with transaction.atomic():
            call_command("create_roles", stdout=io.StringIO())  # the groups, up to date
            user = users.objects.create_user(username, email=email, password=initial)
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(Group.objects.get(name=ROLES[role]))
        self.stdout.write(f"{username}: {ROLES[role]}, can log in at {absolute_url('/admin/')}")
        if password is None:
            self.stdout.write(f"Initial password (shown once): {initial}")
        self.stdout.write(
            "They should change it at once: "
            f"{absolute_url('/admin/password_change/')} (the admin's “Change password”)."
        )
