"""What pages keep between requests (the site's chrome, the home page's figures and cards) is
never shown stale: it is cached under the content version, which every saved page, term,
organisation, image or language changes (practices/content_version.py)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from practices.content_version import CACHE_KEY, content_version
from practices.models import GoodPracticePage, PracticeIndexPage, Theme

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


def test_terms_read_for_one_request_are_not_kept_after_it():
    theme = Theme.objects.filter(locale__language_code="hr").first()
    Client().get("/en/practices/")
    in_english = Theme.objects.get(translation_key=theme.translation_key, locale__language_code="en")
    in_english.name = "A name changed between two requests"
    in_english.save()

    assert "A name changed between two requests" in Client().get("/en/practices/").content.decode()
    with translation.override("en"):  # outside a request, Wagtail's own lookup
        assert theme.localized.name == "A name changed between two requests"
