"""Load benchmark: the production configuration under a mixed public workload, on loopback only.

It starts what the Dockerfile runs, gunicorn with ``kooperativa.settings.production``, on a
dedicated PostgreSQL database (its name must contain "bench"; made if missing) of the cluster
``.ci/postgres.sh`` runs, with the demo content (``manage.py load_demo_content``) and its search
indexes under SEARCH_INDEX_PREFIX "bench" on the node ``.ci/elasticsearch/node.sh`` runs (both
started if they are not running, and left running). The settings that assume HTTPS in front are
given for plain HTTP on loopback through the environment, as the compose file does for a trial.

Then readers ask for the home pages, the listings (also filtered), detail pages of each type, the
search page and /api/search/ in several languages and both Serbian scripts, in a fixed random mix,
with 1, 10, 50 and 100 concurrent clients, each step for a fixed time; and then 10,000 requests
more at 10 clients, for the workers' memory after them. For each step: requests per second,
p50/p95/p99, errors by status, the workers' resident memory and the machine's load average.
Everything it started stops when it ends. Results are printed as Markdown for docs/benchmarks.md:

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/kooperativa_loadbench \\
    ELASTICSEARCH_URL=http://127.0.0.1:9200 SEARCH_INDEX_PREFIX=bench \\
        .venv/bin/python bench/load.py --worker-class gthread --workers 3 --threads 4
    dropdb -h 127.0.0.1 -p 5433 -U postgres kooperativa_loadbench

``--quick`` runs each step for 5 seconds and the memory run for 500 requests, to check it works.
``--fresh-searches`` makes every search one never asked before (two words drawn from the titles of
the pages in its language, the steps continuing through the mix), so that each is searched afresh:
the mix otherwise repeats a few searches, which the site keeps, while a real site's searches have a
long tail of words asked once.
"""
# ruff: noqa: S603 - it runs this checkout's own commands, servers and scripts

import argparse
import asyncio
import ipaddress
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLIENT_STEPS = [1, 10, 50, 100]
TARGETS = {"clients": 50, "p95_ms": 150, "requests_per_second": 200, "rss_mib": 250}
REQUEST_TIMEOUT = 30
# What the readers ask for (share of the mix, per cent).
MIX = {"home": 10, "listing": 15, "filtered listing": 15, "detail": 35, "search page": 15, "search API": 10}
LANGUAGES = ["en", "sr", "sr-latn", "hr", "mk", "sl", "sq"]
# Words readers type, in several languages and both Serbian scripts.
QUERIES = {
    "en": ["youth theatre", "festival", "community"],
    "sr": ["позориште", "млади", "фестивал"],
    "sr-latn": ["pozorište", "mladi", "festival"],
    "hr": ["kazalište", "zajednica"],
    "mk": ["театар", "фестивал"],
    "sl": ["gledališče", "skupnost"],
    "sq": ["teatër", "festival"],
}

# Run in the site (manage.py shell, production settings): the addresses of the mix, as JSON.
DISCOVER = """
import json
from django.http import QueryDict
from wagtail.models import Page
from practices.models import (
    GoodPracticePage, LearningPathIndexPage, LearningPathPage, MaterialIndexPage, OrganisationIndexPage,
    OrganisationPage, PracticeIndexPage, TrainingMaterialPage, WorkshopIndexPage, WorkshopPage,
)
LISTINGS = (
    PracticeIndexPage, MaterialIndexPage, WorkshopIndexPage, LearningPathIndexPage, OrganisationIndexPage,
)
languages = %(languages)r
found = {"home": [], "listing": [], "filtered listing": [], "detail": []}
for page in Page.objects.live().public().filter(depth=2, locale__language_code__in=languages):
    found["home"].append(page.url)
listings = Page.objects.live().public().type(*LISTINGS).filter(locale__language_code__in=languages)
for listing in listings.specific():
    found["listing"].append(listing.url)
    filters = listing.filter_class(QueryDict(), locale=listing.locale)
    for available in filters.available():
        for option in available.options[:2]:
            found["filtered listing"].append(f"{listing.url}?{available.name}={option.value}")
for model in (GoodPracticePage, TrainingMaterialPage, WorkshopPage, LearningPathPage, OrganisationPage):
    pages = model.objects.live().public().filter(locale__language_code__in=languages).order_by("pk")
    found["detail"].extend(page.url for page in pages[:12 * len(languages)])
words = {language: set() for language in languages}
for page in Page.objects.live().public().filter(locale__language_code__in=languages, depth__gt=3):
    title = [word.lower() for word in page.title.split() if len(word) > 3 and word.isalpha()]
    words[page.locale.language_code].update(title)
found["title words"] = {language: sorted(found_words) for language, found_words in words.items()}
print(json.dumps(found))
"""


