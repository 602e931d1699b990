"""Suggestions while typing come from the search itself, on the engine: the same analysis (scripts,
stems, the regional glossary) and the same reading order, the last word read as the start of one."""

import pytest
from django.urls import reverse
from wagtail.models import Page

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def suggested_urls(client, text, lang):
    response = client.get(reverse("search_autocomplete_api"), {"q": text, "lang": lang})
    assert response.status_code == 200
    return [suggestion["url"] for suggestion in response.json()["suggestions"]]


def search_urls(client, text, lang):
    response = client.get(reverse("search_api"), {"q": text, "lang": lang})
    assert response.status_code == 200
    return [result["reader_url"] for result in response.json()["results"]]


@pytest.mark.parametrize(
    ("word", "lang"), [("publika", "mk"), ("volonteri", "hr"), ("festival", "sr"), ("budžet", "en")]
)
def test_a_whole_word_suggests_what_the_search_finds_first(client, elasticsearch, word, lang):
    found = search_urls(client, word, lang)
    assert found
    assert set(found[:3]) <= set(suggested_urls(client, word, lang))


def versions_of(slug):
    page = Page.objects.live().filter(url_path__endswith=f"/{slug}/").first()
    return page.get_translations(inclusive=True).live()


@pytest.mark.parametrize(
    ("typed", "lang"), [("kazali", "hr"), ("teat", "mk"), ("gledali", "sl"), ("theat", "en")]
)
def test_the_start_of_a_word_finds_pages_that_name_it_in_another_language(client, elasticsearch, typed, lang):
    """The forum theatre practice from Peja is written in Albanian and Serbian ("pozorište"): the
    start of "kazalište", "театар", "gledališče" or "theatre" suggests it."""
    versions = versions_of("village-touring-forum-theatre-peja")
    addresses = {page.url for page in versions} | {f"/{lang}/untranslated/{page.pk}/" for page in versions}
    assert addresses & set(suggested_urls(client, typed, lang))
