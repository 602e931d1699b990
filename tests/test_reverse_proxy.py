"""The reverse proxy docker-compose.yml puts in front of gunicorn, run for real: Debian's nginx with
deploy/nginx/hub.conf.template, its ${HUB_...} variables filled in as nginx's image does, on
loopback ports, in front of a recording stand-in for the site or of gunicorn started with the
Dockerfile's own command and the production settings. Everything started here is stopped here.

Without nginx these tests are skipped with a message, and they fail under CI=true (.ci/run
installs Debian's nginx)."""

import gzip
import http.client
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import threading
import time
from contextlib import ExitStack, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from django.test import RequestFactory

from kooperativa.proxy import client_address
from tests.servers import TIMEOUT, free_port, start_gunicorn, stop, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx" / "hub.conf.template"
# Every wait below is bounded by this: a proxy or server that hangs fails the test, not the run.


@pytest.fixture(scope="module")
def nginx_binary():
    path = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if path is None:
        message = "no nginx here (Debian: apt install nginx): the reverse proxy tests cannot run"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


def fill_in(template, values):
    """What nginx's image does with NGINX_ENVSUBST_FILTER=^HUB_: only those variables are replaced."""
    return re.sub(r"\$\{(HUB_[A-Z_]+)\}", lambda match: values[match.group(1)], template)


class Proxy:
    def __init__(self, folder, port):
        self.folder = folder
        self.port = port
        self.static = folder / "static"
        self.media = folder / "media"
        self.tls = folder / "tls"

    def request(self, method, path, headers=None, body=None, timeout=TIMEOUT):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()


