"""Whole journeys through the hub in a real browser (tests/browser.py), as the people who use it
make them."""

import re

import pytest

from practices.models import (
    GoodPracticePage,
    OrganisationPage,
    PracticeIndexPage,
    Theme,
    TrainingMaterialPage,
)
from tests.browser import BASE, screenshot

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def theme_with_pages_in_other_languages(client, listing):
    """A theme whose filtered Macedonian listing shows a practice that is not in Macedonian."""
    for slug in Theme.objects.order_by("pk").values_list("slug", flat=True).distinct():
        if 'href="/mk/untranslated/' in client.get(listing.url, {"theme": slug}).content.decode():
            return slug
    raise AssertionError("no theme lists a practice in another language for Macedonian readers")


def material_with_a_document(language_code):
    for material in TrainingMaterialPage.objects.live().public().filter(locale__language_code=language_code):
        if any(block.block_type == "document" for block in material.files):
            return material
    raise AssertionError(f"no {language_code} material has a document")


def result_links(tab):
    return tab.locator(".search-result .card__link").evaluate_all("links => links.map((link) => link.href)")


def test_a_macedonian_reader_browses_filters_reads_searches_and_downloads_in_macedonian(
    browse, client, elasticsearch
):
    listing = PracticeIndexPage.objects.live().get(locale__language_code="mk")
    theme = theme_with_pages_in_other_languages(client, listing)
    material = material_with_a_document("mk")
    tab = browse()

    tab.goto(f"{BASE}/mk/")
    assert tab.locator("html").get_attribute("lang") == "mk"
    screenshot(tab, "journey-mk-home", readme=True)
    tab.get_by_role("link", name=listing.title, exact=True).first.click()
    assert tab.url == BASE + listing.url

    tab.select_option("#filter-theme", value=theme)
    tab.locator(".filters button[type=submit]").click()
    assert f"theme={theme}" in tab.url
    assert tab.locator("#filter-theme").input_value() == theme

    foreign = tab.locator('.card__link[href^="/mk/untranslated/"]').first
    foreign_title = foreign.inner_text()
    foreign.click()
    assert "/mk/untranslated/" in tab.url
    assert tab.locator("html").get_attribute("lang") == "mk"
    assert tab.locator(".untranslated-notice").is_visible()
    assert tab.locator("main").get_attribute("lang") != "mk"
    assert tab.locator("h1").inner_text() == foreign_title
    assert tab.get_by_role("link", name=listing.title, exact=True).first.is_visible()
    screenshot(tab, "journey-mk-fallback", readme=True)

    found = {}
    # The header's search box, then the results page's own.
    for words, box in (("фестивал", "#header-search-q"), ("festival", "#search-q")):
        tab.fill(box, words)
        tab.press(box, "Enter")
        tab.wait_for_url("**/mk/search/**")
        assert tab.locator("html").get_attribute("lang") == "mk"
        assert result_links(tab), words
        found[words] = int(re.match(r"\d+", tab.locator("#results-heading").inner_text()).group())
    assert found["фестивал"] == found["festival"], "either script finds as many pages"
    screenshot(tab, "journey-mk-search", readme=True)

    tab.goto(BASE + material.url)
    download = tab.locator(".block-resource--document .block-resource__title").first
    status, content_type = download.evaluate(
        "link => fetch(link.href).then((response) => [response.status, response.headers.get('content-type')])"
    )
    assert status == 200
    assert content_type == "application/pdf"


def test_saving_a_draft_names_each_missing_required_field_and_keeps_what_was_written(
    browse, client, editor_of
):
    """Required fields are checked when a draft is saved as when it is submitted, at the field."""
    editor = editor_of("kulturni-centar-most")
    profile = (
        OrganisationPage.objects.live()
        .filter(organisation__slug="kulturni-centar-most")
        .order_by("pk")
        .first()
    )
    practices_before = GoodPracticePage.objects.count()
    client.force_login(editor)
    tab = browse()

    tab.goto(f"{BASE}/admin/pages/add/practices/goodpracticepage/{profile.pk}/")
    tab.fill("#id_title", "Ljetna škola kulturnog menadžmenta")
    tab.get_by_role("button", name="Save draft").click()
    tab.wait_for_load_state()

    assert GoodPracticePage.objects.count() == practices_before
    assert tab.locator("#id_title").input_value() == "Ljetna škola kulturnog menadžmenta"
    for field in ("summary", "context", "approach", "results", "lessons", "transferability"):
        wrapper = tab.locator(f"[data-field-wrapper]:has([name='{field}'])")
        assert wrapper.locator(".error-message").count() == 1, field
    screenshot(tab, "admin-draft-missing-fields")
