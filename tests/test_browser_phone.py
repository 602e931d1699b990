"""On a phone, in every language, no page scrolls sideways and the home page's search is on the
first screen: checked in a real browser at the two commonest narrow widths, with a screenshot of
each home page kept in tests/screenshots/. The images of cards and pages come in the size the
phone needs."""

import pytest
from django.conf import settings

from practices.models import GoodPracticePage, PracticeIndexPage
from tests.browser import BASE, screenshot

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

PHONE_WIDTHS = [360, 390]
FIRST_SCREEN = 740
# The elements reaching past the right edge, innermost first: what to fix.
WIDEST = """
[...document.querySelectorAll("body *")]
  .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(-3)
  .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`)
"""
# The phone layout in the README.
README_PHONE_LANGUAGE = "mk"
# Words every language's demo content has, so that the results page lists something.
SEARCHED = "festival"


def pages_of(language_code):
    practice = GoodPracticePage.objects.live().filter(locale__language_code=language_code).first()
    listing = PracticeIndexPage.objects.live().get(locale__language_code=language_code)
    return [
        f"/{language_code}/",
        listing.url,
        *([practice.url] if practice else []),
        f"/{language_code}/search/?q={SEARCHED}",
    ]


@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("language_code", [code for code, _name in settings.LANGUAGES])
def test_no_page_is_wider_than_a_phone(browse, database_search, width, language_code):
    tab = browse(width=width, height=FIRST_SCREEN)
    too_wide = {}
    for path in pages_of(language_code):
        response = tab.goto(BASE + path)
        assert response.status == 200, path
        page_width = tab.evaluate("document.documentElement.scrollWidth")
        if page_width > width:
            too_wide[path] = (page_width, tab.evaluate(WIDEST))
        if path == f"/{language_code}/" and width == PHONE_WIDTHS[-1]:
            screenshot(tab, f"home-{language_code}-{width}", readme=language_code == README_PHONE_LANGUAGE)
    assert not too_wide, f"wider than {width} px: {too_wide}"


@pytest.mark.parametrize("language_code", [code for code, _name in settings.LANGUAGES])
def test_the_home_page_search_is_on_a_phones_first_screen(browse, language_code):
    tab = browse(width=PHONE_WIDTHS[0], height=FIRST_SCREEN)
    tab.goto(f"{BASE}/{language_code}/")
    button = tab.locator(".search-box button[type=submit]").bounding_box()
    assert button["y"] + button["height"] <= FIRST_SCREEN


# Each image's state once the page has settled: loaded (naturalWidth) and which file was chosen.
IMAGES = """
(selector) => [...document.querySelectorAll(selector)].map((image) => ({
  loaded: image.complete && image.naturalWidth > 0,
  file: image.currentSrc.split("/").pop(),
}))
"""


def test_images_come_as_webp_in_the_size_a_phone_needs(browse):
    tab = browse(width=PHONE_WIDTHS[-1], height=FIRST_SCREEN)
    practice = GoodPracticePage.objects.live().get(
        slug="mostar-shared-youth-stage", locale__language_code="sr"
    )
    tab.goto(BASE + practice.url)
    # The page's own image is loaded at once, before any scrolling; its cards' only on the way down.
    [page_image] = tab.evaluate(IMAGES, ".detail__image img")
    assert page_image["loaded"] and page_image["file"].endswith(".format-webp.fill-800x450.webp")
    assert not any(image["loaded"] for image in tab.evaluate(IMAGES, ".card__image img"))

    tab.goto(BASE + PracticeIndexPage.objects.live().get(locale__language_code="sr").url)
    for card in tab.locator(".card__image").all():  # down the list, as a reader scrolls
        card.scroll_into_view_if_needed()
    tab.wait_for_load_state("networkidle")
    cards = tab.evaluate(IMAGES, ".card__image img")
    assert cards and all(image["loaded"] for image in cards), cards
    assert all(image["file"].endswith(".format-webp.fill-400x225.webp") for image in cards), cards