@contextmanager
def running_nginx(nginx_binary, folder, upstream_port):
    """nginx with the shipped server block inside the smallest http block that runs it unprivileged
    in `folder` (what nginx's image has in its own nginx.conf, plus temporary paths of its own)."""
    proxy = Proxy(folder, free_port())
    folder.mkdir(exist_ok=True)
    for path in (proxy.static, proxy.media, proxy.tls, folder / "temp"):
        path.mkdir(exist_ok=True)
    (folder / "hub.conf").write_text(
        fill_in(
            TEMPLATE.read_text(),
            {
                "HUB_LISTEN": f"127.0.0.1:{proxy.port}",
                "HUB_UPSTREAM": f"127.0.0.1:{upstream_port}",
                "HUB_STATIC_ROOT": str(proxy.static),
                "HUB_MEDIA_ROOT": str(proxy.media),
                "HUB_TLS_DIR": str(proxy.tls),
            },
        )
    )
    temp = folder / "temp"
    (folder / "nginx.conf").write_text(
        f"""
user {pwd.getpwuid(os.getuid()).pw_name};
worker_processes 1;
pid {folder}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {folder}/hub.conf;
}}
"""
    )
    error_log = folder / "error.log"
    process = subprocess.Popen(
        [nginx_binary, "-p", str(folder), "-e", str(error_log), "-c", str(folder / "nginx.conf")]
        + ["-g", "daemon off;"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        try:
            wait_for_port(proxy.port, process)
        except AssertionError:
            pytest.fail(f"nginx did not start: {process.stderr.read()}{error_log.read_text()}")
        yield proxy
    finally:
        stop(process)


class RecordingSite(ThreadingHTTPServer):
    """Stands in for gunicorn: answers every request with 200 and keeps each request's path and
    headers as soon as they arrive, and the size of its body once read. What it answers is "site",
    or for a path in ``pages`` the content type, body and headers given there."""

    daemon_threads = True

    def __init__(self):
        self.received = []
        self.body_sizes = []
        self.pages = {}

        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.received.append((self.path, self.headers))
                self.answer()

            def do_POST(self):
                site.received.append((self.path, self.headers))
                site.body_sizes.append(len(self.rfile.read(int(self.headers.get("Content-Length", 0)))))
                self.answer()

            def answer(self):
                content_type, body, headers = site.pages.get(self.path, (None, b"site", {}))
                self.send_response(200)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture(scope="module")
def site_behind_proxy(nginx_binary, tmp_path_factory):
    with ExitStack() as stack:
        site = RecordingSite()
        stack.callback(site.server_close)
        threading.Thread(target=site.serve_forever, daemon=True).start()
        stack.callback(site.shutdown)
        proxy = stack.enter_context(
            running_nginx(nginx_binary, tmp_path_factory.mktemp("nginx"), site.server_address[1])
        )
        yield site, proxy


@pytest.fixture
def site_and_proxy(site_behind_proxy):
    site, proxy = site_behind_proxy
    site.received.clear()
    site.body_sizes.clear()
    site.pages.clear()
    return site, proxy


def test_the_site_gets_the_visitors_address_and_scheme_whatever_the_client_claims(site_and_proxy, settings):
    site, proxy = site_and_proxy
    status, _, _ = proxy.request(
        "GET", "/en/", headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    )
    assert status == 200
    [(path, headers)] = site.received
    assert path == "/en/"
    assert headers["Host"] == f"127.0.0.1:{proxy.port}"
    assert headers["X-Forwarded-Proto"] == "http"
    assert headers["X-Forwarded-For"] == "203.0.113.9, 127.0.0.1"
    # What the site then reads as the visitor's address (login throttling), with the compose
    # file's TRUSTED_PROXY_COUNT.
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    settings.TRUSTED_PROXY_COUNT = int(compose["services"]["web"]["environment"]["TRUSTED_PROXY_COUNT"])
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=headers["X-Forwarded-For"])
    assert client_address(request) == "127.0.0.1"


def test_static_files_come_from_disk_and_hashed_names_are_kept_by_browsers(site_and_proxy):
    site, proxy = site_and_proxy
    (proxy.static / "css").mkdir()
    (proxy.static / "css" / "hub.0123456789ab.css").write_text("body { margin: 0 }")
    (proxy.static / "css" / "hub.css").write_text("body { margin: 0 }")

    status, headers, body = proxy.request("GET", "/static/css/hub.0123456789ab.css")
    assert (status, body) == (200, b"body { margin: 0 }")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, headers, _ = proxy.request("GET", "/static/css/hub.css")
    assert status == 200
    assert "Cache-Control" not in headers
    assert site.received == []


# Text as the hub sends it, long enough to be worth compressing.
TEXT = "<li>Dobre prakse nezavisne kulture — Добре праксе независне културе</li>\n" * 60


def test_text_goes_out_compressed_to_clients_that_accept_it(site_and_proxy):
    site, proxy = site_and_proxy
    answers = {
        "/en/": "text/html; charset=utf-8",
        "/api/search/?q=kultura": "application/json",
        "/en/practices/feed.atom": "application/atom+xml; charset=utf-8",
        "/sitemap.xml": "application/xml",
        "/en/map.svg": "image/svg+xml",
        "/en/workshops/calendar.ics": "text/calendar; charset=utf-8",
    }
    for path, content_type in answers.items():
        site.pages[path] = (content_type, TEXT.encode(), {})
    (proxy.static / "hub.css").write_text(TEXT)
    (proxy.static / "hub.js").write_text(TEXT)
    (proxy.static / "icons.svg").write_text(TEXT)

    for path in [*answers, "/static/hub.css", "/static/hub.js", "/static/icons.svg"]:
        status, headers, body = proxy.request("GET", path, headers={"Accept-Encoding": "gzip"})
        assert status == 200, path
        assert headers.get("Content-Encoding") == "gzip", path
        assert "Accept-Encoding" in headers.get("Vary", ""), path
        assert gzip.decompress(body).decode() == TEXT, path
        assert len(body) < len(TEXT.encode()) / 5, path
        # A client that does not say it reads gzip gets the text as it is.
        status, headers, body = proxy.request("GET", path)
        assert (status, body.decode()) == (200, TEXT), path
        assert "Content-Encoding" not in headers, path


def test_what_the_site_compressed_itself_and_images_pass_as_they_are(site_and_proxy):
    site, proxy = site_and_proxy
    compressed = gzip.compress(TEXT.encode())
    site.pages["/en/"] = ("text/html; charset=utf-8", compressed, {"Content-Encoding": "gzip"})
    (proxy.static / "stage.webp").write_bytes(b"RIFF" + bytes(range(256)) * 8)

    status, headers, body = proxy.request("GET", "/en/", headers={"Accept-Encoding": "gzip"})
    assert (status, headers["Content-Encoding"], body) == (200, "gzip", compressed)
    status, headers, body = proxy.request("GET", "/static/stage.webp", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert "Content-Encoding" not in headers
    assert body.startswith(b"RIFF")


def test_uploaded_images_are_served_and_documents_never_are(site_and_proxy):
    site, proxy = site_and_proxy
    for folder in ("images", "original_images", "documents"):
        (proxy.media / folder).mkdir()
    (proxy.media / "images" / "stage.width-400.webp").write_bytes(b"RIFF-image")
    (proxy.media / "original_images" / "stage.png").write_bytes(b"PNG-image")
    (proxy.media / "documents" / "budget.pdf").write_bytes(b"%PDF-private")

    for path, content in (
        ("/media/images/stage.width-400.webp", b"RIFF-image"),
        ("/media/original_images/stage.png", b"PNG-image"),
    ):
        status, _, body = proxy.request("GET", path)
        assert (status, body) == (200, content), path
    for path in (
        "/media/documents/budget.pdf",
        "/media/images/../documents/budget.pdf",
        "/media/images/%2e%2e/documents/budget.pdf",
        "/media/images/..%2fdocuments/budget.pdf",
        "/media//documents/budget.pdf",
        "/media/./documents/budget.pdf",
    ):
        status, _, body = proxy.request("GET", path)
        assert status in (400, 404), path
        assert b"PDF-private" not in body, path
    assert site.received == []


def test_an_upload_as_large_as_the_site_accepts_passes_and_a_larger_one_is_refused_at_once(
    site_and_proxy, settings
):
    site, proxy = site_and_proxy
    largest = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 64 * 1024
    status, _, _ = proxy.request("POST", "/admin/documents/multiple/add/", body=b"x" * largest)
    assert status == 200
    assert site.body_sizes == [largest]

    # Refused on its Content-Length alone, before a byte of the body is read.
    connection = socket.create_connection(("127.0.0.1", proxy.port), timeout=TIMEOUT)
    with connection:
        connection.sendall(
            b"POST /admin/documents/multiple/add/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + f"Content-Length: {settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 2 * 1024 * 1024}\r\n\r\n".encode()
        )
        assert connection.recv(64).startswith(b"HTTP/1.1 413")
    assert len(site.received) == 1


def test_the_site_gets_a_request_only_once_its_body_has_arrived_whole(site_and_proxy):
    site, proxy = site_and_proxy
    connection = socket.create_connection(("127.0.0.1", proxy.port), timeout=TIMEOUT)
    with connection:
        connection.sendall(b"POST /en/search/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nhalf-")
        time.sleep(0.5)
        assert site.received == []
        connection.sendall(b"body!")
        assert connection.recv(64).startswith(b"HTTP/1.1 200")
    assert site.body_sizes == [10]


def test_https_works_as_the_tls_example_says(nginx_binary, tmp_path):
    """deploy/nginx/tls/tls.conf.example with a certificate of its own, its paths and port this test's."""
    openssl = shutil.which("openssl")
    assert openssl, "no openssl here (Debian: apt install openssl)"
    tls = tmp_path / "nginx" / "tls"
    tls.mkdir(parents=True)
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        + [
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            tls / "privkey.pem",
            "-out",
            tls / "fullchain.pem",
        ],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    https_port = free_port()
    example = (ROOT / "deploy" / "nginx" / "tls" / "tls.conf.example").read_text()
    assert "listen 443 ssl;" in example and "/etc/nginx/tls/" in example
    (tls / "tls.conf").write_text(
        example.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;").replace(
            "/etc/nginx/tls/", f"{tls}/"
        )
    )
    with ExitStack() as stack:
        site = RecordingSite()
        stack.callback(site.server_close)
        threading.Thread(target=site.serve_forever, daemon=True).start()
        stack.callback(site.shutdown)
        stack.enter_context(running_nginx(nginx_binary, tmp_path / "nginx", site.server_address[1]))
        connection = http.client.HTTPSConnection(
            "127.0.0.1",
            https_port,
            timeout=TIMEOUT,
            context=ssl.create_default_context(cafile=tls / "fullchain.pem"),
        )
        try:
            connection.request("GET", "/en/", headers={"X-Forwarded-Proto": "http"})
            assert connection.getresponse().status == 200
        finally:
            connection.close()
    [(_, headers)] = site.received
    assert headers["X-Forwarded-Proto"] == "https"
    assert headers["Host"] == f"127.0.0.1:{https_port}"


# Three slow clients against gunicorn, with and without the proxy.


@pytest.fixture(scope="module")
def gunicorn_port(tmp_path_factory):
    port = free_port()
    folder = tmp_path_factory.mktemp("gunicorn")
    environment = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="kooperativa.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        # Never read: the answers below come before any view.
        DATABASE_URL=f"sqlite:///{folder / 'unused.sqlite3'}",
        ELASTICSEARCH_URL="",
        WEB_CONCURRENCY="3",
        # gunicorn's control socket goes there, not into the home folder other servers share.
        XDG_RUNTIME_DIR=str(folder),
    )
    process = start_gunicorn(port, environment)
    try:
        wait_for_port(port, process)
        # Each worker loads the site before it takes a connection; these answer once one has.
        for _ in range(3):
            assert timed_get(port, timeout=TIMEOUT)[0] == 301
        yield port
    finally:
        # Without waiting for requests under way (SIGTERM would): there are none left.
        stop(process, signal.SIGINT)


