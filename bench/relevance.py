"""Relevance of the knowledge search on the judged queries, for both backends, on the demo content.

Prints nDCG@10, recall@10 (documents graded 2+), MRR and empty result lists, overall, by kind
of query and by language, for the development sets (search/relevance/queries.toml and
queries2.toml, what the search is tuned on) and the held-out sets (holdout.toml to holdout4.toml,
never tuned on). It migrates the database it is given and loads the demo content
(idempotent), and with ELASTICSEARCH_URL set rebuilds "<SEARCH_INDEX_PREFIX>-*" indexes (prefix
"relevance" unless set) and drops them at the end. The database fallback behaves differently on
PostgreSQL and SQLite: say which was used.

    createdb -h 127.0.0.1 -p 5433 -U postgres kooperativa_relevance
    DATABASE_URL=postgres://postgres@127.0.0.1:5433/kooperativa_relevance \\
    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/relevance.py

``--misses`` also lists, per query below an nDCG of 0.9, what was returned and what was missed;
``--keep-index`` reuses the indexes of the last ``--keep-index`` run (tuning queries, not analysis);
``--retyped`` also searches each query as a reader may type it otherwise (in the other script,
without diacritics), judged as the query is: a search should rank it alike. Each set's table is
followed by the searches' p50 and p95 times (what relevance costs in speed, on a quiet machine).
"""
# ruff: noqa: E402 - Django is set up before the project's modules are imported

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperativa.settings.dev")
os.environ.setdefault("SEARCH_INDEX_PREFIX", "relevance")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="kooperativa-relevance-media-")

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from demo.loader import DemoContentLoader
from search import engine, indexing, relevance
from search.backends import DatabaseBackend, ElasticsearchBackend
from search.params import SearchParams

SETS = {
    "development": "queries",
    "development-2": "queries2",
    "held-out": "holdout",
    "held-out-2": "holdout2",
    "held-out-3": "holdout3",
    "held-out-4": "holdout4",
}


def searcher(backend, milliseconds=None):
    """The search of the judged queries on ``backend``; each search's time added to
    ``milliseconds`` when given."""

    def search(query):
        params = SearchParams(locale=query.lang, q=query.q, per_page=relevance.CUTOFF)
        started = time.perf_counter()
        try:
            results = backend.search(params).results
        except engine.ERRORS as error:
            print(f"  {query.id} failed (counted as empty): {str(error)[:160]}", flush=True)
            return []
        finally:
            if milliseconds is not None:
                milliseconds.append((time.perf_counter() - started) * 1000)
        return [relevance.slug_of(result.url) for result in results]

    return search


def timing(milliseconds):
    ordered = sorted(milliseconds)
    p50, p95 = statistics.median(ordered), ordered[int(len(ordered) * 0.95)]
    return f"search time, one query at a time, the backend called directly: p50 {p50:.0f}, p95 {p95:.0f} ms"


def table(title, rows):
    lines = [
        f"| {title} | queries | nDCG@10 | recall@10 | MRR | empty |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for name, summary in rows.items():
        lines.append(
            f"| {name} | {summary.queries} | {summary.ndcg:.3f} | {summary.recall:.3f} | "
            f"{summary.mrr:.3f} | {summary.empty} |"
        )
    return "\n".join(lines)


def misses(outcomes, threshold=0.9):
    lines = []
    for outcome in sorted(outcomes, key=lambda outcome: outcome.ndcg):
        if outcome.ndcg >= threshold:
            break
        query = outcome.query
        missed = sorted(query.relevant - set(outcome.ranked[: relevance.CUTOFF]))
        lines.append(f"- {query.id} `{query.q}` nDCG {outcome.ndcg:.2f}")
        lines.append(f"  returned: {', '.join(outcome.ranked[: relevance.CUTOFF]) or '(nothing)'}")
        if missed:
            lines.append(f"  missed: {', '.join(missed)}")
    return "\n".join(lines)


def retyped_table(retyped, drop=0.05):
    """Each way of typing a query otherwise against the query as judged, then the queries it
    ranks worse."""
    lines = ["| typed | queries | nDCG@10 as judged | typed so |", "|---|--:|--:|--:|"]
    for way, (queries, as_judged, typed_otherwise) in relevance.by_way(retyped).items():
        lines.append(f"| {way} | {queries} | {as_judged:.3f} | {typed_otherwise:.3f} |")
    for pair in retyped:
        if pair.typed_otherwise < pair.as_judged - drop:
            scores = f"{pair.as_judged:.2f} → {pair.typed_otherwise:.2f}"
            lines.append(f"- {pair.query.id} {pair.way}: {scores} `{pair.query.q}`")
    return "\n".join(lines)


def prepare(keep_index):
    print(f"database: {connection.vendor}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    DemoContentLoader(write=lambda message: print(f"  {message}", flush=True)).load()
    if not settings.ELASTICSEARCH_URL:
        return
    if not (keep_index and all(row["indexed"] == row["live"] for row in indexing.status())):
        indexing.rebuild(progress=lambda message: print(f"  {message}", flush=True))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["elasticsearch", "database", "both"], default="both")
    parser.add_argument("--set", choices=[*SETS, "all"], default="all", dest="query_set")
    parser.add_argument("--misses", action="store_true", help="list the queries that fall short")
    parser.add_argument("--keep-index", action="store_true", help="reuse the indexes and keep them")
    parser.add_argument(
        "--retyped",
        action="store_true",
        help="also each query in the other script and without diacritics, judged as typed",
    )
    args = parser.parse_args()

    prepare(args.keep_index)
    backends = []
    if args.backend in ("elasticsearch", "both"):
        if not settings.ELASTICSEARCH_URL:
            parser.error("ELASTICSEARCH_URL is not set")
        backends.append(ElasticsearchBackend())
    if args.backend in ("database", "both"):
        backends.append(DatabaseBackend())
    sets = SETS if args.query_set == "all" else {args.query_set: SETS[args.query_set]}
    try:
        for backend in backends:
            for label, name in sets.items():
                milliseconds = []
                outcomes = relevance.evaluate(relevance.load(name), searcher(backend, milliseconds))
                print(f"\n### {backend.name}, {label} set ({connection.vendor})\n")
                print(table("overall", {"all": relevance.Summary.of(outcomes)}))
                print(f"\n{timing(milliseconds)}")
                print()
                print(table("kind", relevance.by_kind(outcomes)))
                print()
                print(table("language", relevance.by_language(outcomes)))
                if args.misses:
                    print()
                    print(misses(outcomes))
                if args.retyped:
                    print()
                    print(retyped_table(relevance.retyped(relevance.load(name), searcher(backend))))
    finally:
        if settings.ELASTICSEARCH_URL and not args.keep_index:
            indexing.drop_indexes()


if __name__ == "__main__":
    main()
