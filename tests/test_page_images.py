"""Practices, materials, workshops and learning paths have an image, described in the page's own
language: on their cards in two sizes and formats, loaded as the reader scrolls to it; a page without
one keeps the text-only card."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from practices.images import with_images
from practices.models import GoodPracticePage
from tests.factories import GoodPracticePageFactory, ImageFactory, WorkshopPageFactory

pytestmark = pytest.mark.django_db

CARD_WIDTHS = {"400w", "800w"}


def html(text):
    return BeautifulSoup(text, "html.parser")


def card(page):
    return html(render_to_string("components/practice_card.html", {"item": page})).find("article")


def widths(srcset):
    return {candidate.split()[-1] for candidate in srcset.split(",")}


# --- the page's alt text --------------------------------------------------------------------


def test_an_image_chosen_without_alt_text_gives_the_page_its_description():
    image = ImageFactory(description="Two actors on a stage in a spotlight")
    page = GoodPracticePageFactory(image=image)
    page.refresh_from_db()
    assert page.image_alt == "Two actors on a stage in a spotlight"


def test_the_pages_own_alt_text_is_kept():
    page = GoodPracticePageFactory(image=ImageFactory(), image_alt="Глумци на сцени под рефлектором")
    page.refresh_from_db()
    assert page.image_alt == "Глумци на сцени под рефлектором"


def test_an_image_nobody_described_is_refused_at_the_alt_text_field():
    page = WorkshopPageFactory()
    page.image = ImageFactory(description="")
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "image_alt" in refused.value.message_dict


# --- cards ----------------------------------------------------------------------------------


def test_a_card_shows_its_image_lazily_in_two_sizes_and_two_formats_with_the_pages_alt_text():
    page = GoodPracticePageFactory(image=ImageFactory(), image_alt="Ljudi oko stola s papirima")
    shown = card(page)
    assert "card--with-image" in shown["class"]
    picture = shown.find("picture")
    sources = picture.find_all("source")
    assert [source["type"] for source in sources] == ["image/webp"]
    assert all(widths(source["srcset"]) == CARD_WIDTHS for source in sources)
    image = picture.find("img")
    assert image["src"].endswith(".jpg")
    assert widths(image["srcset"]) == CARD_WIDTHS
    assert (image["width"], image["height"]) == ("400", "225")
    assert image["loading"] == "lazy"
    assert image["alt"] == "Ljudi oko stola s papirima"
    # After the title for screen readers (the stylesheet shows it first).
    assert shown.find("h3").find_next("picture") is picture


def test_a_card_without_an_image_stays_text_only():
    shown = card(GoodPracticePageFactory())
    assert "card--with-image" not in shown["class"]
    assert shown.find("img") is None


def test_a_list_of_cards_fetches_the_images_and_their_renditions_in_two_queries_however_long():
    pages = [GoodPracticePageFactory(image=ImageFactory()) for _ in range(5)]
    for page in pages:
        card(page)  # the renditions exist, as after the list's first visit

    def image_queries(count):
        cache.clear()  # Wagtail also caches renditions: make them come from the database
        listed = with_images(GoodPracticePage.objects.filter(pk__in=[page.pk for page in pages[:count]]))
        with CaptureQueriesContext(connection) as queries:
            for page in listed:
                card(page)
        return [query["sql"] for query in queries if "wagtailimages_" in query["sql"]]

    assert len(image_queries(2)) == len(image_queries(5)) == 2