def say(text=""):
    print(text, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load_average():
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address to serve on (nothing else)")
    parser.add_argument("--worker-class", default="sync", help="gunicorn's worker class: sync, gthread")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn's workers (the image's default: 3)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument(
        "--clients", type=int, nargs="+", default=CLIENT_STEPS, help="concurrent clients per step"
    )
    parser.add_argument("--seconds", type=float, default=60, help="length of each step")
    parser.add_argument("--memory-requests", type=int, default=10_000, help="requests of the memory run")
    parser.add_argument(
        "--redis", action="store_true", help="a redis-server of its own as the cache (REDIS_URL)"
    )
    parser.add_argument(
        "--fresh-searches",
        action="store_true",
        help="every search one never asked before (two words from the titles of pages in its language), "
        "so no kept answer or page serves it",
    )
    parser.add_argument("--quick", action="store_true", help="5 s steps and a 500-request memory run")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.memory_requests = 5, 500
    try:
        loopback = ipaddress.ip_address(args.host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        parser.error(
            f"--host must be a loopback address, not {args.host!r}: this tool loads only this machine"
        )
    return args


def checked_environment():
    database_url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(database_url)
    if parts.scheme not in ("postgres", "postgresql") or "bench" not in parts.path:
        sys.exit("DATABASE_URL must name a dedicated PostgreSQL database with 'bench' in its name.")
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("DATABASE_URL must be on this machine.")
    elasticsearch = os.environ.get("ELASTICSEARCH_URL", "")
    if urlsplit(elasticsearch).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("ELASTICSEARCH_URL must name the node on this machine (.ci/elasticsearch/node.sh).")
    prefix = os.environ.get("SEARCH_INDEX_PREFIX", "")
    if not prefix.startswith("bench"):
        sys.exit("SEARCH_INDEX_PREFIX must start with 'bench', so the site's own indexes are never touched.")
    return database_url, elasticsearch, prefix


def start_services(database_url):
    say("Starting PostgreSQL and Elasticsearch (left running if they already were) …")
    port = urlsplit(database_url).port or 5432
    subprocess.run(
        [ROOT / ".ci" / "postgres.sh", "start"],
        env=dict(os.environ, KOOPERATIVA_PG_PORT=str(port)),
        check=True,
        capture_output=True,
    )
    subprocess.run([ROOT / ".ci" / "elasticsearch" / "node.sh", "start"], check=True, capture_output=True)
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    server = psycopg2.connect(database_url.replace(parts.path, "/postgres", 1))
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    server.close()


def site_environment(folder, database_url, elasticsearch, prefix, redis_url):
    """The production settings as a plain-HTTP trial on loopback gives them: nothing weakened but
    what HTTPS in front would provide."""
    environment = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="kooperativa.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        DATABASE_URL=database_url,
        ELASTICSEARCH_URL=elasticsearch,
        SEARCH_INDEX_PREFIX=prefix,
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        LOG_LEVEL="WARNING",
        XDG_RUNTIME_DIR=str(folder),
    )
    if redis_url:
        environment["REDIS_URL"] = redis_url
    return environment


