"""Whatever a visitor or an editor sends, the answer is a page, a 4xx with a message, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

API_ENDPOINTS = ["pages", "images", "documents"]

BAD_API_QUERIES = [
    "offset=99999999999999999999999",
    "limit=99999999999999999999999",
    "offset=²",
    "limit=٣",
    "offset=" + "9" * 5000,
    "search=%00",
    "search=a%00b",
    "id=",
    "id=abc",
    "id=99999999999999999999999",
    "id=²",
    "title=%00",
    "first_published_at=x",
    "order=title&search=x",
    "fields=*",
    "fields=_,title(",
    "type=x.y",
    "child_of=99999999999999999999999",
    "descendant_of=²",
    "translation_of=%00",
    "locale=%00",
    "html_path=%00",
    "%00=x",
    "search=x&search_operator=xor",
    "first_published_at=2020-13-45",
    "type=practices.WorkshopPage&starts_on=x",
]


@pytest.mark.parametrize("endpoint", API_ENDPOINTS)
@pytest.mark.parametrize("query", BAD_API_QUERIES)
def test_bad_input_on_the_read_api_gives_a_clear_4xx(client, endpoint, query):
    for url in (f"/api/v2/{endpoint}/", f"/api/v2/{endpoint}/find/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 302, 400, 404), (url, query, response.content[:300])
        if response.status_code == 400:
            assert response.json()["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?offset=99999999999999999999999",
        "/api/v2/pages/?search=%00",
        "/api/v2/pages/?first_published_at=x",
        "/api/v2/pages/find/?id=abc",
        "/api/v2/images/find/?id=²",
        "/api/v2/documents/?limit=١",
    ],
)
def test_the_read_api_answers_bad_parameters_with_its_own_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["message"]
