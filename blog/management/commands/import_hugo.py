from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.hugo.importer import HugoImporter
from blog.imports import ImportAborted, progress_writer, refresh_planner_statistics


class Command(BaseCommand):
    help = (
        "Import a Hugo site (config, series data, sections, posts, bundles, aliases, "
        "translations). Re-running updates in place and changes nothing that is unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("site_dir", type=Path, help="The Hugo site's folder (with hugo.toml).")
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Abort and change nothing if any file fails or is skipped.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; keep nothing."
        )

    def handle(self, *args, site_dir, strict, dry_run, verbosity, **options):
        importer = HugoImporter(
            site_dir, strict=strict, dry_run=dry_run, progress=progress_writer(self, verbosity)
        )
        try:
            report = importer.run()
        except ImportAborted as error:
            raise CommandError(str(error)) from error
        if report.changed and not dry_run:
            refresh_planner_statistics()
        for where, reason in report.skipped:
            self.stderr.write(f"skipped: {where}: {reason}")
        for where, reason in report.failed:
            self.stderr.write(f"failed: {where}: {reason}")
        for where, error in report.math_errors:
            self.stderr.write(
                f"math not typeset (the post is kept; its page shows the TeX): {where}: "
                f"{error.expression} — {error.message}"
            )
        for change in report.site_changes:
            self.stdout.write(f"site: {change}")
        for note in report.notes:
            self.stdout.write(f"note: {note}")
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        for line in report.related_summaries():
            self.stdout.write(line)
        prefix = "Dry run (nothing kept): " if dry_run else ""
        changes = "" if report.changed or dry_run else " (nothing changed)"
        self.stdout.write(f"{prefix}posts: {report.summary()}{changes}")
