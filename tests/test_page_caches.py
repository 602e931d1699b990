"""What pages keep between requests (the site's chrome, the home page's figures and cards, whole
pages for readers who are not logged in) is never shown stale: it is cached under the content
version, which every saved page, term, organisation, image, document, language or view restriction
changes (practices/content_version.py). A kept page is the same for every reader except the
enquiry form's own fields, and nothing is kept that a logged-in person, a failed service or a form
with a CSRF token made."""

import time

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from enquiries.protection import seconds_since_shown
from practices.content_version import CACHE_KEY, content_version
from practices.models import GoodPracticePage, PracticeIndexPage, Theme
from search.indexes import all_aliases
from tests.factories import draft_beside

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_a_renamed_listing_shows_in_the_navigation_at_once(client):
    assert "Good practices" in client.get("/en/").content.decode()
    listing = PracticeIndexPage.objects.get(locale__language_code="en")
    listing.title = "Practices from the network"
    listing.save_revision().publish()

    html = client.get("/en/").content.decode()
    assert ">Practices from the network</a>" in html


def test_a_newly_featured_practice_shows_on_the_home_page_at_once(client):
    before = client.get("/en/").content.decode()
    practice = GoodPracticePage.objects.live().filter(locale__language_code="en", featured=False).first()
    assert practice.title not in before.split('id="latest-practices-heading"')[0]
    practice.featured = True
    practice.start_year, practice.end_year = 2100, None  # first among the featured, still running
    practice.save_revision().publish()

    featured = client.get("/en/").content.decode().split('id="featured-heading"')[1].split("</section>")[0]
    assert practice.title in featured


def test_a_renamed_theme_shows_on_the_cached_home_page_at_once(client):
    client.get("/en/")
    theme = Theme.objects.filter(locale__language_code="en").first()
    theme.name = "Renamed for the test"
    theme.save()

    assert "Renamed for the test" in client.get("/en/").content.decode()


def test_every_worker_reads_the_same_content_version_from_the_shared_cache():
    version = content_version()
    assert cache.get(CACHE_KEY) == version
    Theme.objects.filter(locale__language_code="en").first().save()
    assert content_version() != version


def test_terms_kept_between_requests_are_read_again_after_a_change():
    theme = Theme.objects.filter(locale__language_code="hr").first()
    Client().get("/en/practices/")
    in_english = Theme.objects.get(translation_key=theme.translation_key, locale__language_code="en")
    in_english.name = "A name changed between two requests"
    in_english.save()

    assert "A name changed between two requests" in Client().get("/en/practices/").content.decode()
    with translation.override("en"):  # outside a request, Wagtail's own lookup
        assert theme.localized.name == "A name changed between two requests"


def test_an_alias_of_a_private_page_is_private_too(client):
    """Restrictions are read once per content version; an alias takes its source's."""
    practice = askable_practice()
    PageViewRestriction.objects.create(page=practice, restriction_type=PageViewRestriction.LOGIN)
    alias = practice.create_alias(parent=practice.get_parent(), update_slug=f"{practice.slug}-alias")
    client.get(practice.get_parent().url)
    assert client.get(alias.url).status_code == 302


def askable_practice():
    """An English practice with the "Ask about this practice" form."""
    practices = GoodPracticePage.objects.live().filter(locale__language_code="en")
    return practices.exclude(organisation__email="", organisation__enquiries_email="").first()


