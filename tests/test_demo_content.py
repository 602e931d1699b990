"""The demo content: its size, that loading it twice changes nothing, and that every page renders."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.html import escape
from wagtail.models import Page

from demo.loader import DemoContentLoader
from practices.models import Country, GoodPracticePage, Organisation, Theme, TrainingMaterialPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

CYRILLIC = set("абвгдђежзијклљмнњопрстћуфхцчџшѓќѕ")


def distinct_count(queryset):
    return queryset.values("translation_key").distinct().count()


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (Page, Organisation, Theme, Country, get_user_model())
    } | {"live": Page.objects.live().count()}


def test_demo_has_the_promised_size():
    assert distinct_count(Organisation.objects) >= 21
    assert (
        Organisation.objects.filter(locale__language_code="en").values("country__slug").distinct().count()
        >= 7
    )
    assert distinct_count(GoodPracticePage.objects.live()) >= 40
    assert distinct_count(TrainingMaterialPage.objects.live()) >= 25


def test_practices_are_written_in_the_regions_languages_and_translated_both_ways():
    originals = GoodPracticePage.objects.filter(alias_of__isnull=True)
    source_locales = set()
    for key in originals.values_list("translation_key", flat=True).distinct():
        first = originals.filter(translation_key=key).order_by("pk").first()
        source_locales.add(first.locale.language_code)
    assert {"hr", "sr", "mk", "sl", "sq"} <= source_locales
    assert "en" in source_locales
    translated = originals.values("translation_key").annotate(n=Count("pk")).filter(n__gte=2)
    assert translated.count() >= 40


def test_cyrillic_practices_exist():
    titles = GoodPracticePage.objects.filter(locale__language_code__in=["sr", "mk"]).values_list(
        "title", flat=True
    )
    assert any(CYRILLIC & set(title.lower()) for title in titles)


def test_every_practice_and_material_was_reviewed_by_the_moderator():
    for page in list(GoodPracticePage.objects.live()[:10]) + list(TrainingMaterialPage.objects.live()[:5]):
        review = page.platform_review
        assert review is not None, page
        assert review.finished_by.username == "moderator"


def test_loading_twice_gives_the_same_result():
    before = snapshot()
    created = DemoContentLoader(write=lambda message: None).load()
    assert created == 0
    assert snapshot() == before


def test_organisations_and_themes_exist_in_all_nine_languages():
    for model in (Organisation, Theme):
        per_key = model.objects.values("translation_key").annotate(n=Count("pk"))
        assert {row["n"] for row in per_key} == {9}


@pytest.mark.smoke
def test_every_demo_page_renders_in_every_language_it_exists_in(client):
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    failures = []
    for page in pages:
        response = client.get(page.url)
        if response.status_code != 200 or escape(page.title) not in response.content.decode():
            failures.append((page.url, response.status_code))
    assert not failures, failures[:10]
    assert pages.count() > 350
