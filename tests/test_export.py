"""Exports of a result set: the search page's and the listings', with the same filters, pages and
order as the page, as CSV for spreadsheets and as JSON Lines, streamed."""

import csv
import io
import json
import re

import pytest
from django.http import StreamingHttpResponse
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from export.columns import COLUMNS, hub_licence, terms_of_use
from practices.models import (
    GoodPracticePage,
    MaterialIndexPage,
    OrganisationIndexPage,
    PracticeIndexPage,
    TrainingMaterialPage,
    WorkshopIndexPage,
)
from tests.browser import BASE, screenshot

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

LISTINGS = {"practices": PracticeIndexPage, "materials": MaterialIndexPage, "workshops": WorkshopIndexPage}


@pytest.fixture(params=["elasticsearch", "database"])
def backend(request):
    request.getfixturevalue("elasticsearch" if request.param == "elasticsearch" else "database_search")
    return request.param


def download(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content if not response.streaming else ""
    assert isinstance(response, StreamingHttpResponse)
    kind, extension = url.rstrip("/").rsplit("/", 1)[-1].split(".")
    assert re.fullmatch(
        rf'attachment; filename="kooperativa-{kind}-[a-z-]+-\d{{4}}-\d\d-\d\d\.{extension}"',
        response["Content-Disposition"],
    )
    return response, b"".join(response.streaming_content).decode("utf-8")


def csv_rows(client, url, params=None):
    response, text = download(client, url, params)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert text.startswith("\ufeff")
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    assert next(reader) == COLUMNS
    return [dict(zip(COLUMNS, values, strict=True)) for values in reader]


def json_lines(client, url, params=None):
    response, text = download(client, url, params)
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    first, *rows = [json.loads(line) for line in text.splitlines()]
    return first["metadata"], rows


def listing_ids(client, kind, language, params=None):
    """The ids a listing shows, all of its pages in order, as the page itself chose them."""
    index = LISTINGS[kind].objects.live().get(locale__language_code=language)
    response = client.get(index.url, params or {})
    assert response.status_code == 200
    return [page.pk for page in response.context["page_obj"].paginator.object_list]


def api_ids(client, **params):
    ids, page = [], 1
    while True:
        data = client.get("/api/search/", {**params, "page": page}).json()
        ids += [result["id"] for result in data["results"]]
        if page >= data["num_pages"]:
            return ids
        page += 1


@pytest.mark.parametrize("kind", list(LISTINGS))
@pytest.mark.parametrize("language", ["en", "hr", "sr"])
def test_a_listing_export_holds_what_the_listing_shows_in_its_order(client, kind, language):
    rows = csv_rows(client, f"/{language}/export/{kind}.csv")
    assert [int(row["id"]) for row in rows] == listing_ids(client, kind, language)
    assert rows
    for row in rows:
        assert row["url"].startswith("http://testserver/")
        assert (
            row["type"] == {"practices": "practice", "materials": "material", "workshops": "workshop"}[kind]
        )


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("practices", {"country": "hr"}),
        ("practices", {"theme": "audience-development", "year": "2015"}),
        ("materials", {"format": "guide"}),
        ("materials", {"language": "mk", "page": "2"}),
        ("workshops", {"theme": "digital"}),
    ],
)
def test_a_listing_export_has_the_listings_filters(client, kind, params):
    everything = listing_ids(client, kind, "en")
    filtered = listing_ids(client, kind, "en", params)
    assert filtered and len(filtered) < len(everything)
    rows = csv_rows(client, f"/en/export/{kind}.csv", params)
    assert [int(row["id"]) for row in rows] == filtered


def test_names_are_in_the_readers_language(client):
    rows = csv_rows(client, "/hr/export/practices.csv", {"country": "hr"})
    assert all("Hrvatska" in row["countries"] for row in rows)
    rows = csv_rows(client, "/en/export/practices.csv", {"country": "hr"})
    assert all("Croatia" in row["countries"] for row in rows)


def test_licence_column(client):
    rows = csv_rows(client, "/en/export/materials.csv")
    licences = {material.pk: material.licence for material in TrainingMaterialPage.objects.live()}
    assert all(row["licence"] == licences[int(row["id"])] for row in rows)
    assert {row["licence"] for row in csv_rows(client, "/en/export/practices.csv")} == {hub_licence()}


def test_csv_cells_never_carry_a_formula(client):
    practice = GoodPracticePage.objects.live().filter(locale__language_code="en").first()
    practice.title = '=HYPERLINK("https://example.com/steal","click")'
    practice.summary = "+1 and -1 and @SUM(A1)"
    practice.save()
    row = next(row for row in csv_rows(client, "/en/export/practices.csv") if int(row["id"]) == practice.pk)
    assert row["title"] == "'" + practice.title
    assert row["summary"] == "'" + practice.summary
    # JSON is no spreadsheet: its text is as written.
    _metadata, rows = json_lines(client, "/en/export/practices.jsonl")
    assert next(row for row in rows if row["id"] == practice.pk)["title"] == practice.title


def test_private_and_unpublished_pages_are_left_out(client, backend):
    practices = list(GoodPracticePage.objects.live().filter(locale__language_code="en")[:2])
    private, unpublished = practices
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    unpublished.unpublish()
    hidden = {private.pk, unpublished.pk}
    listing = {int(row["id"]) for row in csv_rows(client, "/en/export/practices.csv")}
    found = {int(row["id"]) for row in csv_rows(client, "/en/export/search.csv", {"type": "practice"})}
    assert listing and found
    assert not hidden & listing
    assert not hidden & found


