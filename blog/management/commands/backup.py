from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.backups import write_backup


class Command(BaseCommand):
    help = (
        "Write the whole site (database and media files) to one .tar.gz archive, "
        "with a manifest of row counts and checksums. See blog/backups.py for the format."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The archive to write, e.g. quire.tar.gz.")

    def handle(self, *args, file, **options):
        try:
            manifest = write_backup(file)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror or error}") from error
        rows = sum(manifest["counts"].values())
        media = len(manifest["files"]) - 1
        self.stdout.write(f"Backed up {rows} rows and {media} media files to {file}.")
