"""On the demo content, a practitioner's query in their language and script finds the page they mean."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXPECTATIONS = [
    ("crowdfunding", "en", "crowdfunding-campaigns"),
    ("podcast studio Skopje", "en", "skopje-bilingual-youth-podcast-studio"),
    ("подкаст", "mk", "skopje-bilingual-youth-podcast-studio"),
    ("dostupnost ohrid", "mk", "ohrid-accessible-culture-audit"),
    ("буџет општине", "sr", "reading-municipal-culture-budget"),
    ("omladinsko pozorište Mostar", "bs", "mostar-shared-youth-stage"),
    ("омладинско позориште Мостар", "bs", "mostar-shared-youth-stage"),
    ("zimski program Kotor", "cnr", "kotor-winter-programme-for-residents"),
    ("budžet grada", "hr", "shadow-youth-culture-budget-monitoring"),
    ("pristupačnost", "hr", "accessible-events-checklist"),
    ("pristupacnost", "hr", "accessible-events-checklist"),
    ("honorarji umetnikov", "sl", "minimum-fee-scale-independent-artists-slovenia"),
    ("Tovarna Maribor tekstil", "sl", "textile-workers-memories-maribor"),
    ("radio komunitar", "sq", "prishtina-youth-community-radio"),
]


@pytest.mark.parametrize(("query", "lang", "slug"), EXPECTATIONS)
def test_query_finds_the_named_page_in_the_top_three(client, elasticsearch, query, lang, slug):
    data = client.get(reverse("search_api"), {"q": query, "lang": lang}).json()
    top = [result["url"].rstrip("/").rsplit("/", 1)[-1] for result in data["results"][:3]]
    assert slug in top, (query, lang, top)


def test_did_you_mean_offers_a_correction_when_little_is_found(client, elasticsearch):
    data = client.get(reverse("search_api"), {"q": "crowdfundnig", "lang": "en"}).json()
    assert data["count"] < 3
    assert data["suggestion"]
    assert "crowdfunding" in data["suggestion"]


def test_similar_practices_share_subject_and_language(client, elasticsearch):
    from practices.models import GoodPracticePage
    from search.backends import similar_pages

    practice = GoodPracticePage.objects.get(
        slug="skopje-bilingual-youth-podcast-studio", locale__language_code="en"
    )
    similar = similar_pages(practice)
    assert similar
    assert all(page.locale_id == practice.locale_id for page in similar)
    assert practice.translation_key not in {page.translation_key for page in similar}
