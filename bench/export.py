"""Export benchmark: a CSV export of 100,000 rows, streamed as the site streams it, against the same
export built whole in memory first.

It fills a dedicated PostgreSQL database (its name must contain "bench") with the demo content
and synthetic good practices (``corpus.py``, each in one language only, so each is a row of the
practices listing), until the English practices listing holds ``--rows`` pages. Then it exports
that listing through the export view (``/en/export/practices.csv``) and reads the response as a
WSGI server would, piece by piece, and builds the same CSV whole (every page read at once, the
text joined) as a plain response would have to. For each: rows per second, bytes, the peak of the
Python heap (tracemalloc, in a second run, since tracing slows the code) and of the process's
resident memory (sampled while the export runs) above what it was before.

    createdb -h 127.0.0.1 -p 5433 -U postgres kooperativa_exportbench
    DATABASE_URL=postgres://postgres@127.0.0.1:5433/kooperativa_exportbench ELASTICSEARCH_URL= \\
        .venv/bin/python bench/export.py --rows 100000
    dropdb -h 127.0.0.1 -p 5433 -U postgres kooperativa_exportbench
"""
# ruff: noqa: E402 - Django is set up before the project's modules are imported

import argparse
import gc
import os
import shutil
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperativa.settings.dev")
MEDIA_ROOT = tempfile.mkdtemp(prefix="kooperativa-bench-media-")
os.environ["MEDIA_ROOT"] = MEDIA_ROOT

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse, QueryDict
from django.test import RequestFactory
from django.utils import translation

from bench.corpus import SyntheticCorpus
from demo.loader import DemoContentLoader
from export import views
from export.columns import hub_licence, row
from export.formats import csv_text
from export.sources import listing_queryset
from home.models import HomePage
from practices.models import GoodPracticePage, PracticeIndexPage
from search.backends import facet_labels
from search.documents import PageUrls

EXPORT_URL = "/en/export/practices.csv"


def say(text):
    print(text, flush=True)


class PracticesInOneLanguage(SyntheticCorpus):
    """The corpus's good practices, each kept in its original language only."""

    def work(self):
        original, *_translations = super().work()
        if type(original[2]) is GoodPracticePage:
            yield original


def resident_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class ResidentPeak:
    """The process's resident memory, sampled every 20 ms while the block runs."""

    def __enter__(self):
        self.before = resident_kib()
        self.peak = self.before
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()
        return self

    def sample(self):
        while self.running:
            self.peak = max(self.peak, resident_kib())
            time.sleep(0.02)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, resident_kib())

    @property
    def growth_mib(self):
        return (self.peak - self.before) / 1024


def index_page():
    return PracticeIndexPage.objects.live().get(locale__language_code="en")


def listing_rows():
    with translation.override("en"):
        index = index_page()
        return listing_queryset(index, index.filter_class(QueryDict(), locale=index.locale)).count()


def streamed():
    """The export view's response, read piece by piece: (rows, bytes)."""
    request = RequestFactory(HTTP_HOST="127.0.0.1").get(EXPORT_URL)
    with translation.override("en"):
        response = views.listing_export(request, "practices", "csv")
        size = lines = 0
        for piece in response.streaming_content:
            size += len(piece)
            lines += piece.count(b"\r\n")
        response.close()
    return lines - 1, size


def whole():
    """The same CSV built whole: every page read at once, the text joined, one response."""
    request = RequestFactory(HTTP_HOST="127.0.0.1").get(EXPORT_URL)
    with translation.override("en"):
        index = index_page()
        pages = list(listing_queryset(index, index.filter_class(QueryDict(), locale=index.locale)))
        labels, urls, licence = facet_labels("en"), PageUrls(), hub_licence()
        rows = [
            row(page, labels, lambda page: request.build_absolute_uri(urls(page)), licence) for page in pages
        ]
        response = HttpResponse("".join(csv_text(rows)), content_type="text/csv; charset=utf-8")
    return response.content.count(b"\r\n") - 1, len(response.content)


def measure(name, export):
    gc.collect()
    with ResidentPeak() as resident:
        started = time.perf_counter()
        rows, size = export()
        seconds = time.perf_counter() - started
    gc.collect()
    tracemalloc.start()
    export()
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "way": name,
        "rows": rows,
        "seconds": seconds,
        "rows/s": rows / seconds,
        "MiB written": size / 2**20,
        "peak Python heap MiB (tracemalloc)": traced_peak / 2**20,
        "peak RSS growth MiB": resident.growth_mib,
    }


def arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000, help="rows the export holds")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def prepare(rows, seed):
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not HomePage.objects.exists():
        say("Loading the demo content …")
        DemoContentLoader(write=lambda line: None).load()
    missing = rows - listing_rows()
    if missing > 0:
        say(f"Inserting {missing:,} synthetic good practices …")
        corpus = PracticesInOneLanguage(seed)
        started = time.perf_counter()
        corpus.add(missing, progress=lambda line: None)
        say(f"  in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def main():
    args = arguments()
    database = settings.DATABASES["default"]["NAME"]
    if connection.vendor != "postgresql" or "bench" not in database:
        sys.exit("DATABASE_URL must name a dedicated PostgreSQL database with 'bench' in its name.")
    if settings.ELASTICSEARCH_URL:
        sys.exit("Run it with ELASTICSEARCH_URL= (the listing export reads only the database).")
    # As in production: no SQL logging on every query.
    settings.DEBUG = False
    try:
        prepare(args.rows, args.seed)
        say(f"The English practices listing holds {listing_rows():,} pages.\n")
        results = [measure("streamed (the export view)", streamed), measure("built whole, then sent", whole)]
    finally:
        shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    columns = list(results[0])
    say("| " + " | ".join(columns) + " |")
    say("|" + "---|" * len(columns))
    for result in results:
        cells = [
            f"{value:,.1f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else value
            for value in result.values()
        ]
        say("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
