"""Two kinds of test share one test database.

Unit tests build what they need with the factories in ``tests/factories.py`` and take seconds.
Tests that need the demo content say so with the ``demo`` marker, usually for their whole module::

    pytestmark = [pytest.mark.django_db, pytest.mark.demo]

The demo content is then loaded once, when the test database is set up, if any test selected for
the run is marked ``demo``; ``pytest -m "not demo"`` runs only the unit tests. In a run that has
both, the unit tests see the demo content too, so they never count on an empty database and the
factories' names never meet the demo's. The fixtures that read the demo (``moderator``,
``editor_of``, the search engine) refuse to serve a test that is not marked ``demo``: alone, it
would find nothing.

Each test runs in a transaction that is rolled back, so tests may change what they like.
"""

import os
import shutil
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections

from demo.loader import DemoContentLoader, editor_username


@pytest.fixture(scope="session", autouse=True)
def media_folder():
    """The run's uploads (settings/test.py), removed after it."""
    yield settings.MEDIA_ROOT
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def needs_demo(item):
    return item.get_closest_marker("demo") is not None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    if any(needs_demo(item) for item in request.session.items):
        with django_db_blocker.unblock():
            DemoContentLoader(write=lambda message: None).load()


def require_demo(request):
    if not needs_demo(request.node):
        pytest.fail(f"`{request.fixturename}` reads the demo content: mark the test `demo`", pytrace=False)


@pytest.fixture
def moderator(request, db):
    require_demo(request)
    return get_user_model().objects.get(username="moderator")


@pytest.fixture
def editor_of(request, db):
    require_demo(request)

    def editor(organisation_slug):
        return get_user_model().objects.get(username=editor_username(organisation_slug))

    return editor


@pytest.fixture(scope="session")
def search_engine(django_db_setup, django_db_blocker):
    """The real Elasticsearch node (.ci/elasticsearch/node.sh), indexed from the demo content.

    Missing engine: fails under CI=true, skips loudly elsewhere.
    """
    from django.conf import settings

    from search import engine, indexing

    problem = None
    if not settings.ELASTICSEARCH_URL:
        problem = "ELASTICSEARCH_URL is not set"
    else:
        try:
            engine.client().cluster.health(wait_for_status="yellow", timeout="30s")
        except engine.ERRORS as error:
            problem = f"Elasticsearch at {settings.ELASTICSEARCH_URL} does not answer ({error})"
    if problem:
        message = f"{problem}: start it with `.ci/elasticsearch/node.sh start` and set ELASTICSEARCH_URL"
        if os.environ.get("CI"):
            pytest.fail(message)
        sys.stderr.write(f"\n*** SKIPPING ELASTICSEARCH TESTS: {message} ***\n")
        pytest.skip(message)
    indexing.forget_engine_state()
    with django_db_blocker.unblock():
        indexing.rebuild(progress=lambda message: None)
        # The rebuild replays the pages published in the minute before it: all of the demo when
        # it was just loaded. On a node that has only just started, that replay can time out and
        # leave them in the backlog, which every later update would work through again.
        indexing.forget_engine_state()
        indexing.catch_up()
    yield engine.client()
    indexing.drop_indexes()


@pytest.fixture
def elasticsearch(request, search_engine, settings):
    from search import indexing

    require_demo(request)
    indexing.forget_engine_state()
    return search_engine


@pytest.fixture
def database_search(settings):
    """The fallback: no engine configured."""
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture
def without_autosave(settings):
    """Wagtail saves a page being edited on its own half a second after each change, a new page too.
    In a browser test that save races the test's own "Save draft": the bridge answers the browser
    between Playwright's steps, so the click can post the add form after the autosave has created
    the page, and Wagtail refuses it (its slug is taken). Journeys that save by hand turn it off."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture(scope="module")
def chromium(django_db_setup):
    """Debian's chromium, launched once per test module. CI installs it (``.ci/run``); on a machine
    without it the browser tests are skipped, and say so.

    While Playwright's synchronous API is open, its event loop runs in this thread, and Django
    refuses database calls under a running loop unless told they are safe. They are: Django
    answers the browser between Playwright's steps, never concurrently. The permission lasts as
    long as the module's browser, so no other test (nor a subprocess they start) inherits it.
    """
    from tests.browser import chromium_path

    path = chromium_path()
    if path is None:
        message = "no chromium here (Debian: apt install chromium; or set CHROMIUM_PATH)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield browser
        browser.close()
        # Under the running loop Django kept its connections apart from the thread's: close them.
        connections.close_all()


@pytest.fixture
def browse(chromium, client):
    """``browse(width)``: a browser tab of that width whose requests Django answers (tests/browser.py);
    the test fails if a page asked for anything outside the hub. ``browse(locale="mk")`` is a browser
    set to that language (its Accept-Language header)."""
    from tests.browser import DjangoBridge

    bridge = DjangoBridge(client)
    contexts = []

    def open_tab(width=1280, height=900, locale=None):
        context = chromium.new_context(viewport={"width": width, "height": height}, locale=locale)
        context.route("**/*", bridge)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()
    assert not bridge.outside_requests, f"requests outside the hub: {bridge.outside_requests}"


@pytest.fixture(autouse=True)
def english_interface():
    """Each test starts in the default language: a request to /<lang>/ leaves its language active."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def nothing_kept_from_other_tests():
    """The caches (in memory here) start empty: a test's rolled-back pages, or a search answered
    with another backend, must not be shown to the next test, whose content version may not have
    moved."""
    from django.core.cache import caches

    caches["default"].clear()
    caches["pages"].clear()
    caches["searches"].clear()


@pytest.fixture
def engine_unreachable(settings, elasticsearch):
    """The engine configured but not answering: nothing listens where it is said to be."""
    from search import engine, indexing

    configured = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    engine.client.cache_clear()
    indexing.forget_engine_state()
    yield
    settings.ELASTICSEARCH_URL = configured
    engine.client.cache_clear()
    indexing.forget_engine_state()
