from django.core.management.base import BaseCommand, CommandError

from blog.rerendering import BATCH_SIZE, renderables, rerender


class Command(BaseCommand):
    help = (
        "Render the stored HTML of every post, page, section and series again from its "
        "Markdown (after an upgrade that renders differently) and store what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; store nothing."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Rows per transaction (default {BATCH_SIZE}).",
        )

    def handle(self, *args, dry_run, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        verb = "would change" if dry_run else "changed"
        for renderable in renderables():
            outcome = rerender(renderable, batch_size=batch_size, dry_run=dry_run)
            self.stdout.write(
                f"{outcome.name}: {outcome.rendered} rendered, {len(outcome.changed)} {verb} "
                f"({outcome.feed_changed} in their feed form), "
                f"{len(outcome.problems)} math problems"
            )
            if dry_run or options["verbosity"] > 1:
                for where, fields in outcome.changed:
                    self.stdout.write(f"  {verb}: {where} ({', '.join(fields)})")
            for where, problem in outcome.problems:
                self.stdout.write(f"  problem: {where}: {' '.join(problem.split())}")
