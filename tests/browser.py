"""A real browser for the tests: Debian's chromium, driven by Playwright, asking Django for pages.

Every request the browser makes to ``BASE`` is answered by Django's test client inside the test's
own transaction, so a browser test sees the demo content and what the test itself created, and
rolls back like any other test; static files come from the staticfiles finders, as
``runserver`` serves them. Any other address is refused and remembered: a page must not need
another site (no CDN, no web font, no avatar service).
"""

import os
import shutil
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import DEFAULT_DB_ALIAS, connections

BASE = "http://hub.test"
SCREENSHOTS = settings.BASE_DIR / "tests" / "screenshots"


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
        if f"{url.scheme}://{url.netloc}" != BASE:
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
        response = self.client.generic(
            request.method,
            f"{url.path}?{url.query}" if url.query else url.path,
            data=request.post_data_buffer or b"",
            content_type=request.headers.get("content-type", ""),
        )
        body = b"".join(response.streaming_content) if response.streaming else response.content
        route.fulfill(status=response.status_code, headers=dict(response.items()), body=body)