@pytest.mark.parametrize(
    "params",
    [
        {"q": "festival"},
        {"q": "pozorište", "type": "practice"},
        {"country": "hr", "type": ["practice", "material"]},
        {"q": "kazalište", "sort": "newest", "theme": "audience-development"},
        {},
    ],
)
@pytest.mark.parametrize("language", ["en", "sr-latn", "mk"])
def test_a_search_export_holds_the_search_results_in_their_order(client, backend, params, language):
    expected = api_ids(client, **params, lang=language)
    rows = csv_rows(client, f"/{language}/export/search.csv", params)
    assert [int(row["id"]) for row in rows] == expected
    if not params:
        assert len(rows) > 50


def test_a_search_export_reads_the_engine_in_pieces(client, elasticsearch, monkeypatch):
    """Through a point in time, a few hits at a time: never one huge page."""
    from export import sources

    monkeypatch.setattr(sources, "CHUNK", 7)
    calls = []
    search = elasticsearch.search

    def counted(**kwargs):
        calls.append(kwargs)
        return search(**kwargs)

    monkeypatch.setattr(elasticsearch, "search", counted)
    rows = csv_rows(client, "/en/export/search.csv")
    paged = [call for call in calls if "pit" in call]
    assert len(paged) > len(rows) // 7
    assert all(call["size"] == 7 for call in paged)
    assert len(rows) == len(api_ids(client, lang="en"))


def test_json_lines_begin_with_the_licence_and_hold_the_same_rows(client, backend):
    metadata, rows = json_lines(client, "/hr/export/search.jsonl", {"q": "festival", "country": "hr"})
    with translation.override("hr"):
        assert metadata["licence"] == terms_of_use()
    assert metadata["columns"] == COLUMNS
    assert metadata["language"] == "hr"
    assert metadata["backend"] == backend
    assert metadata["source"] == "http://testserver/hr/search/?q=festival&country=hr"
    assert rows and all(list(row) == COLUMNS for row in rows)
    assert all(isinstance(row["themes"], list) for row in rows)
    assert [row["id"] for row in rows] == [
        int(row["id"])
        for row in csv_rows(client, "/hr/export/search.csv", {"q": "festival", "country": "hr"})
    ]


def test_the_licence_line_is_in_the_readers_language(client):
    english, _rows = json_lines(client, "/en/export/practices.jsonl")
    croatian, _rows = json_lines(client, "/hr/export/practices.jsonl")
    assert english["licence"].startswith("Every case study")
    assert croatian["licence"] != english["licence"]


@pytest.mark.parametrize(
    ("url", "params", "named"),
    [
        ("/en/export/practices.csv", {"year": "abc"}, "year"),
        ("/en/export/practices.jsonl", {"theme": "<script>"}, "theme"),
        ("/en/export/materials.csv", {"language": "x y"}, "language"),
        ("/en/export/workshops.csv", {"year": "99999999999999999999"}, "year"),
        ("/en/export/search.csv", {"type": "event"}, "event"),
        ("/en/export/search.jsonl", {"year_from": "²"}, "year_from"),
        ("/en/export/search.csv", {"country": "\x00"}, "country"),
    ],
)
def test_bad_filters_are_refused_with_a_message(client, url, params, named):
    response = client.get(url, params)
    assert response.status_code == 400
    assert named in response.content.decode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_unknown_exports_are_not_found(client):
    assert client.get("/en/export/organisations.csv").status_code == 404
    assert client.get("/en/export/practices.xlsx").status_code == 404


def test_download_links_on_the_search_page_and_the_listings(client):
    html = client.get("/en/search/", {"q": "festival", "type": "practice", "page": "2"}).content.decode()
    assert 'href="/en/export/search.csv?q=festival&amp;type=practice"' in html
    assert 'href="/en/export/search.jsonl?q=festival&amp;type=practice"' in html
    practices = PracticeIndexPage.objects.live().get(locale=Locale.objects.get(language_code="hr"))
    html = client.get(practices.url, {"country": "hr"}).content.decode()
    assert 'href="/hr/export/practices.csv?country=hr"' in html
    assert 'href="/hr/export/practices.jsonl?country=hr"' in html
    organisations = OrganisationIndexPage.objects.live().get(locale__language_code="en")
    assert "/export/" not in client.get(organisations.url).content.decode()


def test_a_reader_downloads_search_results_from_the_search_page(browse, client):
    """In Macedonian, as a reader sees it: the links under the count, and the CSV file behind one."""
    tab = browse(locale="mk")
    tab.goto(BASE + "/mk/search/?q=festival&type=practice")
    links = tab.locator(".export-links")
    assert links.is_visible()
    assert "Преземете ги овие резултати" in links.inner_text()
    screenshot(tab, "export-search-mk")
    # Fetched as the browser follows the link: Chromium cancels a download whose answer the test's
    # bridge to Django fulfils (tests/browser.py).
    status, disposition, text = links.get_by_role("link", name="CSV").evaluate(
        """link => fetch(link.href).then(async (response) =>
            [response.status, response.headers.get('content-disposition'), await response.text()])"""
    )
    assert status == 200
    assert disposition.startswith('attachment; filename="kooperativa-search-mk-')
    assert text.startswith(",".join(COLUMNS) + "\r\n")  # fetch's text() drops the BOM
    found = client.get("/api/search/", {"q": "festival", "type": "practice", "lang": "mk"}).json()
    assert len(text.splitlines()) - 1 == found["count"] > 0


def test_the_api_reference_reads_in_a_browser(browse):
    tab = browse(width=1280)
    tab.goto(BASE + "/api/search/docs/")
    assert tab.get_by_role("heading", name="GET /api/search/", exact=True).is_visible()
    assert tab.locator(".api-docs__table").count() == 6
    screenshot(tab, "api-docs", full_page=True)
