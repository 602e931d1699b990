"""Practices, materials, workshops and learning paths have an image, described in the page's own
language: on their cards in several sizes and formats, loaded as the reader scrolls to it, and at the
top of their page at once; a page without one keeps the text-only card."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from demo.loader import read_demo_file
from practices.images import RENDITIONS, with_images
from practices.models import (
    GoodPracticePage,
    LearningPathPage,
    MaterialIndexPage,
    Organisation,
    PracticeIndexPage,
    TrainingMaterialPage,
    WorkshopPage,
)
from tests.factories import GoodPracticePageFactory, ImageFactory, WorkshopPageFactory
from translation.transliteration import in_reader_script

pytestmark = pytest.mark.django_db
Rendition = get_image_model().get_rendition_model()

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
    # Wagtail caches renditions by image id, and SQLite gives a rolled-back test's ids again: an
    # earlier test's cached renditions would stand in for these images' own.
    cache.clear()
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


# --- pages of the demo content --------------------------------------------------------------


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, html(response.content.decode())


@pytest.mark.demo
def test_a_pages_image_is_at_its_top_loaded_at_once_and_described_in_its_language(client):
    scenes = read_demo_file("scenes.toml")
    page = GoodPracticePage.objects.live().get(slug="mostar-shared-youth-stage", locale__language_code="sr")
    _response, found = parse(client, page.url)
    image = found.select_one(".detail__header .detail__image img")
    assert image["alt"] == scenes["stage"]["sr"]
    assert "loading" not in image.attrs
    assert image["fetchpriority"] == "high"
    assert (image["width"], image["height"]) == ("800", "450")
    assert widths(image["srcset"]) == {"800w", "1200w"}
    assert [source["type"] for source in found.select(".detail__image source")] == ["image/webp"]


@pytest.mark.demo
@pytest.mark.parametrize("listing_model", [PracticeIndexPage, MaterialIndexPage])
@pytest.mark.parametrize("language_code", ["mk", "sr-latn", "en"])
def test_every_card_of_a_listing_shows_its_image_described_in_the_language_it_is_shown_in(
    client, listing_model, language_code
):
    listing = listing_model.objects.live().get(locale__language_code=language_code)
    response, found = parse(client, listing.url)
    listed = response.context["page_obj"].object_list
    cards = found.select(".listing__results article.card")
    assert len(cards) == len(listed) > 0
    for item, shown in zip(listed, cards, strict=True):
        wrapper = shown.select_one(".card__image")
        image = wrapper.find("img")
        # A Cyrillic page on a Serbian Latin reader's card is transliterated, like its title.
        expected = in_reader_script(item.image_alt, item.locale.language_code, language_code)
        assert image["alt"] == expected != ""
        assert image["loading"] == "lazy"
        # In the language of the card's title: marked as it is when that is not the reader's.
        assert wrapper.get("lang") == shown.find("h3").get("lang")


@pytest.mark.demo
def test_the_demo_made_every_rendition_its_cards_and_pages_show(client):
    """The loader makes the renditions in ``RENDITIONS``; were the templates to ask for others, the
    first readers (and every test, whose renditions are rolled back) would wait for them."""
    page = TrainingMaterialPage.objects.live().get(
        slug="youth-participation-methods", locale__language_code="hr"
    )
    pictures = Rendition.objects.exclude(image__in=Organisation.objects.values("logo"))
    before = pictures.count()
    parse(client, page.url)
    parse(client, MaterialIndexPage.objects.get(locale=page.locale).url)
    parse(client, page.get_parent().url)  # the organisation's profile, with its practices and materials
    assert pictures.count() == before
    assert set(page.image.renditions.values_list("filter_spec", flat=True)) == set(RENDITIONS)


@pytest.mark.demo
def test_a_page_without_an_image_renders_with_a_text_only_card(client):
    page = GoodPracticePage.objects.live().get(slug="mostar-shared-youth-stage", locale__language_code="en")
    GoodPracticePage.objects.filter(translation_key=page.translation_key).update(image=None, image_alt="")
    _response, found = parse(client, page.url)
    assert found.select_one(".detail__image") is None
    listing_url = PracticeIndexPage.objects.get(locale=page.locale).url
    _response, listing = parse(client, f"{listing_url}?organisation=kulturni-centar-most")
    shown = next(article for article in listing.select("article.card") if page.title in article.get_text())
    assert "card--with-image" not in shown["class"]
    assert shown.find("img") is None


@pytest.mark.demo
def test_every_demo_item_has_a_picture_described_in_each_of_its_languages():
    scenes = read_demo_file("scenes.toml")
    codes = {locale.language_code for locale in Locale.objects.all()}
    assert all(set(alt) == codes and all(alt.values()) for alt in scenes.values())
    pages = Page.objects.live().type(GoodPracticePage, TrainingMaterialPage, WorkshopPage, LearningPathPage)
    pages = pages.specific().select_related("locale")
    assert len(pages) > 100
    for page in pages:
        language = page.locale.language_code
        assert page.image is not None, page.url
        assert page.image.description, page.image.title
        assert page.image_alt in {alt[language] for alt in scenes.values()}, (page.url, page.image_alt)