def timed_get(port, timeout):
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", "/en/")
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location"), time.monotonic() - started
    finally:
        connection.close()


@contextmanager
def slow_clients(port, count=3):
    """Connections that send a request's headers a byte every 0.2 s and never finish them."""
    stopping = threading.Event()
    connections = [socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) for _ in range(count)]

    def trickle(connection):
        connection.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        while not stopping.wait(0.2):
            try:
                connection.sendall(b"z")
            except OSError:
                return

    threads = [threading.Thread(target=trickle, args=(connection,)) for connection in connections]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    try:
        yield
    finally:
        stopping.set()
        for thread in threads:
            thread.join(timeout=TIMEOUT)
        for connection in connections:
            connection.close()


def test_three_slow_clients_do_not_stall_the_site_behind_the_proxy(nginx_binary, gunicorn_port, tmp_path):
    with running_nginx(nginx_binary, tmp_path / "nginx", gunicorn_port) as proxy, slow_clients(proxy.port):
        status, location, seconds = timed_get(proxy.port, timeout=TIMEOUT)
    # The production settings send plain HTTP to HTTPS: gunicorn and the site answered.
    assert (status, location) == (301, f"https://127.0.0.1:{proxy.port}/en/")
    assert seconds < 1, f"{seconds:.2f} s behind three slow clients"


def test_three_slow_clients_stall_gunicorn_facing_them_alone(gunicorn_port):
    """Why the proxy is there: each of gunicorn's three sync workers waits on one slow client."""
    with slow_clients(gunicorn_port), pytest.raises(TimeoutError):
        timed_get(gunicorn_port, timeout=2)
    status, _, seconds = timed_get(gunicorn_port, timeout=TIMEOUT)
    assert status == 301
    assert seconds < 1