def answered_from_cache(client, url):
    """(response, whether the page cache answered it: no query and no template rendered; a search
    page built from a kept answer reads nothing from the database either)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries) == 0 and not response.templates


def test_a_page_is_built_once_and_then_answered_from_the_page_cache(client, database_search):
    url = askable_practice().url
    built, from_cache = answered_from_cache(client, url)
    assert built.status_code == 200 and not from_cache
    kept, from_cache = answered_from_cache(client, url)
    assert kept.status_code == 200 and from_cache
    assert kept["Content-Security-Policy"] == built["Content-Security-Policy"], "the inline styles' hashes"
    assert kept["Cache-Control"] == built["Cache-Control"]
    assert client.head(url).status_code == 200


def test_every_reader_of_a_kept_page_gets_an_enquiry_form_of_their_own(settings, database_search):
    settings.ENQUIRY_MIN_SECONDS = 0
    practice = askable_practice()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(practice.url)
    response, from_cache = answered_from_cache(second, practice.url)
    assert from_cache
    assert b"<!--enquiry-form-tokens" not in response.content

    form = BeautifulSoup(response.content, "html.parser").select_one("form.enquiry-form")
    fields = {field["name"]: field.get("value", "") for field in form.select("input")}
    assert 0 <= seconds_since_shown(fields["shown"], practice.pk) < 60
    fields.update(
        name="Ana Kovač",
        email="ana@reader.example",
        message="How did you find the volunteers for the first season?",
        consent="on",
    )
    sent = second.post(form["action"], fields)
    assert sent.status_code == 302, "the second reader's CSRF token is their own"


def test_a_published_change_is_seen_at_once_on_a_kept_page(client):
    practice = askable_practice()
    client.get(practice.url)
    practice.title = "A title changed after the page was kept"
    practice.save_revision().publish()
    assert "A title changed after the page was kept" in client.get(practice.url).content.decode()


def test_a_page_made_private_is_no_longer_answered_from_the_cache(client):
    practice = askable_practice()
    assert client.get(practice.url).status_code == 200
    PageViewRestriction.objects.create(page=practice, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(practice.url).status_code == 302


def test_a_password_form_is_never_kept(client):
    practice = askable_practice()
    PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.PASSWORD, password="only-for-the-workshop"
    )
    client.get(practice.url)
    assert "password" in client.get(practice.url).content.decode().lower()
    assert not answered_from_cache(client, practice.url)[1]


def test_logged_in_people_get_pages_built_for_them_and_nothing_of_theirs_is_kept(client, moderator):
    url = askable_practice().url
    client.force_login(moderator)
    client.get(url)
    response, from_cache = answered_from_cache(client, url)
    assert not from_cache
    assert b"wagtail-userbar" in response.content
    client.logout()
    assert b"wagtail-userbar" not in client.get(url).content


SEARCH_PAGE = "/en/search/?q=festival"


def test_a_search_page_asked_again_is_answered_from_the_page_cache(client, database_search):
    """Kept at its second asking (most searches are asked once), answered from the cache after."""
    index_settled()
    first, _from_cache = answered_from_cache(client, SEARCH_PAGE)
    second, from_cache = answered_from_cache(client, SEARCH_PAGE)
    assert not from_cache
    third, from_cache = answered_from_cache(client, SEARCH_PAGE)
    assert from_cache and third.content == second.content == first.content


def asked_three_times(client, url):
    client.get(url)
    client.get(url)
    return answered_from_cache(client, url)


def test_a_search_page_is_not_kept_before_the_index_can_show_the_latest_change(
    client, database_search, settings
):
    settings.SEARCH_INDEX_REFRESH_INTERVAL = "1h"
    assert not asked_three_times(client, SEARCH_PAGE)[1]


def test_a_search_page_answered_without_the_engine_is_not_kept(client, engine_unreachable):
    index_settled()
    assert not asked_three_times(client, SEARCH_PAGE)[1]


def test_a_stream_of_searches_does_not_make_the_shared_cache_forget_the_content_version(
    client, database_search, settings
):
    """A full cache forgets entries to make room (a third of them, in the database's table): the
    search's answers, one per search asked, are kept apart, or a stream of searches would make
    every worker forget the content version, and with it every kept page."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "hub_cache",
            "OPTIONS": {"MAX_ENTRIES": 10},
        },
    }
    call_command("createcachetable", verbosity=0)
    index_settled()
    version = content_version()
    for number in range(30):
        assert search_api(client, f"festival {number}", "en")["count"] >= 0
    assert content_version() == version


def test_a_page_made_while_the_engine_failed_is_not_kept(client, engine_unreachable):
    url = askable_practice().url
    client.get(url)
    assert not answered_from_cache(client, url)[1]


def searches_run_by(engine):
    """Searches run on this run's indexes (others on the node may be searched meanwhile)."""
    stats = engine.indices.stats(index=",".join(all_aliases()), metric="search")
    return stats["_all"]["total"]["search"]["query_total"]


def search_api(client, words, language):
    return client.get("/api/search/", {"q": words, "lang": language}).json()


def index_settled():
    """Waits until the index has taken in the latest change (it refreshes every 100 ms here)."""
    content_version()
    time.sleep(0.2)


def test_a_search_asked_again_is_answered_from_what_was_kept(client, elasticsearch):
    index_settled()
    first = search_api(client, "festival", "hr")
    searched = searches_run_by(elasticsearch)
    again = search_api(client, "festival", "hr")
    assert again == first and again["count"] > 0
    assert searches_run_by(elasticsearch) == searched
    search_api(client, "festival", "sl")
    assert searches_run_by(elasticsearch) > searched, "another language is another search"


def test_a_search_is_not_kept_before_the_index_can_show_the_latest_change(client, elasticsearch, settings):
    settings.SEARCH_INDEX_REFRESH_INTERVAL = "1h"
    search_api(client, "festival", "hr")
    searched = searches_run_by(elasticsearch)
    search_api(client, "festival", "hr")
    assert searches_run_by(elasticsearch) > searched


@pytest.fixture
def lantern_workshop(elasticsearch, django_capture_on_commit_callbacks):
    """A new practice, a draft; taken out of the index again afterwards."""
    draft = draft_beside(askable_practice(), "lantern-workshop-kept", "Making lanterns in Berat")
    yield draft
    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()


def test_a_published_page_is_found_by_a_search_kept_before_it(
    client, lantern_workshop, django_capture_on_commit_callbacks
):
    index_settled()
    before = {result["id"] for result in search_api(client, "lanterns Berat", "en")["results"]}
    with django_capture_on_commit_callbacks(execute=True):
        lantern_workshop.save_revision().publish()
    index_settled()
    after = {result["id"] for result in search_api(client, "lanterns Berat", "en")["results"]}
    assert lantern_workshop.pk in after - before
