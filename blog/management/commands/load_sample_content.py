from pathlib import Path

from django.core.management.base import BaseCommand

from blog.hugo.importer import HugoImporter

SAMPLE_SITE = Path(__file__).resolve().parents[2] / "sample_content"


class Command(BaseCommand):
    help = "Add the sample blog (a short series and a few tagged posts) where it is missing."

    def handle(self, *args, **options):
        report = HugoImporter(SAMPLE_SITE, strict=True, only_new=True).run()
        self.stdout.write(f"Sample content: {report.created} posts added.")
