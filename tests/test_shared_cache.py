"""The cache every worker shares, run for real: processes started with the production settings on
the suite's own PostgreSQL database, against its cache table (the embedded default) and against a
redis-server started here on a free loopback port (REDIS_URL). What one process caches or removes,
the other sees; and while Redis is away, refused or silent, readers still get their pages.

The processes read what the suite's database holds committed (its migrations' site and pages), so
these tests need it on PostgreSQL. Without redis-server the Redis tests are skipped with a message,
and they fail under CI=true (.ci/run installs Debian's redis-server)."""

import http.client
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection

from tests.servers import (
    ROOT,
    TIMEOUT,
    free_port,
    production_environment,
    start_gunicorn,
    stop,
    wait_for_port,
)

# One process of the site, told what to do one line at a time, answering each with a line of JSON.
WORKER = """
import json, sys
sys.path.insert(0, "site")
import django
django.setup()
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION
from enquiries.protection import count_sent, rate_limited
print("null", flush=True)

def root_paths():
    return [list(path) for path in Site.get_site_root_paths()]

def root_paths_cached():
    return cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION) is not None

def save_site():
    Site.objects.get(is_default_site=True).save()

def enquiry_sent(address):
    count_sent(RequestFactory().post("/", REMOTE_ADDR=address))

def enquiries_limited(address):
    return rate_limited(RequestFactory().post("/", REMOTE_ADDR=address))

for line in sys.stdin:
    name, arguments = json.loads(line)
    print(json.dumps(globals()[name](*arguments)), flush=True)
"""


class SiteProcess:
    def __init__(self, environment):
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def answer(self, name, timeout=TIMEOUT):
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        assert ready, f"{name}: no answer in {timeout} s"
        line = self.process.stdout.readline()
        assert line, f"{name}: the process ended: {self.process.stderr.read()}"
        return json.loads(line)

    def ask(self, name, *arguments):
        self.process.stdin.write(json.dumps([name, arguments]) + "\n")
        self.process.stdin.flush()
        return self.answer(name)

    def close(self):
        self.process.stdin.close()
        stop(self.process)


@pytest.fixture
def database_url(db):
    """The suite's test database, as the processes started here reach it."""
    database = connection.settings_dict
    if database["ENGINE"] != "django.db.backends.postgresql":
        message = "the shared cache tests run the site in processes of its own: they need PostgreSQL"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    address = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    return f"postgres://{database['USER']}{password}@{address}/{database['NAME']}"


@contextmanager
def two_processes(environment):
    first = SiteProcess(environment)
    try:
        second = SiteProcess(environment)
        try:
            # Each says it has loaded the site (a first answer); on a busy machine that takes a while.
            for process in (first, second):
                process.answer("start", timeout=120)
            yield first, second
        finally:
            second.close()
    finally:
        first.close()


@pytest.fixture(scope="module")
def redis_binary():
    path = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/bin:/usr/sbin")
    if path is None:
        message = "no redis-server here (Debian: apt install redis-server): the Redis cache tests cannot run"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


class Redis:
    def __init__(self, binary, folder):
        self.binary = binary
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process)

    def stop(self):
        stop(self.process)

    @contextmanager
    def silent(self):
        """Redis stopped in its tracks: connections are accepted by the kernel, nothing answers."""
        self.process.send_signal(signal.SIGSTOP)
        try:
            yield
        finally:
            self.process.send_signal(signal.SIGCONT)


@pytest.fixture
def redis(redis_binary, tmp_path):
    server = Redis(redis_binary, tmp_path)
    server.start()
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()


