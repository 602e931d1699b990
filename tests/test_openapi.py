"""The search API's OpenAPI document is valid OpenAPI 3, and what both endpoints really answer, on
both backends, matches the schemas it states."""

import jsonschema
import pytest
from django.urls import reverse
from openapi_spec_validator import validate

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(params=["elasticsearch", "database"])
def backend(request):
    request.getfixturevalue("elasticsearch" if request.param == "elasticsearch" else "database_search")
    return request.param


@pytest.fixture
def spec(client):
    response = client.get(reverse("search_openapi"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def response_schema(spec, path, status):
    """The document's schema for one answer, its references resolved against the document."""
    content = spec["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]
    return {**content["schema"], "components": spec["components"]}


def check(spec, path, response):
    schema = response_schema(spec, path, response.status_code)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        response.json()
    )


def test_document_is_valid_openapi_3(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {"/api/search/", "/api/search/autocomplete/"}


def test_document_is_served_at_a_stable_address(client):
    assert reverse("search_openapi") == "/api/search/openapi.json"
    assert reverse("search_api_docs") == "/api/search/docs/"


def test_document_examples_match_its_schemas(spec):
    for path, operations in spec["paths"].items():
        for status, answer in operations["get"]["responses"].items():
            example = answer["content"]["application/json"]["example"]
            jsonschema.Draft202012Validator(response_schema(spec, path, status)).validate(example)


SEARCHES = [
    ({"q": "festival", "lang": "en"}, True),
    ({"q": "pozorište", "lang": "sr-latn"}, True),
    ({"lang": "hr", "type": ["practice", "material"], "country": "hr", "year_from": "2010"}, True),
    ({"q": "festival", "lang": "mk", "theme": "audience-development", "sort": "newest", "page": "2"}, None),
    ({"q": "qzxqzxqzx", "lang": "sq"}, False),
]


@pytest.mark.parametrize(("params", "found"), SEARCHES)
def test_search_answers_match_the_document(client, spec, backend, params, found):
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    data = response.json()
    assert data["backend"] == backend
    check(spec, "/api/search/", response)
    if found is not None:
        assert bool(data["results"]) is found and bool(data["count"]) is found


def test_a_search_with_every_filter_matches_the_document(client, spec, backend):
    found = client.get("/api/search/", {"lang": "en"}).json()
    params = {facet: options[0]["value"] for facet, options in found["facets"].items() if options}
    response = client.get("/api/search/", {**params, "lang": "en", "year_to": "2030"})
    assert response.status_code == 200
    check(spec, "/api/search/", response)


@pytest.mark.parametrize(
    "params",
    [
        {"type": "event"},
        {"lang": "xx"},
        {"year_from": "abc"},
        {"sort": "oldest"},
        {"page": "-1"},
        {"theme": "<b>"},
    ],
)
def test_refused_searches_match_the_document(client, spec, backend, params):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["error"]
    check(spec, "/api/search/", response)


@pytest.mark.parametrize(
    ("params", "found"),
    [({"q": "festi", "lang": "en"}, True), ({"q": "kaza", "lang": "sr"}, None), ({"q": "f"}, False)],
)
def test_autocomplete_answers_match_the_document(client, spec, backend, params, found):
    response = client.get("/api/search/autocomplete/", params)
    assert response.status_code == 200
    check(spec, "/api/search/autocomplete/", response)
    if found is not None:
        assert bool(response.json()["suggestions"]) is found


def test_refused_autocomplete_matches_the_document(client, spec):
    response = client.get("/api/search/autocomplete/", {"q": "festival", "lang": "klingon"})
    assert response.status_code == 400
    check(spec, "/api/search/autocomplete/", response)


def test_a_changed_answer_would_fail_the_check(client, spec, database_search):
    """The schemas are strict enough to catch a field that disappears or changes its type."""
    data = client.get("/api/search/", {"q": "festival"}).json()
    schema = response_schema(spec, "/api/search/", 200)
    del data["results"][0]["translation_key"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = client.get("/api/search/", {"q": "festival"}).json()
    data["degraded"] = "no"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_docs_page_lists_endpoints_parameters_and_responses(client, spec):
    response = client.get(reverse("search_api_docs"))
    assert response.status_code == 200
    html = response.content.decode()
    for path, operations in spec["paths"].items():
        assert f"GET {path}" in html
        for parameter in operations["get"]["parameters"]:
            assert f"<code>{parameter['name']}</code>" in html
    for field in (
        "results[].translation_key",
        "facets.&lt;facet&gt;[].count",
        "degraded",
        "suggestions[].lang",
    ):
        assert f"<code>{field}</code>" in html
    assert 'href="/api/search/openapi.json"' in html
    assert "<script" not in html.split("</header>", 1)[1].split("<footer", 1)[0]
