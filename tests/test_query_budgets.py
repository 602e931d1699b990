"""SQL queries per page: a budget for every kind of public page, on both search backends where
search is involved, and for the admin's explorer and edit view, so that a change which adds
queries per card, per term or per link is noticed.

Most readers get a public page from the page cache (kooperativa/page_cache.py): no query with the
cache in memory or Redis, two with the cache in the database. The budgets below are for building a
page, which the first reader after a change pays: each page is asked for twice, with the page cache
emptied before the second, and the second counted, as on a running site whose other caches (the
site's chrome, fragments and vocabularies kept under the content version) are warm. The budgets
hold today's counts with a margin of one or two, and every page is built in 15 or fewer (issue #15;
the untranslated view, the dearest, in exactly 15). The route to a page reads only the page, its
row and its specific row (the site and the language's home page are kept, home/routing.py); a
detail page then reads which terms it has in one query (the terms are kept), its lists of cards and
their themes a query each, and their pictures and its own together. The untranslated view finds
the page, its versions and its original before it builds it: see docs/benchmarks.md, "Queries per
page".
"""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from practices.models import (
    GoodPracticePage,
    LearningPathPage,
    OrganisationPage,
    Theme,
    TrainingMaterialPage,
    WorkshopPage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

BACKEND_FIXTURES = {"elasticsearch": "elasticsearch", "database": "database_search"}


def page_url(model, slug, language):
    return model.objects.live().get(slug=slug, locale__language_code=language).url


def untranslated_url():
    """The Albanian reader's view of a Croatian practice that has no Albanian version."""
    albanian = GoodPracticePage.objects.filter(locale__language_code="sq").values("translation_key")
    practice = (
        GoodPracticePage.objects.live()
        .filter(locale__language_code="hr")
        .exclude(translation_key__in=albanian)
    )
    return f"/sq/untranslated/{practice.first().pk}/"


# Where each page is, and its budget.
PUBLIC_PAGES = {
    "home": (lambda: "/en/", 3),
    "home, Macedonian": (lambda: "/mk/", 3),
    "practices": (lambda: "/hr/practices/", 9),
    "practices, filtered": (lambda: "/hr/practices/?theme=digital&country=ba", 9),
    "practices, Cyrillic": (lambda: "/sr/practices/", 9),
    "materials": (lambda: "/mk/materials/?format=toolkit", 10),
    "workshops": (lambda: "/en/workshops/", 9),
    "learning paths": (lambda: "/sr/paths/", 14),
    "organisations": (lambda: "/en/organisations/", 7),
    "practice": (lambda: page_url(GoodPracticePage, "skopje-bilingual-youth-podcast-studio", "mk"), 14),
    "practice used in a workshop": (
        lambda: page_url(GoodPracticePage, "mostar-courtyard-summer-cinema", "en"),
        15,
    ),
    "material": (lambda: page_url(TrainingMaterialPage, "participatory-programming-toolkit", "en"), 14),
    "workshop": (lambda: page_url(WorkshopPage, "budget-that-survives-late-payments", "en"), 13),
    "learning path": (lambda: page_url(LearningPathPage, "money-without-panic", "en"), 12),
    "organisation": (lambda: page_url(OrganisationPage, "kulturni-centar-most", "mk"), 14),
    "untranslated view": (untranslated_url, 15),
}


def queries_for(client, url, kept=False):
    """The queries of building the page at ``url``, the page cache and the kept search answers emptied
    (or, ``kept``, of answering it from the page cache)."""
    client.get(url)  # caches warm, as on a running site
    if not kept:
        caches["pages"].clear()
        caches["searches"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_stays_within_its_query_budget(client, database_search, name):
    where, budget = PUBLIC_PAGES[name]
    url = where()
    assert queries_for(client, url) <= budget, url


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_a_kept_page_is_answered_without_a_query(client, database_search, name):
    where, _budget = PUBLIC_PAGES[name]
    assert queries_for(client, where(), kept=True) == 0


@pytest.fixture
def database_cache(settings):
    """The embedded default's caches, tables in the database, whose every read is a query."""
    in_table = "django.core.cache.backends.db.DatabaseCache"
    settings.CACHES = {
        "default": {"BACKEND": in_table, "LOCATION": "hub_cache"},
        "pages": {"BACKEND": in_table, "LOCATION": "hub_page_cache"},
        "searches": {"BACKEND": in_table, "LOCATION": "hub_search_cache"},
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    call_command("createcachetable", verbosity=0)


# With the caches in the database: the content version, the chrome and the page's cached fragment
# are a query each, Wagtail's site roots one more, and looking for the page in the page cache one;
# keeping it there three (Django's database cache counts its entries and looks for the key before it
# writes), and two for the savepoint a test wraps that in. Renditions stay out of it: Wagtail writes
# a picture's rendition back to its cache each time it is shown.
DATABASE_CACHE_PAGES = {"home": 15, "organisations": 17, "learning paths": 24}


@pytest.mark.parametrize("name", DATABASE_CACHE_PAGES)
def test_the_database_cache_adds_a_few_queries_not_one_per_picture(
    client, database_search, database_cache, name
):
    where, _budget = PUBLIC_PAGES[name]
    assert queries_for(client, where()) <= DATABASE_CACHE_PAGES[name]


def test_a_kept_page_costs_two_queries_with_the_cache_in_the_database(
    client, database_search, database_cache
):
    """The content version, then the page."""
    url = page_url(GoodPracticePage, "skopje-bilingual-youth-podcast-studio", "mk")
    assert queries_for(client, url, kept=True) == 2


def test_a_listing_costs_the_same_however_many_cards_it_shows(client, database_search):
    """Cards read their images, themes, organisations and terms for the whole list at once."""
    rarest = min(
        Theme.objects.filter(locale__language_code="hr"),
        key=lambda theme: GoodPracticePage.objects.live().filter(themes__slug=theme.slug).count() or 10**6,
    )
    few, full = f"/hr/practices/?theme={rarest.slug}", "/hr/practices/"
    few_cards = client.get(few).content.count(b'class="card ')
    full_cards = client.get(full).content.count(b'class="card ')
    assert 0 < few_cards < full_cards
    assert queries_for(client, few) == queries_for(client, full)


SEARCH_BUDGETS = {
    ("elasticsearch", "results"): 2,
    ("elasticsearch", "nothing found"): 2,
    ("database", "results"): 15,
    ("database", "nothing found"): 13,
}
SEARCHES = {
    "results": "/hr/search/?q=kazalište",
    "nothing found": "/hr/search/?q=qwzxv+zzkkq&theme=digital",
}


@pytest.mark.parametrize("search", SEARCHES)
@pytest.mark.parametrize("backend", BACKEND_FIXTURES)
def test_search_page_stays_within_its_query_budget(client, request, backend, search):
    request.getfixturevalue(BACKEND_FIXTURES[backend])
    assert queries_for(client, SEARCHES[search]) <= SEARCH_BUDGETS[(backend, search)]


def test_similar_practices_come_from_the_engine_within_the_practice_budget(client, elasticsearch):
    url = page_url(GoodPracticePage, "skopje-bilingual-youth-podcast-studio", "mk")
    assert queries_for(client, url) <= PUBLIC_PAGES["practice"][1]
    assert b'id="similar-practices"' in client.get(url).content


# The admin is not cached: its explorer checks each row's permissions, and its edit view builds the
# page's whole form (panels, choosers, comments, workflow).
ADMIN_BUDGETS = {"explorer": 56, "edit view": 106, "dashboard": 39}


@pytest.mark.parametrize("view", ADMIN_BUDGETS)
def test_admin_view_stays_within_its_query_budget(client, moderator, view):
    profile = OrganisationPage.objects.get(slug="kulturni-centar-most", locale__language_code="en")
    practice = Page.objects.filter(depth=profile.depth + 1, path__startswith=profile.path).first()
    url = {
        "explorer": f"/admin/pages/{profile.pk}/",
        "edit view": f"/admin/pages/{practice.pk}/edit/",
        "dashboard": "/admin/",
    }[view]
    client.force_login(moderator)
    assert queries_for(client, url) <= ADMIN_BUDGETS[view]
