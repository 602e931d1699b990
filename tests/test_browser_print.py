"""Printing from the hub, proven on the PDF chromium prints on A4: a printed link says where it
goes as a full address, never a bare path, which is useless on paper."""

import re

import pytest

from practices.models import WorkshopPage
from tests.browser import BASE
from tests.pdf_reading import PDFReading

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

# The address Django's test client answers as: the printed addresses carry the request's host.
ORIGIN = "http://testserver"


def print_to_pdf(tab, path):
    response = tab.goto(BASE + path)
    assert response.status == 200, path
    return PDFReading(tab.pdf(format="A4"))


def printed_targets(reading):
    """The addresses printed after links, `<…>`, each whole although it may wrap."""
    return re.findall(r"<([^<>\s]+)>", reading.text.replace("\n", ""))


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
