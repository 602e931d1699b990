"""Lemmatiser benchmark: the dictionaries unpacked into Python dictionaries against read compressed.

simplemma can unpack its dictionaries into Python dictionaries or read them in their compressed,
front-coded form (``low_memory``; ``search.glossary.LEMMATISER_LOW_MEMORY`` chooses). For each
way, in a fresh process each time, alternating, it measures the memory the five languages'
dictionaries take (resident memory before and after loading them) and how many search documents
of one language's pages it builds a second (``search.indexing``'s own document building, which
looks up every distinct word of a page). Run it on a database with many pages, such as the one
``search_benchmark.py`` fills:

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/kooperativa_bench \\
        .venv/bin/python bench/lemmatiser.py --languages hr mk --documents 5000 --rounds 3
"""
# ruff: noqa: E402 - Django is set up before the project's modules are imported
# ruff: noqa: S603 - it runs this script again, in a fresh process for each measurement

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperativa.settings.dev")

WAYS = {"unpacked": False, "compressed": True}


def resident_mib():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(way, language, documents):
    """One process's figures: the dictionaries' memory and documents built a second."""
    import django

    django.setup()
    from wagtail.models import Locale

    from search import glossary, indexing

    glossary.LEMMATISER_LOW_MEMORY = WAYS[way]
    before = resident_mib()
    for code in glossary.LEMMATISER_LANGUAGES:
        glossary.dictionary_form("test", code)
    dictionaries = resident_mib() - before
    pages = indexing.searchable_pages(Locale.objects.get(language_code=language))
    started = time.perf_counter()
    built = sum(1 for _action in islice(indexing._actions(pages), documents))
    elapsed = time.perf_counter() - started
    return {"dictionaries": dictionaries, "built": built, "per_second": built / elapsed}


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--languages", nargs="+", default=["hr", "mk"])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--measure", nargs=2, metavar=("WAY", "LANGUAGE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure, args.documents)))
        return

    print("| language | dictionaries | MiB | documents built | documents/s, each round | median |")
    print("|---|---|--:|--:|---|--:|")
    for language in args.languages:
        figures = {way: [] for way in WAYS}
        for round_number in range(1, args.rounds + 1):
            for way in WAYS:
                print(f"  {language}, round {round_number}, {way} …", file=sys.stderr, flush=True)
                command = [sys.executable, __file__, "--documents", str(args.documents)]
                child = subprocess.run(
                    [*command, "--measure", way, language],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                figures[way].append(json.loads(child.stdout.strip().splitlines()[-1]))
        for way, runs in figures.items():
            rates = [run["per_second"] for run in runs]
            print(
                f"| {language} | {way} | {runs[0]['dictionaries']:.0f} | {runs[0]['built']:,} | "
                f"{' / '.join(f'{rate:.0f}' for rate in rates)} | {statistics.median(rates):.0f} |"
            )


if __name__ == "__main__":
    main()