@pytest.fixture
def database_cache(database_url, tmp_path):
    environment = production_environment(database_url, tmp_path)
    made = subprocess.run(
        [sys.executable, "manage.py", "createcachetable"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    return environment


@pytest.fixture
def redis_cache(database_url, redis, tmp_path):
    return production_environment(database_url, tmp_path, REDIS_URL=redis.url)


def a_visitor():
    """An address of its own for each test (a documentation prefix), so no count left in the
    database's cache table by an earlier run is read."""
    return f"2001:db8::{uuid.uuid4().hex[:4]}"


@pytest.mark.parametrize("backend", ["database_cache", "redis_cache"])
def test_what_one_process_caches_or_removes_the_other_sees(backend, request):
    environment = request.getfixturevalue(backend)
    with two_processes(environment) as (first, second):
        paths = second.ask("root_paths")
        assert paths
        assert first.ask("root_paths_cached") is True
        # Saving a site is how Wagtail learns its addresses changed: every worker must stop using them.
        first.ask("save_site")
        assert second.ask("root_paths_cached") is False
        assert second.ask("root_paths") == paths

        visitor, neighbour = a_visitor(), a_visitor()
        for sent in range(settings.ENQUIRY_RATE_LIMIT):
            assert second.ask("enquiries_limited", visitor) is False
            (first if sent % 2 else second).ask("enquiry_sent", visitor)
        assert first.ask("enquiries_limited", visitor) is True
        assert second.ask("enquiries_limited", visitor) is True
        assert first.ask("enquiries_limited", neighbour) is False


def test_without_redis_the_processes_work_from_the_database_and_limit_nothing(redis_cache, redis):
    redis.stop()
    with two_processes(redis_cache) as (first, second):
        assert first.ask("root_paths")
        assert second.ask("root_paths")
        # Both have loaded the site; what follows pays at most one refused connection each.
        started = time.monotonic()
        assert first.ask("root_paths_cached") is False
        first.ask("save_site")
        visitor = a_visitor()
        for _ in range(settings.ENQUIRY_RATE_LIMIT + 1):
            second.ask("enquiry_sent", visitor)
        assert second.ask("enquiries_limited", visitor) is False
        assert time.monotonic() - started < 1


def test_a_removal_lost_while_redis_was_silent_is_not_served_afterwards(database_url, redis, tmp_path):
    environment = production_environment(
        database_url, tmp_path, REDIS_URL=redis.url, REDIS_TIMEOUT="0.3", REDIS_RETRY_SECONDS="1"
    )
    with two_processes(environment) as (first, second):
        second.ask("root_paths")
        with redis.silent():
            first.ask("save_site")
        assert second.ask("root_paths_cached") is True, "the stale entry outlived the silence"
        time.sleep(1.2)
        # The first process, which knows it lost a write, empties the cache when it next uses it.
        assert first.ask("root_paths_cached") is False
        assert second.ask("root_paths_cached") is False
        second.ask("root_paths")
        assert first.ask("root_paths_cached") is True


def timed_get(port, path, timeout=TIMEOUT):
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read(), time.monotonic() - started
    finally:
        connection.close()


def test_readers_get_their_pages_while_redis_is_refused_silent_or_back(database_url, redis, tmp_path):
    port = free_port()
    environment = production_environment(
        database_url,
        tmp_path,
        REDIS_URL=redis.url,
        REDIS_TIMEOUT="0.3",
        REDIS_RETRY_SECONDS="1",
        WEB_CONCURRENCY="1",
    )
    gunicorn = start_gunicorn(port, environment)
    try:
        wait_for_port(port, gunicorn, timeout=30)
        # The read API's page listing: each page's address comes from Wagtail's site root paths.
        path = "/api/v2/pages/?limit=1&fields=html_url"
        # The worker loads the site after gunicorn listens: on a busy machine that takes a while.
        status, page, _ = timed_get(port, path, timeout=120)
        assert status == 200
        assert json.loads(page)["items"][0]["meta"]["html_url"]

        with redis.silent():
            for _ in range(3):
                answer = timed_get(port, path)
                assert answer[:2] == (status, page)
                assert answer[2] < 2, f"{answer[2]:.2f} s while Redis was silent"
        redis.stop()
        for _ in range(3):
            answer = timed_get(port, path)
            assert answer[:2] == (status, page)
            assert answer[2] < 2, f"{answer[2]:.2f} s while Redis was refused"
        redis.start()
        time.sleep(1.2)
        assert timed_get(port, path)[:2] == (status, page)
    finally:
        stop(gunicorn)
