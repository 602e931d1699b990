"""Listings filter by query string; bad values give a normal page or a 404, never a 500."""

import pytest
from wagtail.models import Locale

from practices.models import GoodPracticePage, MaterialIndexPage, OrganisationIndexPage, PracticeIndexPage
from practices.numbers import LARGEST, parse_positive_int

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

BAD_QUERIES = [
    "page=abc",
    "page=-1",
    "page=0",
    "page=999999",
    "page=1e9",
    "theme=does-not-exist",
    "theme=",
    "country=zz",
    "organisation=%00",
    "format=%3Cscript%3E",
    "level=expert",
    "language=xx",
    "year=abc",
    "year=-5",
    "year=99999999999999999999",
    "year=²",
    "year=٣",
    "year=１",
    "page=²",
    "page=٣",
    "page=１",
    "page=" + "9" * 5000,
    "theme=digital&theme=capacity-building",
    "q=" + "x" * 5000,
]


def listing_urls():
    locale = Locale.get_default()
    return [
        model.objects.get(locale=locale).url
        for model in (PracticeIndexPage, MaterialIndexPage, OrganisationIndexPage)
    ]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_query_strings_answer_a_normal_page(client, query):
    for url in listing_urls():
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, (url, query)


def test_theme_filter_narrows_the_list(client):
    url = PracticeIndexPage.objects.get(locale=Locale.get_default()).url
    everything = client.get(url).context["page_obj"].paginator.count
    digital = client.get(url, {"theme": "digital"}).context["page_obj"].paginator.count
    expected = (
        GoodPracticePage.objects.live().filter(themes__slug="digital").values("translation_key").distinct()
    )
    assert 0 < digital < everything
    assert digital == expected.count()


def test_country_and_year_filters_combine(client):
    url = PracticeIndexPage.objects.get(locale=Locale.get_default()).url
    response = client.get(url, {"country": "HR", "year": "2015"})
    for practice in response.context["page_obj"]:
        assert "hr" in {country.slug for country in practice.countries.all()}
        assert practice.start_year <= 2015 and (practice.end_year is None or practice.end_year >= 2015)


def test_unknown_filter_value_gives_an_empty_state(client):
    url = PracticeIndexPage.objects.get(locale=Locale.get_default()).url
    response = client.get(url, {"theme": "no-such-theme"})
    assert response.context["page_obj"].paginator.count == 0
    assert response.status_code == 200


def test_malformed_year_is_ignored_and_reported(client):
    url = PracticeIndexPage.objects.get(locale=Locale.get_default()).url
    response = client.get(url, {"year": "abc"})
    assert response.context["filters"].ignored
    assert response.context["page_obj"].paginator.count > 0


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("7", 7),
        ("007", 7),
        ("2015", 2015),
        (str(LARGEST), LARGEST),
        (str(LARGEST + 1), None),
        ("9" * 5000, None),
        ("0", None),
        ("", None),
        (None, None),
        ("-1", None),
        (" 3", None),
        ("1_000", None),
        ("1e9", None),
        ("²", None),
        ("٣", None),
        ("１", None),
    ],
)
def test_parse_positive_int_reads_ascii_digits_only(raw, number):
    assert parse_positive_int(raw) == number


def test_years_and_page_numbers_count_ascii_digits_only(client):
    """``str.isdigit()`` and ``int()`` accept digits of every script; links on the site write 0-9."""
    url = PracticeIndexPage.objects.get(locale=Locale.get_default()).url
    response = client.get(url, {"year": "２０１５"})
    assert response.context["filters"].ignored
    assert response.context["page_obj"].paginator.count > 0
    assert client.get(url, {"page": "٢"}).context["page_obj"].number == 1


def test_material_filters_by_format_and_level(client):
    url = MaterialIndexPage.objects.get(locale=Locale.get_default()).url
    response = client.get(url, {"format": "guide", "level": "introductory"})
    for material in response.context["page_obj"]:
        assert material.material_format.slug == "guide"
        assert material.level == "introductory"


def test_listing_shows_each_practice_once_in_the_readers_language_or_flagged(client):
    locale = Locale.objects.get(language_code="mk")
    url = PracticeIndexPage.objects.get(locale=locale).url
    pages = list(client.get(url, {"page": 1}).context["page_obj"].paginator.object_list)
    keys = [page.translation_key for page in pages]
    assert len(keys) == len(set(keys))
    assert len(keys) == GoodPracticePage.objects.live().values("translation_key").distinct().count()
