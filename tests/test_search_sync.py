"""The index follows the site: publish, unpublish, delete, privacy, snippet renames, engine outages."""

import pytest
from django.conf import settings
from wagtail.models import PageViewRestriction

from practices.models import GoodPracticePage, Organisation
from search import indexing
from search.documents import alias_name
from search.models import PendingIndexUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def restore_index(django_db_blocker):
    """Tests here change the index; the database rolls back by itself, the index is rebuilt after."""
    yield
    if settings.ELASTICSEARCH_URL:
        with django_db_blocker.unblock():
            indexing.reset_engine_state()
            indexing.client.cache_clear()
            indexing.rebuild(progress=lambda message: None)


def indexed(client, page):
    client.indices.refresh(index=alias_name(page.locale.language_code))
    return client.exists(index=alias_name(page.locale.language_code), id=str(page.pk))


def document_of(client, page):
    return client.get(index=alias_name(page.locale.language_code), id=str(page.pk))["_source"]


@pytest.fixture
def practice():
    return GoodPracticePage.objects.live().filter(locale__language_code="en").order_by("pk").first()


@pytest.fixture
def draft(practice):
    """A new practice, saved as a draft under the same organisation."""
    page = practice.copy(
        to=practice.get_parent(),
        update_attrs={"slug": "glass-studio-residency-test", "title": "Glass studio residency in Hvar"},
        keep_live=False,
        copy_revisions=False,
    )
    return page.specific


def test_publishing_indexes_and_unpublishing_removes(
    elasticsearch, draft, django_capture_on_commit_callbacks
):
    assert not indexed(elasticsearch, draft)
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert indexed(elasticsearch, draft)
    assert document_of(elasticsearch, draft)["title"] == "Glass studio residency in Hvar"

    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        draft.unpublish()
    assert not indexed(elasticsearch, draft)


def test_found_through_the_api_after_publishing(
    client, elasticsearch, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    elasticsearch.indices.refresh(index=alias_name("en"))
    data = client.get("/api/search/", {"q": "glass studio Hvar", "lang": "en"}).json()
    assert data["results"][0]["url"].endswith("/glass-studio-residency-test/")


def test_deleting_removes(elasticsearch, practice, django_capture_on_commit_callbacks):
    assert indexed(elasticsearch, practice)
    with django_capture_on_commit_callbacks(execute=True):
        practice.delete()
    assert not indexed(elasticsearch, practice)


def test_privacy_restriction_removes(elasticsearch, practice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=practice, restriction_type="password", password="members")
    assert not indexed(elasticsearch, practice)


def test_renaming_an_organisation_updates_its_documents(
    elasticsearch, practice, django_capture_on_commit_callbacks
):
    organisation = Organisation.objects.get(
        translation_key=practice.organisation.translation_key, locale=practice.locale
    )
    with django_capture_on_commit_callbacks(execute=True):
        organisation.name = "Renamed Collective"
        organisation.save()
    assert document_of(elasticsearch, practice)["organisation_name"] == "Renamed Collective"


def test_engine_outage_never_blocks_publishing_and_is_caught_up(
    settings, elasticsearch, draft, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    indexing.client.cache_clear()
    indexing.reset_engine_state()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            draft.save_revision().publish()
        draft.refresh_from_db()
        assert draft.live
        assert PendingIndexUpdate.objects.filter(page_id=draft.pk).exists()
    finally:
        settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
        indexing.client.cache_clear()
        indexing.reset_engine_state()

    assert indexing.catch_up() == 1
    assert indexed(elasticsearch, draft)
    assert not PendingIndexUpdate.objects.exists()


def test_search_falls_back_to_the_database_when_the_engine_is_down(client, settings, elasticsearch):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    indexing.client.cache_clear()
    indexing.reset_engine_state()
    try:
        data = client.get("/api/search/", {"q": "crowdfunding", "lang": "en"}).json()
        assert data["backend"] == "database"
        assert data["count"] > 0
        page = client.get("/en/search/", {"q": "crowdfunding"})
        assert page.status_code == 200
        assert page.context["search"].degraded
    finally:
        settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
        indexing.client.cache_clear()
        indexing.reset_engine_state()


def test_moving_a_page_updates_its_address_in_the_index(
    elasticsearch, practice, django_capture_on_commit_callbacks
):
    other_profile = (
        type(practice.get_parent().specific)
        .objects.filter(locale=practice.locale)
        .exclude(pk=practice.get_parent().pk)
        .first()
    )
    with django_capture_on_commit_callbacks(execute=True):
        practice.move(other_profile, pos="last-child")
    practice.refresh_from_db()
    document = document_of(elasticsearch, practice)
    assert document["url"] == practice.get_url()
    assert document["url"].startswith(other_profile.get_url())
    assert document["organisation"] == other_profile.specific.organisation.slug
