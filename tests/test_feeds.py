"""Atom and RSS feeds of new practices, materials and workshops, per language and per filter: they
parse, list what the listing lists (live, public, in the feed's language first), newest first, and
a bad filter value is a 400 with a message, never a 500."""

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from practices.models import (
    GoodPracticePage,
    MaterialIndexPage,
    OrganisationPage,
    PracticeIndexPage,
    WorkshopIndexPage,
)
from practices.models.filters import MaterialFilters, PracticeFilters, WorkshopFilters
from tests.factories import (
    CountryFactory,
    GoodPracticePageFactory,
    ThemeFactory,
    TrainingMaterialPageFactory,
    WorkshopPageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def english_profile():
    return OrganisationPage.objects.live().filter(locale=Locale.get_default()).order_by("pk").first()


def fetch(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return response, parsed


def new_practice(**fields):
    return publish(GoodPracticePageFactory(parent=english_profile(), **fields))


def test_a_new_practice_is_the_first_entry_with_its_details(client):
    theme = ThemeFactory(name="Unit feed theme")
    practice = new_practice(themes=[theme], summary="What the feed says about it.")
    response, feed = fetch(client, "/en/feeds/practices.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    assert feed.feed.language == "en"
    entry = feed.entries[0]
    assert entry.title == practice.title
    assert entry.link == f"http://testserver{practice.url}"
    assert entry.summary == "What the feed says about it."
    assert entry.author == practice.organisation.name
    assert [tag.term for tag in entry.tags] == ["Unit feed theme"]
    assert entry.id == f"http://testserver/en/p/{practice.pk}/"
    assert entry.published_parsed and entry.updated_parsed
    assert entry.title_detail.language == "en"


def test_the_feed_lists_what_the_listing_lists_newest_first(client):
    listing = PracticeIndexPage.objects.get(locale__language_code="hr")
    expected = listing.get_context(client.get(listing.url).wsgi_request)["page_obj"].paginator.object_list
    expected_titles = [page.title for page in expected.order_by("-first_published_at", "-pk")[:30]]
    _response, feed = fetch(client, "/hr/feeds/practices.atom")
    assert [entry.title for entry in feed.entries] == expected_titles
    assert feed.feed.language == "hr"
    assert all(entry.link.startswith("http://testserver/hr/") for entry in feed.entries)


def test_entries_not_yet_translated_say_their_own_language(client):
    practice = new_practice()
    _response, feed = fetch(client, "/mk/feeds/practices.atom")
    entry = next(entry for entry in feed.entries if entry.title == practice.title)
    assert entry.title_detail.language == "en"
    assert entry.link == f"http://testserver/mk/untranslated/{practice.pk}/"
    assert feed.feed.language == "mk"


def test_a_translated_entry_is_given_in_the_feed_language(client):
    original = new_practice()
    croatian = publish(
        original.copy_for_translation(Locale.objects.get(language_code="hr"), copy_parents=True)
    )
    croatian.title = "Hrvatski naslov prakse"
    publish(croatian)
    _response, feed = fetch(client, "/hr/feeds/practices.atom")
    titles = [entry.title for entry in feed.entries]
    assert "Hrvatski naslov prakse" in titles
    assert original.title not in titles
    _response, english = fetch(client, "/en/feeds/practices.atom")
    assert original.title in [entry.title for entry in english.entries]


def test_filters_narrow_the_feed_as_they_narrow_the_listing(client):
    theme, country = ThemeFactory(), CountryFactory()
    practice = new_practice(themes=[theme], countries=[country])
    other = new_practice()
    for params in ({"theme": theme.slug}, {"country": country.slug}, {"theme": theme.slug, "year": "2019"}):
        _response, feed = fetch(client, "/en/feeds/practices.atom", **params)
        assert [entry.title for entry in feed.entries] == [practice.title], params
    _response, feed = fetch(client, "/en/feeds/practices.atom", organisation=other.organisation.slug)
    titles = [entry.title for entry in feed.entries]
    assert other.title in titles and practice.title in titles  # the same organisation's profile
    material = publish(TrainingMaterialPageFactory(parent=english_profile()))
    _response, feed = fetch(client, "/en/feeds/materials.atom", format=material.material_format.slug)
    assert [entry.title for entry in feed.entries] == [material.title]
    _response, feed = fetch(client, "/en/feeds/practices.atom", theme="no-such-theme")
    assert feed.entries == []


def test_workshops_feed_filters_by_organisation_and_delivery(client):
    listing = WorkshopIndexPage.objects.get(locale=Locale.get_default())
    workshop = publish(WorkshopPageFactory(parent=listing, delivery="online"))
    _response, feed = fetch(client, "/en/feeds/workshops.atom", organisation=workshop.organisation.slug)
    assert [entry.title for entry in feed.entries] == [workshop.title]
    _response, feed = fetch(
        client, "/en/feeds/workshops.atom", organisation=workshop.organisation.slug, delivery="in-person"
    )
    assert feed.entries == []


def test_unpublished_and_private_pages_stay_out(client):
    theme = ThemeFactory()
    shown, unpublished, private = (new_practice(themes=[theme]) for _ in range(3))
    unpublished.unpublish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    _response, feed = fetch(client, "/en/feeds/practices.atom", theme=theme.slug)
    assert [entry.title for entry in feed.entries] == [shown.title]


@pytest.mark.parametrize(
    "query",
    ["theme=%3Cscript%3E", "country=%00", "organisation=" + "x" * 300, "format=a%20b", "year=abc"],
)
def test_bad_filter_values_are_a_400_with_a_message(client, query):
    filters = {"practices": PracticeFilters, "materials": MaterialFilters, "workshops": WorkshopFilters}
    for kind, filter_class in filters.items():
        response = client.get(f"/hr/feeds/{kind}.atom?{query}")
        if query.split("=")[0] not in filter_class.names:
            assert response.status_code == 200, (kind, query)  # not one of this listing's filters
            continue
        assert response.status_code == 400, (kind, query)
        assert response["Content-Type"].startswith("text/plain")
        assert "filtr" in response.content.decode().lower()


def test_unknown_feeds_are_404(client):
    assert client.get("/en/feeds/organisations.atom").status_code == 404
    assert client.get("/en/feeds/practices.json").status_code == 404


def test_rss_from_the_same_feed(client):
    practice = new_practice()
    response, feed = fetch(client, "/sr/feeds/practices.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.language == "sr-Cyrl"
    assert practice.title in [entry.title for entry in feed.entries]


def test_a_feed_costs_the_same_queries_for_one_entry_or_thirty(client):
    theme = ThemeFactory()
    new_practice(themes=[theme])
    client.get("/en/feeds/practices.atom")  # warm the locale and site caches
    with CaptureQueriesContext(connection) as one:
        _response, feed = fetch(client, "/en/feeds/practices.atom", theme=theme.slug)
    assert len(feed.entries) == 1
    with CaptureQueriesContext(connection) as many:
        _response, feed = fetch(client, "/en/feeds/practices.atom")
    assert len(feed.entries) > 10
    assert len(many) == len(one), [query["sql"] for query in many]


def test_pages_point_to_their_feeds(client):
    theme_slug = (
        GoodPracticePage.objects.live().filter(locale__language_code="hr").first().themes.first().slug
    )
    listing = PracticeIndexPage.objects.get(locale__language_code="hr")
    html = client.get(listing.url, {"theme": theme_slug, "country": "%%bad"}).content.decode()
    feed_url = f"/hr/feeds/practices.atom?theme={theme_slug}"
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Nove dobre prakse" href="{feed_url}">'
        in html
    )
    assert f'<a href="{feed_url}" type="application/atom+xml">Pretplati se (Atom)</a>' in html
    home = client.get("/en/").content.decode()
    assert home.count('<link rel="alternate" type="application/atom+xml"') == 3
    for kind in ("practices", "materials", "workshops"):
        assert f'href="/en/feeds/{kind}.atom"' in home
    materials = client.get(MaterialIndexPage.objects.get(locale=Locale.get_default()).url).content.decode()
    assert 'href="/en/feeds/materials.atom"' in materials
