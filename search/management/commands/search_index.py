import os
import time

from django.core.management.base import BaseCommand, CommandError

from search import engine, indexing


class Command(BaseCommand):
    help = (
        "Manage the Elasticsearch knowledge index. rebuild: fill new indexes and swap the aliases "
        "(no downtime); update: index everything again in place and clear the backlog; "
        "status: documents per language against live pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status"])
        parser.add_argument(
            "--workers",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="rebuild: processes filling languages side by side (default: 2, or 1 on one core)",
        )

    def handle(self, *args, action, workers, **options):
        if not engine.configured():
            raise CommandError("ELASTICSEARCH_URL is not set: the site searches the database.")
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        self.workers = workers
        try:
            getattr(self, action)()
        except engine.ERRORS as error:
            raise CommandError(f"Elasticsearch at the configured URL did not answer: {error}") from error

    def rebuild(self):
        started = time.monotonic()
        self.stdout.write(f"Rebuilding the knowledge index, {self.workers} language(s) at a time:")
        total = indexing.rebuild(progress=self.stdout.write, workers=self.workers)
        self.stdout.write(
            self.style.SUCCESS(f"{total} documents indexed in {time.monotonic() - started:.1f} s.")
        )

    def update(self):
        started = time.monotonic()
        indexing.ensure_indexes()
        backlog = indexing.catch_up(limit=100_000)
        total = indexing.bulk_index(
            indexing.searchable_pages(), progress=lambda n: self.stdout.write(f"  {n} …")
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} documents updated, {backlog} queued update(s) processed "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def status(self):
        rows = indexing.status()
        self.stdout.write(f"{'language':<10}{'index':>8}{'live pages':>12}")
        for row in rows:
            indexed = "—" if row["indexed"] is None else row["indexed"]
            mark = "" if row["indexed"] == row["live"] else "  ← out of step"
            self.stdout.write(f"{row['locale']:<10}{indexed!s:>8}{row['live']:>12}{mark}")
        pending = indexing.PendingIndexUpdate.objects.count()
        self.stdout.write(f"Queued updates waiting for the engine: {pending}")
