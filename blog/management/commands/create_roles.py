from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError

from blog.roles import ROLE_PERMISSIONS


class Command(BaseCommand):
    help = "Create (or bring up to date) the Author and Editor groups and their permissions."

    def handle(self, *args, **options):
        for role, wanted in ROLE_PERMISSIONS.items():
            permissions = []
            for app_label, model, codename in wanted:
                permission = Permission.objects.filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                ).first()
                if permission is None:
                    raise CommandError(f"missing permission {app_label}.{codename}: migrate first")
                permissions.append(permission)
            group, created = Group.objects.get_or_create(name=role)
            group.permissions.set(permissions)
            verb = "created" if created else "updated"
            self.stdout.write(f"{role}: {verb}, {len(permissions)} permissions.")
