"""Servers the tests start as processes on loopback: gunicorn as the Dockerfile runs it, and what
waiting for them and stopping them takes."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 10


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"exited with {process.returncode}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def stop(process, stopping_signal=signal.SIGTERM):
    process.send_signal(stopping_signal)
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def gunicorn_command():
    """The Dockerfile's CMD, to be bound to a loopback port instead of 0.0.0.0:$PORT."""
    [line] = [line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("CMD ")]
    command = yaml.safe_load(line.removeprefix("CMD "))
    assert command[0] == "gunicorn"
    return [str(Path(sys.executable).parent / "gunicorn"), *command[1:]]


def start_gunicorn(port, environment):
    """gunicorn as the Dockerfile starts it, on 127.0.0.1:``port``; wait for it with
    ``wait_for_port``."""
    return subprocess.Popen(
        [*gunicorn_command(), "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def production_environment(database_url, folder, **overrides):
    """The environment of a site on the production settings, over plain HTTP on loopback, with the
    database at ``database_url``, no search engine and no Redis unless ``overrides`` say so."""
    environment = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="kooperativa.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        ELASTICSEARCH_URL="",
        LOG_LEVEL="ERROR",
        XDG_RUNTIME_DIR=str(folder),
        **overrides,
    )
    return environment
