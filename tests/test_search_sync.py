"""The index follows the site: publish, unpublish, delete, privacy, snippet renames, the paths leading to
a page, engine outages."""

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, PageViewRestriction

from practices.models import GoodPracticePage, LearningPathPage, Organisation
from search import documents, engine, indexing
from search.backends import DatabaseBackend, ElasticsearchBackend
from search.indexes import alias_name
from search.models import PendingIndexUpdate
from search.params import SearchParams
from tests.factories import draft_beside

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(scope="module", autouse=True)
def restore_index(django_db_blocker):
    """Tests here change the index; the database rolls back by itself, the index is rebuilt after."""
    yield
    if settings.ELASTICSEARCH_URL:
        with django_db_blocker.unblock():
            indexing.forget_engine_state()
            engine.client.cache_clear()
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
    return draft_beside(practice, "glass-studio-residency-test", "Glass studio residency in Hvar")


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


def test_deleting_through_the_generic_page_removes(
    elasticsearch, practice, django_capture_on_commit_callbacks
):
    """Deleting a ``Page`` (as a parent's deletion does for its children) reaches the page type's
    own ``post_delete`` too, which is the signal the index listens to."""
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=practice.pk).delete()
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


@pytest.fixture
def path_and_step():
    """An English learning path and the page its first step leads to."""
    path = LearningPathPage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    return path, path.path_steps[0].item.page.specific


def test_a_path_carries_the_pages_it_leads_to_and_follows_their_edits(
    elasticsearch, path_and_step, django_capture_on_commit_callbacks
):
    path, step = path_and_step
    assert step.title in document_of(elasticsearch, path)["body"]
    step.title = "Lighthouse keepers cooperative"
    with django_capture_on_commit_callbacks(execute=True):
        step.save_revision().publish()
    assert "Lighthouse keepers cooperative" in document_of(elasticsearch, path)["body"]
    elasticsearch.indices.refresh(index=alias_name("en"))
    found = ElasticsearchBackend().search(
        SearchParams(locale="en", q="lighthouse keepers", filters={"type": ["path"]})
    )
    assert path.url in [result.url for result in found.results]

    with django_capture_on_commit_callbacks(execute=True):
        step.delete()
    assert "Lighthouse keepers cooperative" not in document_of(elasticsearch, path)["body"]


def test_the_database_finds_a_path_by_the_pages_it_leads_to_after_their_edits(database_search, path_and_step):
    path, step = path_and_step
    step.title = "Lighthouse keepers cooperative"
    step.save_revision().publish()
    found = DatabaseBackend().search(
        SearchParams(locale="en", q="lighthouse keepers", filters={"type": ["path"]})
    )
    assert [result.url for result in found.results] == [path.url]


def test_a_replay_of_the_audit_log_brings_the_paths_leading_to_a_page_edited(path_and_step):
    path, step = path_and_step
    moment = timezone.now()
    step.save_revision().publish()
    assert {step.pk, path.pk} <= indexing.pages_changed_since(moment)


def test_engine_outage_never_blocks_publishing_and_is_caught_up(
    settings, elasticsearch, draft, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    engine.client.cache_clear()
    indexing.forget_engine_state()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            draft.save_revision().publish()
        draft.refresh_from_db()
        assert draft.live
        assert PendingIndexUpdate.objects.filter(page_id=draft.pk).exists()
    finally:
        settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
        engine.client.cache_clear()
        indexing.forget_engine_state()

    indexing.catch_up()
    assert indexed(elasticsearch, draft)
    assert not PendingIndexUpdate.objects.exists()


def test_search_falls_back_to_the_database_when_the_engine_is_down(client, engine_unreachable):
    data = client.get("/api/search/", {"q": "crowdfunding", "lang": "en"}).json()
    assert data["backend"] == "database"
    assert data["degraded"] is True
    assert data["count"] > 0
    page = client.get("/en/search/", {"q": "crowdfunding"})
    assert page.status_code == 200
    assert page.context["search"].degraded


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


def test_a_rebuild_builds_the_same_documents_as_single_updates():
    """A rebuild shares locales, organisations and terms between pages; an editor's publish reads
    one page's own relations. Both must give the same document."""
    rebuilt = {
        page.pk: documents.document(page, relations) for page, relations in indexing.searchable_pages()
    }
    assert len(rebuilt) == sum(model.objects.live().public().count() for model in documents.indexed_models())
    for page_id, document in rebuilt.items():
        assert documents.document(Page.objects.get(pk=page_id).specific) == document
    assert any(len(document["themes"]) > 1 for document in rebuilt.values())


def test_similar_practices_outlast_a_page_published_again(elasticsearch, django_capture_on_commit_callbacks):
    """A page published again leaves its old copy in the index until segments merge, which doubles
    the document frequency of its own rare words; "Similar practices" must not go empty then."""
    page = GoodPracticePage.objects.live().get(
        slug="skopje-bilingual-youth-podcast-studio", locale__language_code="mk"
    )
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    elasticsearch.indices.refresh(index=alias_name("mk"))
    similar = ElasticsearchBackend().similar(page)
    assert similar
    assert all(other.locale_id == page.locale_id and other.pk != page.pk for other in similar)


def test_a_page_published_while_rebuilding_reads_its_own_relations(draft):
    attach = indexing.SharedObjects().relations_of(GoodPracticePage.objects.live())
    draft.save_revision().publish()
    page = GoodPracticePage.objects.get(pk=draft.pk)
    document = documents.document(page, attach(page))
    assert document["themes"] == [theme.slug for theme in draft.themes.all()]
    assert document["themes"]
    assert document["countries"] == [country.slug for country in draft.countries.all()]


def test_changes_made_while_rebuilding_reach_the_new_index(
    elasticsearch, draft, practice, django_capture_on_commit_callbacks
):
    """Editors keep working during a rebuild; what they publish or unpublish after the new index
    read its pages must not be lost when the alias moves to it."""
    theme = practice.themes.first()
    edited = []

    def edit_while_filling(message):
        if message.startswith("  en:") and not edited:
            edited.append(message)
            with django_capture_on_commit_callbacks(execute=True):
                draft.save_revision().publish()
                practice.unpublish()
                theme.name = "Renamed while rebuilding"
                theme.save()
                ModelLogEntry.objects.log_action(theme, "wagtail.edit")

    indexing.rebuild(progress=edit_while_filling)
    assert edited[0].endswith("…")  # while filling, before the alias moved
    draft.refresh_from_db()
    assert draft.live
    assert indexed(elasticsearch, draft)
    assert not indexed(elasticsearch, practice)
    renamed = GoodPracticePage.objects.live().filter(locale=practice.locale, themes=theme).first()
    assert "Renamed while rebuilding" in document_of(elasticsearch, renamed)["theme_names"]


def test_a_refused_search_is_answered_from_the_database_and_leaves_the_engine_in_service(elasticsearch):
    from search.backends import DatabaseBackend, _with_fallback
    from search.indexes import all_aliases

    def operation(backend):
        if isinstance(backend, DatabaseBackend):
            return "from the database"
        return elasticsearch.search(index=",".join(all_aliases()), query={"no_such_query": {}})

    assert _with_fallback(operation) == ("from the database", True)
    assert engine.available(), "one malformed query must not send every reader to the database"