def manage(environment, *command):
    result = subprocess.run(
        [PYTHON, "manage.py", *command], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(environment):
    say("Preparing the site: migrate, cache table, roles, demo content, static files, search indexes …")
    started = time.monotonic()
    manage(environment, "migrate", "--no-input")
    manage(environment, "createcachetable")
    manage(environment, "setup_roles")
    manage(environment, "load_demo_content", "--allow-demo-users")
    manage(environment, "compile_translations")
    manage(environment, "collectstatic", "--no-input")
    # The node may be slow to answer while the machine is busy: the rebuild waits for it longer.
    manage({**environment, "ELASTICSEARCH_TIMEOUT": "120"}, "search_index", "rebuild")
    say(f"  ready in {time.monotonic() - started:.0f} s")


SEARCH_ADDRESSES = {
    "search page": "/{language}/search/?q={words}",
    "search API": "/api/search/?q={words}&lang={language}",
}


def the_mix(environment, rng, fresh_searches=False):
    found = json.loads(
        manage(environment, "shell", "--no-imports", "-c", DISCOVER % {"languages": LANGUAGES})
    )
    title_words = found.pop("title words")
    for kind, address in SEARCH_ADDRESSES.items():
        found[kind] = [
            address.format(language=language, words=word)
            for language, words in QUERIES.items()
            for word in words
        ]
    for kind, urls in found.items():
        if not urls:
            sys.exit(f"No addresses found for {kind}: is the demo content loaded?")
    kinds, weights = zip(*MIX.items(), strict=True)
    urls = []
    for kind in rng.choices(kinds, weights, k=100_000):
        if fresh_searches and kind in SEARCH_ADDRESSES:
            language = rng.choice(LANGUAGES)
            words = "+".join(rng.sample(title_words[language], 2))
            urls.append(SEARCH_ADDRESSES[kind].format(language=language, words=words))
        else:
            urls.append(rng.choice(found[kind]))
    return found, urls


def gunicorn_command(args, port):
    """The Dockerfile's CMD, on a loopback port, with the worker model asked for."""
    [line] = [line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("CMD ")]
    command = json.loads(line.removeprefix("CMD "))
    return [
        str(Path(PYTHON).parent / command[0]),
        *command[1:],
        "--bind",
        f"{args.host}:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--threads",
        str(args.threads),
    ]


def workers_of(master):
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def resident_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def workers_memory(master):
    sizes = [resident_mib(pid) for pid in workers_of(master)]
    return f"{max(sizes):.0f} (Σ {sum(sizes):.0f})"


class Run:
    def __init__(self):
        self.elapsed = 0.0
        self.seconds = []
        self.statuses = Counter()
        self.failures = Counter()

    @property
    def requests(self):
        return len(self.seconds) + sum(self.failures.values())

    def errors(self):
        counted = {str(status): n for status, n in self.statuses.items() if status >= 400}
        counted.update(self.failures)
        return ", ".join(f"{name}: {n}" for name, n in sorted(counted.items())) or "0"


def percentile(values, share):
    return (
        statistics.quantiles(values, n=100, method="inclusive")[share - 1] if len(values) > 1 else values[0]
    )


async def drive(base, urls, clients, seconds=None, requests=None, start=0):
    """``clients`` readers, each asking for the next address as soon as it has the last answer,
    from the ``start``-th address of the mix, until the time or the number of requests is up."""
    run = Run()
    position = start
    deadline = time.monotonic() + seconds if seconds else None
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(base, timeout=timeout, connector=connector) as session:

        async def reader():
            nonlocal position
            while True:
                if deadline and time.monotonic() >= deadline:
                    return
                if requests and position >= start + requests:
                    return
                url = urls[position % len(urls)]
                position += 1
                started = time.perf_counter()
                try:
                    async with session.get(url, allow_redirects=False) as response:
                        await response.read()
                        run.statuses[response.status] += 1
                        run.seconds.append(time.perf_counter() - started)
                except (aiohttp.ClientError, TimeoutError) as error:
                    run.failures[type(error).__name__] += 1

        started = time.monotonic()
        await asyncio.gather(*(reader() for _ in range(clients)))
        run.elapsed = time.monotonic() - started
    return run


def row(label, run, memory, load):
    milliseconds = [value * 1000 for value in run.seconds] or [0.0]
    cells = [
        label,
        f"{run.requests:,}",
        f"{run.requests / run.elapsed:.1f}",
        f"{statistics.median(milliseconds):.0f}",
        f"{percentile(milliseconds, 95):.0f}",
        f"{percentile(milliseconds, 99):.0f}",
        run.errors(),
        memory,
        load,
    ]
    return "| " + " | ".join(cells) + " |"


def check_answers(base, found):
    """Every address of the mix once, as a warm-up: each must answer 200."""
    urls = [url for kind in MIX for url in found[kind]]
    run = asyncio.run(drive(base, urls, clients=2, requests=len(urls)))
    if set(run.statuses) != {200} or run.failures:
        say(f"  warm-up answers: {dict(run.statuses)} {dict(run.failures)}")
    return run


def start_redis(folder):
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("--redis needs redis-server (Debian: apt install redis-server).")
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            folder,
        ],
        stdout=subprocess.DEVNULL,
    )
    return process, f"redis://127.0.0.1:{port}/0"


