import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.backups import BackupError, read_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by `backup`: every checksum is verified first, then "
        "the database and media are replaced in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="An archive written by `backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the content of a database that is not empty.",
        )

    def handle(self, *args, file, force, **options):
        with tempfile.TemporaryDirectory() as folder:
            try:
                backup = read_backup(file, folder)
                restore_backup(backup, replace=force)
            except (BackupError, OSError) as error:
                raise CommandError(str(error)) from error
        counts = backup.manifest["counts"]
        self.stdout.write(
            f"Restored {sum(counts.values())} rows and {len(backup.media)} media files "
            f"from {file} (written {backup.manifest['created_at']})."
        )
