"""The whole suite runs on top of the demo content, loaded once per test session.

Each test runs in a transaction that is rolled back, so tests may change what they like.
"""

import os
import sys

import pytest
from django.contrib.auth import get_user_model

from demo.loader import DemoContentLoader, editor_username


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        DemoContentLoader(write=lambda message: None).load()


@pytest.fixture
def moderator(db):
    return get_user_model().objects.get(username="moderator")


@pytest.fixture
def editor_of(db):
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
    yield engine.client()
    indexing.drop_indexes()


@pytest.fixture
def elasticsearch(search_engine, settings):
    from search import indexing

    indexing.forget_engine_state()
    return search_engine


@pytest.fixture
def database_search(settings):
    """The fallback: no engine configured."""
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture(autouse=True)
def english_interface():
    """Each test starts in the default language: a request to /<lang>/ leaves its language active."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
