"""The whole suite runs on top of the demo content, loaded once per test session.

Each test runs in a transaction that is rolled back, so tests may change what they like.
"""

import pytest
from django.contrib.auth import get_user_model

from home.demo_content import DemoContentLoader, editor_username


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
