from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.hugo.exporter import ExportError, HugoExporter


class Command(BaseCommand):
    help = "Write every post, series, section, alias and bundle file out as a Hugo site."

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="An empty or missing folder.")

    def handle(self, *args, target, **options):
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} is not empty; export into a new folder.")
        try:
            report = HugoExporter(target).run()
        except ExportError as error:
            raise CommandError(f"Export stopped: {error}.") from error
        self.stdout.write(f"Exported {report.summary()} to {target}.")
