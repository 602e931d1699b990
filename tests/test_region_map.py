"""Explore by map: each country's figures are the search's own country facet on either backend, the
link a country opens finds exactly as many pages, the names are the reader's, the table says what
the map shows, and all of it works without JavaScript, with the keyboard and on a phone."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import Country, GoodPracticePage, PracticeIndexPage
from regionmap.region import COUNTED_TYPES, forget_counts, geometry, region_map
from search.backends import run_search
from search.params import SearchParams
from tests.browser import BASE, screenshot

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

BACKEND_FIXTURES = ["elasticsearch", "database_search"]
COUNTRY_LINK = re.compile(r'<a class="region-map__country[^"]*" href="([^"]+)" aria-label="([^"]+)">')
TABLE_ROW = re.compile(
    r'<tr>\s*<th scope="row"><a href="([^"]+)">([^<]+)</a></th>' + r"\s*<td>([^<]*)</td>" * 5 + r"\s*</tr>"
)


@pytest.fixture(autouse=True)
def counted_afresh():
    """The cache outlives each test's rolled-back transaction: no test reads another's counts."""
    forget_counts()


@pytest.fixture(params=BACKEND_FIXTURES)
def backend(request):
    request.getfixturevalue(request.param)
    return request.param


def facet(params):
    return {option["value"]: option["count"] for option in run_search(params).facets["country"]}


def test_each_countrys_figures_are_the_search_facets_counts(backend):
    by_country = {country.slug: country for country in region_map("en").countries}
    for kind in COUNTED_TYPES:
        expected = facet(SearchParams(locale="en", filters={"type": [kind]}))
        assert expected, kind
        for slug, country in by_country.items():
            assert country.counts[kind] == expected.get(slug, 0), (kind, slug)
    everything = facet(SearchParams(locale="en"))
    assert {slug: country.total for slug, country in by_country.items() if country.total} == everything
    # Every country of the hub's list is in the table; the seven of the network are drawn.
    assert set(by_country) == set(
        Country.objects.filter(locale__language_code="en").values_list("slug", flat=True)
    )
    assert {country.slug for country in region_map("en").drawn} == set(geometry()["countries"])


def test_a_country_opens_the_search_that_finds_as_many_pages(client, backend):
    response = client.get("/hr/map/")
    assert response.status_code == 200
    links = COUNTRY_LINK.findall(response.content.decode())
    assert len(links) == len(geometry()["countries"])
    figures = {country.slug: country for country in region_map("hr").drawn}
    for url, label in links:
        parts = urlsplit(unescape(url))
        assert parts.path == "/hr/search/"
        [slug] = parse_qs(parts.query)["country"]
        searched = client.get(unescape(url))
        assert searched.status_code == 200
        assert searched.context["search"].count == figures[slug].total, slug
        assert figures[slug].name in unescape(label)
        for kind in COUNTED_TYPES:
            by_type = client.get(f"{unescape(url)}&type={kind}")
            assert by_type.context["search"].count == figures[slug].counts[kind], (slug, kind)


@pytest.mark.parametrize(
    ("language_code", "croatia", "north_macedonia"),
    [
        ("sr", "Хрватска", "Северна Македонија"),
        ("mk", "Хрватска", "Северна Македонија"),
    ],
)
def test_names_are_in_the_readers_language_and_script(
    client, database_search, language_code, croatia, north_macedonia
):
    page = client.get(f"/{language_code}/map/").content.decode()
    rows = {unescape(row[1]): row for row in TABLE_ROW.findall(page)}
    assert croatia in rows and north_macedonia in rows
    assert "Croatia" not in page
    # On the map, the long name goes on two lines, each in the reader's script.
    assert "<tspan" in page and ">Северна</tspan>" in page and ">Македонија</tspan>" in page
    aria_labels = [unescape(label) for _url, label in COUNTRY_LINK.findall(page)]
    assert any(label.startswith(croatia) for label in aria_labels)


def test_the_table_says_what_the_map_shows(client, database_search):
    page = client.get("/en/map/").content.decode()
    rows = TABLE_ROW.findall(page)
    figures = {country.name: country for country in region_map("en").countries}
    assert len(rows) == len(figures)
    for url, name, practices, materials, workshops, paths, together in rows:
        country = figures[unescape(name)]
        assert unescape(url) == country.search_url
        assert [int(practices), int(materials), int(workshops), int(paths), int(together)] == [
            country.practices,
            country.materials,
            country.workshops,
            country.paths,
            country.total,
        ]
    # "Regional / other" has no outline: it is in the table only.
    assert "Regional / other" in figures and not figures["Regional / other"].path


def test_the_map_needs_no_javascript_and_no_inline_style(client, database_search):
    """What a browser without scripts gets: every country a plain link, the legend and the table."""
    for path in ("/en/map/", "/en/", PracticeIndexPage.objects.live().get(locale__language_code="en").url):
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        assert len(COUNTRY_LINK.findall(page)) == len(geometry()["countries"]), path
        assert "region-map__legend" in page and TABLE_ROW.search(page), path
        assert " style=" not in page.split('class="region-map', 1)[1].split("</section>", 1)[0], path
    compact = client.get("/en/").content.decode()
    assert 'href="/en/map/"' in compact
    assert '<details class="region-map__details">' in compact


def test_the_shades_rise_with_the_figures(database_search):
    drawn = region_map("en").drawn
    busiest = max(drawn, key=lambda country: country.total)
    assert busiest.shade == 4
    for country in drawn:
        assert (country.shade == 0) == (country.total == 0)
    for lower in drawn:
        for higher in drawn:
            if lower.total < higher.total:
                assert lower.shade <= higher.shade


def unpublish_everywhere(practice):
    """Takes a practice out of the search in every language."""
    for version in GoodPracticePage.objects.live().filter(translation_key=practice.translation_key):
        version.unpublish()


@pytest.mark.parametrize("backend_fixture", BACKEND_FIXTURES)
def test_the_map_costs_the_same_queries_however_much_content(client, request, backend_fixture):
    """Counting runs the search once per page type, in as many queries whatever it counts; cached,
    the map costs none."""
    request.getfixturevalue(backend_fixture)
    client.get("/en/map/")
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        region_map("en")
    with CaptureQueriesContext(connection) as warm:
        region_map("en")
    assert len(warm) == 0
    unpublish_everywhere(GoodPracticePage.objects.live().filter(locale__language_code="en").first())
    cache.clear()
    with CaptureQueriesContext(connection) as fewer:
        region_map("en")
    assert len(fewer) == len(cold)


def test_unpublishing_changes_the_counts_at_once(database_search):
    before = {country.slug: country.practices for country in region_map("en").countries}
    practice = (
        GoodPracticePage.objects.live().filter(locale__language_code="en", countries__isnull=False).first()
    )
    countries = set(practice.countries.values_list("slug", flat=True))
    unpublish_everywhere(practice)
    after = {country.slug: country.practices for country in region_map("en").countries}
    assert {
        slug: before[slug] - after[slug] for slug in before if before[slug] != after[slug]
    } == dict.fromkeys(countries, 1)


def test_keyboard_reaches_a_country_and_follows_it(browse, database_search):
    tab = browse(width=1280)
    tab.goto(f"{BASE}/hr/")
    tab.locator(".region-map__svg").scroll_into_view_if_needed()
    screenshot(tab, "home-map-hr-1280")
    tab.goto(f"{BASE}/hr/map/")
    screenshot(tab, "map-hr-1280", full_page=True)
    for _ in range(60):
        tab.keyboard.press("Tab")
        focused = tab.evaluate("document.activeElement.getAttribute('aria-label') || ''")
        if focused.startswith("Hrvatska"):
            break
    else:
        pytest.fail("Tab never reached Croatia on the map")
    ring = tab.evaluate(
        "getComputedStyle(document.activeElement.querySelector('.region-map__shape')).strokeWidth"
    )
    assert float(ring.removesuffix("px")) >= 3
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/hr/search/\?country=hr$"))
    assert tab.locator(".results-count, h1").first.is_visible()


def test_no_sideways_scroll_on_a_phone(browse, database_search):
    tab = browse(width=360, height=740)
    listing = PracticeIndexPage.objects.live().get(locale__language_code="sr").url
    for path in ("/sr/map/", "/sr/", listing):
        response = tab.goto(BASE + path)
        assert response.status == 200, path
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360, path
    phone = browse(width=390, height=844)
    for path, name in (("/sr/map/", "map-sr-390"), ("/sr/", "home-map-sr-390")):
        phone.goto(BASE + path)
        phone.locator(".region-map__svg").first.scroll_into_view_if_needed()
        screenshot(phone, name)
