"""SQL queries per search page and practice page, on both backends: a budget each, so that a change which adds
queries per result or per facet is noticed. The budgets hold today's counts (with a small margin);
the speed issue brings every public page down to 15."""

import pytest

from practices.models import GoodPracticePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

BUDGETS = {
    ("elasticsearch", "results"): 8,
    ("elasticsearch", "nothing found"): 8,
    ("database", "results"): 65,
    ("database", "nothing found"): 50,
}
SEARCHES = {
    "results": {"q": "kazalište"},
    "nothing found": {"q": "qwzxv zzkkq", "theme": "digital"},
}
BACKEND_FIXTURES = {"elasticsearch": "elasticsearch", "database": "database_search"}


@pytest.mark.parametrize("search", SEARCHES)
@pytest.mark.parametrize("backend", BACKEND_FIXTURES)
def test_search_page_stays_within_its_query_budget(
    client, request, django_assert_max_num_queries, backend, search
):
    request.getfixturevalue(BACKEND_FIXTURES[backend])
    client.get("/hr/search/", SEARCHES[search])  # caches warm, as on a running site
    with django_assert_max_num_queries(BUDGETS[(backend, search)]):
        response = client.get("/hr/search/", SEARCHES[search])
    assert response.status_code == 200


# A practice page with its "Similar practices" (from the engine, or from shared themes on the
# database): 124 queries today, most of them the page's blocks and related cards. Five are for
# images: the page's own (Wagtail fetches the page without it), and the images and their
# renditions of each list of cards, "Related training materials" and "Similar practices", two
# queries a list however many cards it has (practices/images.py); a list of workshops using the
# practice would add one more. Session 10 added a few, none per card: the page's schema.org
# description (its themes, countries and organisation, a query a list), its citation (the
# organisation in the reader's language) and "Ask about this practice" (the organisation's
# addresses); 129 on the database.
PRACTICE_PAGE_BUDGET = 130


@pytest.mark.parametrize("backend", BACKEND_FIXTURES)
def test_practice_page_stays_within_its_query_budget(client, request, django_assert_max_num_queries, backend):
    request.getfixturevalue(BACKEND_FIXTURES[backend])
    page = GoodPracticePage.objects.live().get(
        slug="skopje-bilingual-youth-podcast-studio", locale__language_code="mk"
    )
    client.get(page.url)
    with django_assert_max_num_queries(PRACTICE_PAGE_BUDGET):
        response = client.get(page.url)
    assert response.status_code == 200
    assert b'id="similar-practices"' in response.content
