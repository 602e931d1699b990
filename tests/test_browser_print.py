"""Printing from the hub, proven on the PDF chromium prints on A4: a workshop's handout fills its
pages from the first one on (a long session breaks across pages rather than leaving the first
page half empty), and a printed link says where it goes as a full address, never a bare path,
which is useless on paper. The Macedonian handout is kept in tests/screenshots/."""

import math
import re

import pytest

from practices.models import WorkshopPage
from tests.browser import BASE, SCREENSHOTS
from tests.pdf_reading import PDFReading

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

PIXELS_PER_MM = 96 / 25.4
# A4 less the handout's page margins (templates/practices/workshop_handout.css).
PRINTED_WIDTH = round((210 - 2 * 14) * PIXELS_PER_MM)
PRINTED_HEIGHT = (297 - 2 * 16) * PIXELS_PER_MM
# Breaking between lines and items leaves a few lines at the foot of a page; a whole session
# pushed to the next page leaves far more.
SLACK = 1.1
# The address Django's test client answers as: the printed addresses carry the request's host.
ORIGIN = "http://testserver"


def print_to_pdf(tab, path):
    response = tab.goto(BASE + path)
    assert response.status == 200, path
    return PDFReading(tab.pdf(format="A4"))


def words(text):
    return " ".join(text.split())


def printed_targets(reading):
    """The addresses printed after links, `<…>`, each whole although it may wrap."""
    return re.findall(r"<([^<>\s]+)>", reading.text.replace("\n", ""))


def test_every_handout_starts_its_agenda_on_the_first_page_and_needs_no_spare_page(browse):
    tab = browse(width=PRINTED_WIDTH)
    tab.emulate_media(media="print")
    problems = {}
    for workshop in WorkshopPage.objects.live().filter(locale__language_code="en").order_by("slug"):
        reading = print_to_pdf(tab, workshop.url + "print/")
        needed = tab.evaluate("document.documentElement.scrollHeight") / PRINTED_HEIGHT
        first_page = words(reading.page_text(reading.page_numbers[0]))
        first_session = words(workshop.slots[0].title)
        if first_session not in first_page:
            problems[workshop.slug] = f"the first session ({first_session}) is not on the first page"
        elif reading.page_count > math.ceil(needed * SLACK):
            problems[workshop.slug] = f"{reading.page_count} pages for {needed:.2f} pages of content"
    assert not problems, problems


def test_a_handout_prints_full_addresses_and_no_bare_paths(browse):
    workshop = WorkshopPage.objects.live().get(
        locale__language_code="mk", slug="from-empty-warehouse-to-shared-centre"
    )
    reading = print_to_pdf(browse(), workshop.url + "print/")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "handout-mk.pdf").write_bytes(reading.data)

    text = reading.text.replace("\n", "")
    assert f"{ORIGIN}{workshop.url}" in text
    assert f"{ORIGIN}/mk/" in text.replace(f"{ORIGIN}{workshop.url}", "")
    assert not re.search(r"[(<\s]/(mk|documents)/", reading.text)
    assert text.count("/mk/") == text.count(f"{ORIGIN}/mk/")


def test_a_printed_workshop_page_gives_its_links_full_addresses(browse):
    workshop = WorkshopPage.objects.live().get(
        locale__language_code="mk", slug="from-empty-warehouse-to-shared-centre"
    )
    tab = browse()
    tab.emulate_media(media="print")
    reading = print_to_pdf(tab, workshop.url)

    targets = printed_targets(reading)
    assert [target for target in targets if not target.startswith("http")] == []
    assert any(target.startswith(f"{ORIGIN}/mk/") for target in targets), targets
    assert any(target.startswith(f"{ORIGIN}/documents/") for target in targets), targets
