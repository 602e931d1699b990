import json

from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from practices.language_versions import reader_content_language
from practices.per_request import answer_not_to_keep
from practices.sites import kept_site

from . import openapi
from .analysis import content_words
from .backends import facet_labels, run_autocomplete, run_search
from .params import AUTOCOMPLETE_MIN_LENGTH, TYPE_LABELS, InvalidSearch, parse

LANGUAGES = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}


@require_GET
def search_page(request):
    """The knowledge search in the active language; malformed parameters are ignored and named."""
    locale = reader_content_language()
    kept_site(request)  # the page's links are made for it
    response = run_search(parse(request.GET, locale))
    if not response.asked_before:
        # Most searches are asked once: the page is kept from the second asking on, so the long
        # tail of words asked once writes no page to the cache.
        answer_not_to_keep()
    labels = facet_labels(locale)
    for result in response.results:
        result.type_label = TYPE_LABELS.get(result.type, "")
        result.organisation_label = labels["organisation"].get(result.organisation, "")
        result.language_label = labels["language"].get(result.locale, result.locale)
        result.theme_labels = [labels["theme"].get(slug, slug) for slug in result.themes]
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search": response,
            "search_query": response.params.as_querydict(),
            "query": response.params.q,
            "labels": labels,
            "type_labels": TYPE_LABELS,
            "page_range": _page_range(response.params.page, response.num_pages),
            # Nothing found for several words: each of them on its own may find something.
            "single_words": content_words(response.params.q) if not response.count else [],
        },
    )


def _page_range(current, last, around=2):
    pages = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    with_gaps = []
    for number in pages:
        if with_gaps and number - with_gaps[-1] > 1:
            with_gaps.append(None)
        with_gaps.append(number)
    return with_gaps


def _api_language(request):
    lang = (request.GET.get("lang") or settings.LANGUAGE_CODE).strip().lower()
    if lang not in LANGUAGES:
        raise InvalidSearch(f"unknown lang “{lang[:20]}”; use one of {', '.join(sorted(LANGUAGES))}")
    return lang


@require_GET
def search_api(request):
    try:
        params = parse(request.GET, _api_language(request), strict=True)
    except InvalidSearch as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(run_search(params).as_json(), json_dumps_params={"ensure_ascii": False})


@require_GET
def autocomplete_api(request):
    try:
        lang = _api_language(request)
    except InvalidSearch as error:
        return JsonResponse({"error": str(error)}, status=400)
    text = " ".join(request.GET.get("q", "").split())[:100]
    suggestions = run_autocomplete(text, lang) if len(text) >= AUTOCOMPLETE_MIN_LENGTH else []
    return JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})


@require_GET
def openapi_document(request):
    """The search API's OpenAPI document, at a stable address for tools."""
    return JsonResponse(openapi.document(), json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_GET
def api_docs(request):
    """The search API's reference for people, drawn from the same OpenAPI document."""
    spec = openapi.document()
    schemas = spec["components"]["schemas"]
    endpoints = []
    for path, operations in spec["paths"].items():
        operation = operations["get"]
        responses = []
        for status, answer in operation["responses"].items():
            content = answer["content"]["application/json"]
            name = content["schema"]["$ref"].rsplit("/", 1)[-1]
            responses.append(
                {
                    "status": status,
                    "description": answer["description"],
                    "schema": name,
                    "fields": openapi.fields(schemas, name),
                    "example": json.dumps(content.get("example"), ensure_ascii=False, indent=2),
                }
            )
        endpoints.append(
            {
                "path": path,
                "operation": operation,
                "parameters": [
                    openapi.described_parameter(parameter) for parameter in operation["parameters"]
                ],
                "responses": responses,
            }
        )
    return TemplateResponse(request, "search/api_docs.html", {"spec": spec, "endpoints": endpoints})
