"""A detail page's facts box: its partners, countries and themes, which a page reads in one query and
takes from the vocabularies kept in memory (practices/vocabularies.py), must be exactly the page's,
in the reader's language and the vocabulary's order, and a change must show on the next request."""

import html
import re

import pytest
from django.db.models import Count
from django.utils import translation

from practices.models import GoodPracticePage, WorkshopPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def facts_box(client, page):
    content = client.get(page.url).content.decode()
    start = content.index('<aside class="facts"')
    return content[start : content.index("</aside>", start)]


def named(facts, label):
    """The names listed in the facts box's row ``label``, in order."""
    row = re.search(rf"<dt>{label}</dt>\s*<dd>(.*?)</dd>", facts, re.DOTALL).group(1)
    names = re.findall(r">([^<>]+)</(?:a|span)>", row)
    return [html.unescape(name.strip()) for name in names if name.strip()]


def expected(terms, language):
    with translation.override(language):
        return [term.localized.name for term in terms]


def test_a_practice_lists_its_own_partners_countries_and_themes_in_the_readers_language(client):
    practice = (
        GoodPracticePage.objects.live()
        .filter(locale__language_code="mk", countries__isnull=False, partners__isnull=False)
        .distinct()
        .first()
    )
    facts = facts_box(client, practice)

    assert named(facts, "Теми") == expected(practice.themes.all(), "mk")
    assert named(facts, "Земји") == expected(practice.countries.all(), "mk")
    assert named(facts, "Партнери") == expected(practice.partners.all(), "mk")


def test_a_workshop_lists_its_themes_and_shows_a_change_on_the_next_request(client):
    workshop = (
        WorkshopPage.objects.live()
        .filter(locale__language_code="en")
        .annotate(theme_count=Count("themes"))
        .filter(theme_count__gte=2)
        .first()
    )
    themes = list(workshop.themes.all())
    assert named(facts_box(client, workshop), "Themes") == expected(themes, "en")

    workshop.themes = themes[1:]
    workshop.save_revision().publish()

    assert named(facts_box(client, workshop), "Themes") == expected(themes[1:], "en")
