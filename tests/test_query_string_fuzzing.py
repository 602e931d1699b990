"""Any query string on any public address gives a page, a redirect or a 4xx: never a 500.

Hypothesis throws query strings at every public URL pattern: parameter names the site and Wagtail's
read API know, values in any script (control characters included), digits of every script.
"""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import Locale

from home.models import HomePage
from practices.models import (
    GoodPracticePage,
    LearningPathIndexPage,
    LearningPathPage,
    MaterialIndexPage,
    OrganisationIndexPage,
    OrganisationPage,
    PracticeIndexPage,
    TrainingMaterialPage,
    WorkshopIndexPage,
    WorkshopPage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

PARAMETER_NAMES = [
    "q",
    "page",
    "year",
    "year_from",
    "year_to",
    "theme",
    "country",
    "organisation",
    "format",
    "level",
    "delivery",
    "language",
    "type",
    "sort",
    "path",
    "offset",
    "limit",
    "search",
    "search_operator",
    "fields",
    "order",
    "id",
    "html_path",
    "locale",
    "child_of",
    "first_published_at",
    "lang",
]
LIKELY_VALUES = ["", "1", "0", "-1", "2015", "digital", "hr", "en", "sr-latn", "newest", "title", "*", "and"]

any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
# What str.isdigit() accepts: the decimal digits of every script, and superscripts, circled digits…
DIGITS = [character for character in map(chr, range(0x110000)) if character.isdigit()]
digits_of_every_script = st.text(st.sampled_from(DIGITS), min_size=1, max_size=6)
numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
query_strings = st.lists(
    st.tuples(
        st.sampled_from(PARAMETER_NAMES),
        st.one_of(any_text, digits_of_every_script, numbers, st.sampled_from(LIKELY_VALUES)),
    ),
    min_size=1,
    max_size=4,
).map(urlencode)


def fuzzing(examples):
    """Hypothesis bounded to ``examples`` requests per address: the whole file takes about half a minute."""
    return hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


def live_in_english(model):
    return model.objects.live().public().filter(locale__language_code="en").order_by("pk").first()


def untranslated_address():
    """The untranslated view of a practice that some language lacks."""
    languages = {code for code, _name in settings.LANGUAGES}
    for practice in GoodPracticePage.objects.live().public().order_by("pk"):
        translated = set(
            practice.get_translations(inclusive=True).values_list("locale__language_code", flat=True)
        )
        if missing := sorted(languages - translated):
            return f"/{missing[0]}/untranslated/{practice.pk}/"
    raise AssertionError("every demo practice is translated into every language")


PUBLIC_ADDRESSES = {
    "home": lambda: HomePage.objects.get(locale=Locale.get_default()).url,
    "practice listing": lambda: live_in_english(PracticeIndexPage).url,
    "material listing": lambda: live_in_english(MaterialIndexPage).url,
    "workshop listing": lambda: live_in_english(WorkshopIndexPage).url,
    "path listing": lambda: live_in_english(LearningPathIndexPage).url,
    "organisation listing": lambda: live_in_english(OrganisationIndexPage).url,
    "practice": lambda: live_in_english(GoodPracticePage).url,
    "material": lambda: live_in_english(TrainingMaterialPage).url,
    "workshop": lambda: live_in_english(WorkshopPage).url,
    "workshop print view": lambda: live_in_english(WorkshopPage).url + "print/",
    "learning path": lambda: live_in_english(LearningPathPage).url,
    "organisation": lambda: live_in_english(OrganisationPage).url,
    "untranslated view": untranslated_address,
    "read API pages": lambda: "/api/v2/pages/",
    "read API page finder": lambda: "/api/v2/pages/find/",
    "read API images": lambda: "/api/v2/images/",
    "read API documents": lambda: "/api/v2/documents/",
}
SEARCH_ADDRESSES = {
    "search page": lambda: reverse("search"),
    "search API": lambda: reverse("search_api"),
    "autocomplete API": lambda: reverse("search_autocomplete_api"),
}


def checked_address(client, addresses, name):
    address = addresses[name]()
    assert client.get(address).status_code < 400, f"{name} at {address} is not a working address"
    return address


@pytest.fixture
def public_address(client, request):
    return checked_address(client, PUBLIC_ADDRESSES, request.param)


@pytest.fixture
def search_address(client, request):
    backend, name = request.param
    request.getfixturevalue(backend)
    return checked_address(client, SEARCH_ADDRESSES, name)


@pytest.mark.parametrize("public_address", PUBLIC_ADDRESSES, indirect=True)
@fuzzing(examples=10)
@given(query_string=query_strings)
def test_no_query_string_breaks_a_public_page(client, public_address, query_string):
    response = client.get(f"{public_address}?{query_string}")
    assert response.status_code < 500


@pytest.mark.parametrize(
    "search_address",
    [(backend, name) for backend in ("elasticsearch", "database_search") for name in SEARCH_ADDRESSES],
    indirect=True,
    ids=lambda backend_and_name: f"{backend_and_name[1]} on {backend_and_name[0]}",
)
@fuzzing(examples=25)
@given(query_string=query_strings)
def test_no_query_string_breaks_the_search(client, search_address, query_string):
    response = client.get(f"{search_address}?{query_string}")
    assert response.status_code < 500