def wait_for(port, process, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn ended with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("gunicorn did not listen in time")


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def benchmark(args, environment, urls, found, folder):
    port = free_port()
    log = (folder / "gunicorn.log").open("w")
    server = subprocess.Popen(gunicorn_command(args, port), cwd=ROOT, env=environment, stdout=log, stderr=log)
    try:
        wait_for(port, server)
        base = f"http://{args.host}:{port}"
        say(f"gunicorn: {args.workers} × {args.worker_class}, {args.threads} thread(s) each, on {base}")
        warm = check_answers(base, found)
        say(f"  warm-up: {warm.requests} addresses, {dict(warm.statuses)}")
        say(f"  workers' resident memory after the warm-up: {workers_memory(server.pid)} MiB")
        header = [
            "| clients | requests | req/s | p50 ms | p95 ms | p99 ms | errors"
            " | worker RSS MiB, largest (Σ) | load average |",
            "|---:|---:|---:|---:|---:|---:|---|---|---|",
        ]
        rows = []
        # Each step asks the mix from its beginning again, or, when every search is to be new,
        # from where the last step ended.
        start = 0
        for clients in args.clients:
            say(f"  {clients} client(s) for {args.seconds:.0f} s …")
            run = asyncio.run(drive(base, urls, clients, seconds=args.seconds, start=start))
            rows.append(row(str(clients), run, workers_memory(server.pid), load_average()))
            say("  " + rows[-1])
            start += run.requests if args.fresh_searches else 0
        say(f"  {args.memory_requests:,} requests at 10 clients, for the memory after them …")
        run = asyncio.run(drive(base, urls, 10, requests=args.memory_requests, start=start))
        rows.append(
            row(f"10 ({args.memory_requests:,} requests)", run, workers_memory(server.pid), load_average())
        )
        say("  " + rows[-1])
        return header + rows
    finally:
        stop(server)
        log.close()


def main():
    args = arguments()
    database_url, elasticsearch, prefix = checked_environment()
    say(f"Load average before: {load_average()} ({os.cpu_count()} cores)")
    start_services(database_url)
    folder = Path(tempfile.mkdtemp(prefix="kooperativa-load-"))
    redis = None
    try:
        redis_url = ""
        if args.redis:
            redis, redis_url = start_redis(str(folder))
        environment = site_environment(folder, database_url, elasticsearch, prefix, redis_url)
        prepare(environment)
        rng = random.Random(args.seed)  # noqa: S311 - a reproducible mix
        found, urls = the_mix(environment, rng, args.fresh_searches)
        say("Addresses in the mix: " + ", ".join(f"{kind} {len(found[kind])}" for kind in MIX))
        table = benchmark(args, environment, urls, found, folder)
    finally:
        if redis is not None:
            stop(redis)
        shutil.rmtree(folder, ignore_errors=True)
    say()
    say(
        f"gunicorn {args.worker_class}, {args.workers} workers × {args.threads} thread(s); cache: "
        f"{'Redis' if args.redis else 'database'}; {args.seconds:.0f} s per step"
        + ("; every search afresh" if args.fresh_searches else "")
    )
    say()
    for line in table:
        say(line)
    say()
    say(f"Load average after: {load_average()}")


if __name__ == "__main__":
    main()
