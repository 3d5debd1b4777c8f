from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.feed_import import MAX_FEED_BYTES, TOO_LARGE, import_feed
from blog.imports import ImportAborted, progress_writer


class Command(BaseCommand):
    help = "Import an RSS 2.0 or Atom feed (e.g. a Hugo tag feed) as published posts."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Path to the feed file.")
        parser.add_argument(
            "--strict", action="store_true", help="Abort and change nothing if any item fails."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; keep nothing."
        )

    def handle(self, *args, file, strict, dry_run, verbosity, **options):
        try:
            with file.open("rb") as handle:
                data = handle.read(MAX_FEED_BYTES + 1)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        if len(data) > MAX_FEED_BYTES:
            raise CommandError(f"{file} is {TOO_LARGE}.")
        try:
            report = import_feed(
                data, strict=strict, dry_run=dry_run, progress=progress_writer(self, verbosity)
            )
        except ImportAborted as error:
            raise CommandError(f"{file}: {error}") from error
        for where, reason in report.failed:
            self.stderr.write(f"failed: {where}: {reason}")
        prefix = "Dry run (nothing kept): " if dry_run else ""
        self.stdout.write(f"{prefix}{report.summary()}")
