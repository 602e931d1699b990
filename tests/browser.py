"""A real browser for the tests: Debian's chromium, driven by Playwright, asking Django for pages.

Every request the browser makes to ``BASE`` is answered by Django's test client inside the test's
own transaction, so a browser test sees the demo content and what the test itself created, and
rolls back like any other test; static files come from the staticfiles finders, as
``runserver`` serves them (uploads from the site's own media view). Any other address is refused
and remembered: a page must not need another site (no CDN, no web font, no avatar service).
"""

import base64
import hashlib
import json
import os
import re
import shutil
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import DEFAULT_DB_ALIAS, connections
from PIL import Image

BASE = "http://hub.test"
# Django's test client names the site "testserver", so the addresses Django writes in full (Wagtail's
# userbar loads its scripts so, handouts print their links so) name that host: it is the hub too.
HUB = (BASE, "http://testserver")
SCREENSHOTS = settings.BASE_DIR / "tests" / "screenshots"
# The README's pictures of the hub, which `make screenshots` copies to docs/screenshots/.
README_SCREENSHOTS = SCREENSHOTS / "readme"
README_COLOURS = 256
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 10


def screenshot(tab, name, readme=False, full_page=False):
    """Saves what the tab shows (``full_page``: the whole page) as tests/screenshots/<name>.png (CI
    keeps the folder). With ``readme`` it is one of the README's pictures, also saved in
    tests/screenshots/readme/ in 256 colours, a third of the size or less and the same to the eye."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=path, full_page=full_page)
    if readme:
        README_SCREENSHOTS.mkdir(exist_ok=True)
        with Image.open(path) as image:
            reduced = image.convert("RGB").quantize(README_COLOURS, dither=Image.Dither.NONE)
            reduced.save(README_SCREENSHOTS / f"{name}.png", optimize=True)


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


class DjangoBridge:
    """A Playwright route handler answering the browser from Django's test client."""

    def __init__(self, client):
        self.client = client
        self.outside_requests = []
        self.connection = connections[DEFAULT_DB_ALIAS]

    def __call__(self, route):
        request = route.request
        url = urlsplit(request.url)
        if f"{url.scheme}://{url.netloc}" not in HUB:
            self.outside_requests.append(request.url)
            route.abort()
            return
        if url.path.startswith(settings.STATIC_URL):
            found = finders.find(url.path.removeprefix(settings.STATIC_URL))
            if found:
                route.fulfill(path=found)
            else:
                route.fulfill(status=404)
            return
        # Playwright calls this with its event loop running, where Django would open a connection
        # of its own, outside the test's transaction: the test's connection answers instead.
        connections[DEFAULT_DB_ALIAS] = self.connection
        address = f"{url.path}?{url.query}" if url.query else url.path
        response = self.ask_django(request, request.method, address)
        # Playwright never routes the request a redirect leads to: the browser would look for
        # hub.test on the network (https://github.com/microsoft/playwright/issues/3993). So Django's
        # redirects within the hub are followed here, and a page reached through them is told its
        # own address before anything on it is read, as if the browser had followed them.
        reached, hops = address, 0
        while response.status_code in REDIRECTS and self.within_the_hub(response["Location"]):
            hops += 1
            assert hops <= MAX_REDIRECTS, f"{request.url} redirects more than {MAX_REDIRECTS} times"
            target = urlsplit(urljoin(reached, response["Location"]))
            reached = f"{target.path}?{target.query}" if target.query else target.path
            keeps_method = response.status_code in (307, 308)
            response = self.ask_django(request, request.method if keeps_method else "GET", reached)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        headers = dict(response.items())
        if (
            reached != address
            and request.resource_type == "document"
            and response.get("content-type", "").startswith("text/html")
        ):
            body, headers = tell_its_address(body, headers, reached)
        route.fulfill(status=response.status_code, headers=headers, body=body)

    def ask_django(self, request, method, address):
        """Django's answer to the browser's ``request``, sent as ``method`` to ``address``: a GET
        (after a redirect) carries no body. The client keeps the session (``client.force_login``
        logs the browser in); the browser's languages tell Django which one the reader wants."""
        languages = request.headers.get("accept-language")
        with_body = method == request.method and method != "GET"
        return self.client.generic(
            method,
            address,
            data=(request.post_data_buffer or b"") if with_body else b"",
            content_type=request.headers.get("content-type", "") if with_body else "",
            headers={"accept-language": languages} if languages else None,
        )

    @staticmethod
    def within_the_hub(location):
        target = urlsplit(location)
        return not target.netloc or f"{target.scheme}://{target.netloc}" in HUB


def tell_its_address(html, headers, address):
    """The page with a first script that sets the address the browser shows (and resolves links
    against) to ``address``, and its headers with that script allowed by the page's
    Content-Security-Policy (by its hash, where the policy does not allow every inline script)."""
    code = f"history.replaceState(null, '', {json.dumps(address)});"
    head = re.search(rb"<head[^>]*>", html)
    at = head.end() if head else 0
    html = html[:at] + f"<script>{code}</script>".encode() + html[at:]
    policy = headers.get("Content-Security-Policy")
    if policy:
        directives = [directive.strip() for directive in policy.split(";")]
        script_src = next((d for d in directives if d.startswith("script-src ")), None)
        if script_src and "'unsafe-inline'" not in script_src.split():
            digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
            directives[directives.index(script_src)] = f"{script_src} 'sha256-{digest}'"
            headers = {**headers, "Content-Security-Policy": "; ".join(directives)}
    return html, headers
