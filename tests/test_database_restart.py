"""The site rides out a PostgreSQL restart: gunicorn, started as the Dockerfile starts it with the
production settings, serves from a PostgreSQL cluster of its own (.ci/postgres.sh with a port and a
folder of its own, never the suite's), which is restarted while requests come in. Requests may
fail while the database is down, with a plain error page; once it is back the same gunicorn
answers again by itself, without being restarted.
"""

import http.client
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import ROOT, free_port, production_environment, start_gunicorn, stop, wait_for_port

POSTGRES_SCRIPT = ROOT / ".ci" / "postgres.sh"
# Beside the suite's cluster (/var/tmp/kooperativa-pg), where the postgres user may go.
POSTGRES_HOME = Path("/var/tmp/kooperativa-pg-restart")  # noqa: S108
# An address every request of which reads the database: the read API's page listing.
READS_THE_DATABASE = "/api/v2/pages/?limit=1"


def postgres(command, port, home):
    return subprocess.run(
        [str(POSTGRES_SCRIPT), command],
        env=dict(os.environ, KOOPERATIVA_PG_PORT=str(port), KOOPERATIVA_PG_HOME=str(home)),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()


@pytest.fixture(scope="module")
def own_database():
    port, home = free_port(), POSTGRES_HOME
    shutil.rmtree(home, ignore_errors=True)
    url = postgres("start", port, home)
    try:
        yield url, port, home
    finally:
        postgres("stop", port, home)


def status_of(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", READS_THE_DATABASE)
        response = connection.getresponse()
        return response.status, response.read()
    except OSError:
        return None, b""
    finally:
        connection.close()


def test_the_site_answers_again_by_itself_after_postgresql_restarts(own_database, tmp_path):
    database_url, port, home = own_database
    environment = production_environment(database_url, tmp_path, WEB_CONCURRENCY="2")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        timeout=600,
    )
    site_port = free_port()
    gunicorn = start_gunicorn(site_port, environment)
    try:
        wait_for_port(site_port, gunicorn, timeout=60)
        for _ in range(4):  # every worker holds a connection to the database now
            assert status_of(site_port)[0] == 200

        postgres("stop", port, home)
        status, body = status_of(site_port)
        assert status == 500
        assert b"Traceback" not in body and b"OperationalError" not in body
        postgres("start", port, home)  # returns once the server accepts connections

        # Each worker finds its connection dead and opens another (CONN_HEALTH_CHECKS) before it
        # answers: no request fails once the database is back.
        answers = [status_of(site_port)[0] for _ in range(8)]
        assert answers == [200] * 8
        assert gunicorn.poll() is None, "the same gunicorn serves"
    finally:
        stop(gunicorn)
