"""Search benchmark: our per-language Elasticsearch indexes, the database fallback and Wagtail's
stock Elasticsearch backend, on the same synthetic multilingual corpus, in one run.

For each size it inserts synthetic pages up to that many (see ``corpus.py``), indexes them into
each backend (documents per second), then runs the same query mix on each (``workload.py``):
a warm-up, then the measured queries, reporting p50/p95/p99. Results are printed as Markdown
for docs/benchmarks.md. It needs a dedicated PostgreSQL database (its name must contain
"bench"), ELASTICSEARCH_URL, and SEARCH_INDEX_PREFIX starting with "bench"; it deletes the
"<prefix>-*" indexes when it ends, and the database is yours to drop:

    createdb -h 127.0.0.1 -p 5433 -U postgres kooperativa_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5433/kooperativa_bench \\
    ELASTICSEARCH_URL=http://127.0.0.1:9200 SEARCH_INDEX_PREFIX=bench \\
        .venv/bin/python bench/search_benchmark.py --sizes 10000 100000 --queries 500
    dropdb -h 127.0.0.1 -p 5433 -U postgres kooperativa_bench
"""
# ruff: noqa: E402 - Django is set up before the project's modules are imported

import argparse
import io
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperativa.settings.dev")
# The demo loader's images and PDFs go to a scratch folder, not the project's media/.
MEDIA_ROOT = tempfile.mkdtemp(prefix="kooperativa-bench-media-")
os.environ["MEDIA_ROOT"] = MEDIA_ROOT

import django

django.setup()

import wagtail
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from wagtail.search.backends import get_search_backend

from bench import workload
from bench.corpus import SyntheticCorpus, demo_words, synthetic_pages
from demo.loader import DemoContentLoader
from home.models import HomePage
from practices.models import GoodPracticePage
from search import engine, indexing
from search.documents import indexed_models
from search.indexes import all_aliases

FALLBACK_WARMUP = 10  # fallback warm-up queries, also used to estimate how many it can run
BREAKDOWN_QUERIES = 150  # queries replayed, whole and in parts, for "where Elasticsearch's time goes"
REBUILD_WORKERS = 2  # what `manage.py search_index rebuild` uses on a machine with two or more cores
# p95 against the stock backend's: at most this share of its time (issue #15)
TARGETS = {
    "p95_ms": 35,
    "of_stock_p95": 1.0,
    "speedup": 10,
    "docs_per_second": 2800,
    "demo_rebuild_seconds": 30,
}


def say(line=""):
    print(line, flush=True)


def arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10_000, 100_000], help="corpus sizes, ascending"
    )
    parser.add_argument("--queries", type=int, default=500, help="measured queries per backend and size")
    parser.add_argument("--warmup", type=int, default=50, help="warm-up queries before measuring")
    parser.add_argument(
        "--fallback-budget",
        type=float,
        default=600,
        help="seconds the database fallback may take for its measured queries at one size (estimated "
        "from its warm-up); beyond that an evenly spread part of the mix runs",
    )
    parser.add_argument(
        "--without-fallback",
        action="store_true",
        help="leave the database fallback out (it needs minutes a size, and hours beyond 100,000 pages)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def refuse_unless_dedicated():
    database = settings.DATABASES["default"]["NAME"]
    if connection.vendor != "postgresql" or "bench" not in database:
        sys.exit("DATABASE_URL must name a dedicated PostgreSQL database with 'bench' in its name.")
    if not settings.ELASTICSEARCH_URL:
        sys.exit("ELASTICSEARCH_URL must be set.")
    if not settings.SEARCH_INDEX_PREFIX.startswith("bench"):
        sys.exit("SEARCH_INDEX_PREFIX must start with 'bench', to keep away from the site's indexes.")


# --- results ---------------------------------------------------------------------------------


@dataclass
class Run:
    backend: str
    size: int
    documents: int
    index_seconds: float
    timings: list = field(default_factory=list)
    positions: list = field(default_factory=list)  # which queries of the mix were measured
    notes: list = field(default_factory=list)

    @property
    def docs_per_second(self):
        return self.documents / self.index_seconds

    def on(self, positions):
        """Timings of the given queries of the mix (those this run measured)."""
        wanted = set(positions)
        return [
            timing
            for position, timing in zip(self.positions, self.timings, strict=True)
            if position in wanted
        ]


# --- environment -----------------------------------------------------------------------------


def machine():
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    node = next(iter(engine.client().nodes.info(metric="jvm")["nodes"].values()))
    heap = node["jvm"]["mem"]["heap_max_in_bytes"] / 2**20
    versions = (platform.python_version(), django.__version__, wagtail.__version__)
    return {
        "CPU": f"{os.cpu_count()} cores ({platform.machine()})",
        "RAM": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "Elasticsearch": f"{node['version']}, heap {heap:.0f} MiB, 1 shard per index, 0 replicas",
        "PostgreSQL": f"{connection.pg_version // 10000}.{connection.pg_version % 100}",
        "Python / Django / Wagtail": " / ".join(versions),
    }


def prepare_database():
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if synthetic_pages().exists():
        sys.exit("The database already holds a benchmark corpus: drop it and create it again.")
    if not HomePage.objects.exists():
        say("Loading the demo content (about a minute and a half) …")
        DemoContentLoader(write=lambda line: None).load()


def settle_database():
    """VACUUM ANALYZE after the bulk insert: a site's database is not read for the first time right
    after a million rows arrived (the first read of new rows also writes their hint bits), and the
    planner should know the tables' sizes."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def knowledge_pages():
    return sum(model.objects.count() for model in indexed_models())


def index_bytes(indexes):
    stats = engine.client().indices.stats(index=indexes, metric="store")
    return stats["_all"]["primaries"]["store"]["size_in_bytes"]


def chunks(queryset, size=1000):
    """A queryset in lists of ``size``, as Wagtail's update_index reads it."""
    start = 0
    while items := list(queryset[start : start + size]):
        yield items
        start += size


# --- indexing --------------------------------------------------------------------------------


def index_elasticsearch(size):
    started = time.perf_counter()
    documents = indexing.rebuild(progress=lambda line: None, workers=REBUILD_WORKERS)
    seconds = time.perf_counter() - started
    run = Run("Elasticsearch (ours)", size, documents, seconds)
    run.notes.append(
        f"rebuild: {documents:,} documents in {seconds:.1f} s with {REBUILD_WORKERS} worker processes, "
        f"as `search_index rebuild` runs by default; "
        f"index size {index_bytes(','.join(all_aliases())) / 2**20:,.0f} MiB"
    )
    return run


def index_database(size):
    backend = get_search_backend()  # WAGTAILSEARCH_BACKENDS["default"]: Wagtail's database search
    documents = 0
    started = time.perf_counter()
    for model in indexed_models():
        index = backend.get_index_for_model(model)
        for items in chunks(model.get_indexed_objects().order_by("pk")):
            index.add_items(model, items)
            documents += len(items)
    return Run("Database fallback", size, documents, time.perf_counter() - started)


def stock_backend():
    return get_search_backend(
        "wagtail.search.backends.elasticsearch9",
        URLS=engine.node_urls(),
        INDEX_PREFIX=f"{settings.SEARCH_INDEX_PREFIX}-wagtail-",
        TIMEOUT=30,
        INDEX_SETTINGS={"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0}}},
    )


def index_stock(backend, size):
    index = backend.get_index_for_model(GoodPracticePage)
    documents = 0
    started = time.perf_counter()
    index.reset()
    for model in workload.StockSearch.models:
        index.add_model(model)
    for model in workload.StockSearch.models:
        for items in chunks(model.get_indexed_objects().order_by("pk")):
            index.add_items(model, items)
            documents += len(items)
    index.refresh()
    run = Run("Wagtail stock Elasticsearch", size, documents, time.perf_counter() - started)
    run.notes.append(f"index size {index_bytes(index.name) / 2**20:,.0f} MiB")
    return run


# --- querying --------------------------------------------------------------------------------


def run_queries(run, search, warmup, queries, positions=None):
    positions = positions if positions is not None else list(range(len(queries)))
    workload.measure(search, warmup, progress=say, label="warm-up ")
    run.positions = positions
    run.timings = workload.measure(search, [queries[i] for i in positions], progress=say)


def fallback_positions(search, warmup, queries, budget):
    """Which queries the fallback can run within the budget, judged by a short warm-up."""
    estimate = statistics.mean(timing.seconds for timing in workload.measure(search, warmup, progress=say))
    count = min(len(queries), max(50, int(budget / estimate)))
    return workload.spread(len(queries), count), estimate


def run_fallback(size, warmup, queries, budget):
    say(f"[{size:,}] Database fallback: filling Wagtail's database search index …")
    run = index_database(size)
    say(f"  {run.documents:,} documents in {run.index_seconds:.1f} s")
    positions, estimate = fallback_positions(
        workload.search_database, warmup[:FALLBACK_WARMUP], queries, budget
    )
    if len(positions) < len(queries):
        run.notes.append(
            f"about {estimate:.1f} s a query in the warm-up, so {len(positions)} of the {len(queries)} "
            f"queries ran (evenly spread over the mix) to stay within {budget:.0f} s"
        )
    run_queries(run, workload.search_database, [], queries, positions)
    return run


# --- report ----------------------------------------------------------------------------------


def ms(value):
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def report(runs, demo, sizes, info, breakdown):
    say("\n## Machine\n")
    for key, value in info.items():
        say(f"- {key}: {value}")
    say(f"- demo content rebuild (`manage.py search_index rebuild`): {demo[0]} documents in {demo[1]:.1f} s")

    say("\n## Results\n")
    say("| backend | documents | indexing | docs/s | queries | p50 ms | p95 ms | p99 ms | with results |")
    say("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for run in runs:
        p50, p95, p99 = workload.percentiles(run.timings)
        found = sum(timing.count > 0 for timing in run.timings) / len(run.timings)
        say(
            f"| {run.backend} | {run.size:,} | {run.index_seconds:,.1f} s | {run.docs_per_second:,.0f} | "
            f"{len(run.timings)} | {ms(p50)} | {ms(p95)} | {ms(p99)} | {found:.0%} |"
        )

    say("\n## Speed-up of our Elasticsearch search, on the same queries\n")
    say("| documents | against | queries | p50 | p95 | mean |")
    say("|--:|---|--:|--:|--:|--:|")
    speedups = {}
    for size in sizes:
        ours = next(run for run in runs if run.size == size and run.backend.startswith("Elasticsearch"))
        for other in (run for run in runs if run.size == size and run is not ours):
            mine, theirs = ours.on(other.positions), other.timings
            ratio = [
                b / a for a, b in zip(workload.percentiles(mine), workload.percentiles(theirs), strict=True)
            ]
            mean = statistics.mean(t.seconds for t in theirs) / statistics.mean(t.seconds for t in mine)
            speedups[size, other.backend] = ratio[1]
            cells = [
                f"{size:,}",
                other.backend,
                str(len(theirs)),
                *(f"{value:.1f}×" for value in (*ratio[:2], mean)),
            ]
            say("| " + " | ".join(cells) + " |")

    say("\n## p50 / p95 ms by kind of query\n")
    kinds = list(workload.KINDS)
    say("| backend | documents | " + " | ".join(kinds) + " |")
    say("|---|--:|" + "--:|" * len(kinds))
    for run in runs:
        cells = []
        for kind in kinds:
            timings = [timing for timing in run.timings if timing.kind == kind]
            cells.append(
                "/".join(ms(value) for value in workload.percentiles(timings)[:2]) if timings else "–"
            )
        say(f"| {run.backend} | {run.size:,} | " + " | ".join(cells) + " |")

    say(f"\n## Where Elasticsearch's time goes, {max(sizes):,} documents ({BREAKDOWN_QUERIES} queries)\n")
    say(
        "Elasticsearch's own time (`took`) for the two requests of each search (hits; facet counts), "
        "sent one by one, whole and in parts.\n"
    )
    say("| request | p50 ms | p95 ms |")
    say("|---|--:|--:|")
    for name, (p50, p95) in breakdown.items():
        say(f"| {name} | {ms(p50)} | {ms(p95)} |")

    say("\n## Notes from the run\n")
    for run in runs:
        for note in run.notes:
            say(f"- {run.backend}, {run.size:,}: {note}")

    largest = max(sizes)
    ours = next(run for run in runs if run.size == largest and run.backend.startswith("Elasticsearch"))
    p95 = workload.percentiles(ours.timings)[1]
    stock = speedups.get((largest, "Wagtail stock Elasticsearch"), 0)
    targets = [
        (f"Elasticsearch p95 ≤ {TARGETS['p95_ms']} ms with facets: {ms(p95)} ms", p95 <= TARGETS["p95_ms"]),
        (
            f"p95 ≤ {TARGETS['of_stock_p95']}× the stock backend's on the same queries: "
            f"{1 / stock if stock else 0:.2f}×",
            bool(stock) and 1 / stock <= TARGETS["of_stock_p95"],
        ),
        (
            f"bulk indexing ≥ {TARGETS['docs_per_second']:,} docs/s: {ours.docs_per_second:,.0f} docs/s",
            ours.docs_per_second >= TARGETS["docs_per_second"],
        ),
        (
            f"demo index rebuild < {TARGETS['demo_rebuild_seconds']} s: {demo[1]:.1f} s",
            demo[1] < TARGETS["demo_rebuild_seconds"],
        ),
    ]
    if (largest, "Database fallback") in speedups:
        speedup = speedups[largest, "Database fallback"]
        targets.append(
            (
                f"≥ {TARGETS['speedup']}× faster than the fallback (p95): {speedup:.1f}×",
                speedup >= TARGETS["speedup"],
            )
        )
    say(f"\n## Targets (at {largest:,} documents)\n")
    for label, met in targets:
        say(f"- {'met' if met else 'NOT met'}: {label}")


# --- the run ---------------------------------------------------------------------------------


def benchmark(args):
    started = time.monotonic()
    info = machine()
    say("Preparing the database (migrate, demo content) …")
    prepare_database()
    say("Rebuilding the demo content's index …")
    rebuild_started = time.perf_counter()
    call_command("search_index", "rebuild", stdout=io.StringIO())
    demo = (sum(row["indexed"] for row in indexing.status()), time.perf_counter() - rebuild_started)
    say(f"  {demo[0]} documents in {demo[1]:.1f} s")

    corpus = SyntheticCorpus(args.seed)
    mix = workload.query_mix(args.warmup + args.queries, args.seed, demo_words(), workload.facet_values())
    warmup, queries = mix[: args.warmup], mix[args.warmup :]
    stock = stock_backend()
    runs = []
    for size in sorted(args.sizes):
        missing = size - knowledge_pages()
        say(f"\n[{size:,}] inserting {missing:,} synthetic pages …")
        corpus.add(missing, progress=say)
        settle_database()

        say(f"[{size:,}] Elasticsearch (ours): rebuilding the index …")
        run = index_elasticsearch(size)
        say(f"  {run.documents:,} documents in {run.index_seconds:.1f} s")
        run_queries(run, workload.search_elasticsearch, warmup, queries)
        runs.append(run)

        if not args.without_fallback:
            runs.append(run_fallback(size, warmup, queries, args.fallback_budget))

        say(f"[{size:,}] Wagtail stock Elasticsearch: indexing …")
        run = index_stock(stock, size)
        say(f"  {run.documents:,} documents in {run.index_seconds:.1f} s")
        run_queries(run, workload.StockSearch(stock), warmup, queries)
        dropped = sum(query.stock_cannot_filter for query in queries)
        run.notes.append(
            f"{dropped} of {len(queries)} queries had a theme, country or format filter it cannot apply"
        )
        runs.append(run)

    say(f"Replaying {BREAKDOWN_QUERIES} queries on Elasticsearch, whole and in parts …")
    breakdown = workload.took_breakdown(
        [queries[i] for i in workload.spread(len(queries), BREAKDOWN_QUERIES)]
    )
    report(runs, demo, sorted(args.sizes), info, breakdown)
    say(f"\nTotal time {(time.monotonic() - started) / 60:.1f} min")


def main():
    args = arguments()
    try:
        refuse_unless_dedicated()
        # As in production: no SQL logging on every query.
        settings.DEBUG = False
        try:
            benchmark(args)
        finally:
            deleted = indexing.drop_indexes()
            say(f"Deleted {len(deleted)} benchmark index(es): {settings.SEARCH_INDEX_PREFIX}-*")
    finally:
        shutil.rmtree(MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()
