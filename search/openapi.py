"""The search API described as an OpenAPI 3.1 document, written by hand as data.

The endpoints are plain Django views with a stable interface (``views.search_api``,
``views.autocomplete_api``); this document states what they accept (``params.parse``) and what
they answer (``SearchResponse.as_json``, ``backends.suggestion``). The lists of languages, types,
facets and sorts are read from the code, so they cannot drift from it; a test validates real
answers of both backends against the schemas.
"""

from django.conf import settings

from .params import (
    AUTOCOMPLETE_MIN_LENGTH,
    FACET_FIELDS,
    MAX_PAGE,
    MAX_QUERY_LENGTH,
    PER_PAGE,
    SORTS,
    TYPE_LABELS,
)

SLUG_PATTERN = "^[a-z0-9][a-z0-9-]{0,99}$"


def _languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def _parameter(name, description, schema, example=None, many=False):
    parameter = {"name": name, "in": "query", "required": False, "description": description}
    parameter["schema"] = {"type": "array", "items": schema, "maxItems": 20} if many else schema
    if many:
        parameter["style"] = "form"
        parameter["explode"] = True
    if example is not None:
        parameter["example"] = example
    return parameter


def _lang_parameter():
    return _parameter(
        "lang",
        "The reader's language: results come in the first language of its reading order, and "
        "Serbian in the reader's script.",
        {"type": "string", "enum": _languages(), "default": settings.LANGUAGE_CODE},
        example="hr",
    )


def _search_parameters():
    slug = {"type": "string", "pattern": SLUG_PATTERN}
    return [
        _parameter(
            "q",
            "Words to search for, in any of the nine languages and either Serbian script; "
            "empty lists everything, newest first.",
            {"type": "string", "maxLength": MAX_QUERY_LENGTH},
            example="festival",
        ),
        _lang_parameter(),
        _parameter(
            "type", "Kinds of page (any of them).", {"type": "string", "enum": list(TYPE_LABELS)}, many=True
        ),
        _parameter("theme", "Theme slugs (any of them).", slug, example=["digital"], many=True),
        _parameter("country", "Country slugs (any of them).", slug, example=["hr"], many=True),
        _parameter("organisation", "Organisation slugs (any of them).", slug, many=True),
        _parameter("format", "Training material format slugs (any of them).", slug, many=True),
        _parameter(
            "language",
            "Languages the pages are written in (any of them).",
            {"type": "string", "enum": _languages()},
            many=True,
        ),
        _parameter(
            "year_from",
            "Pages whose period ends in or after this year (or is ongoing).",
            {"type": "integer", "minimum": 1900, "maximum": 2100},
        ),
        _parameter(
            "year_to",
            "Pages whose period starts in or before this year.",
            {"type": "integer", "minimum": 1900, "maximum": 2100},
        ),
        _parameter(
            "sort",
            "Relevance, or the newest first.",
            {"type": "string", "enum": list(SORTS), "default": SORTS[0]},
        ),
        _parameter(
            "page",
            f"Page of results, {PER_PAGE} a page; a page beyond the last (or beyond {MAX_PAGE}) "
            "gives the last.",
            {"type": "integer", "minimum": 1, "default": 1},
        ),
    ]


def _schemas():
    nullable_year = {"type": ["integer", "null"]}
    facet_option = {
        "type": "object",
        "required": ["value", "label", "count"],
        "additionalProperties": False,
        "properties": {
            "value": {"type": "string", "description": "What to pass back as the filter's value."},
            "label": {"type": "string", "description": "The value's name in the reader's language."},
            "count": {"type": "integer", "minimum": 0, "description": "Pages (not versions) with it."},
        },
    }
    return {
        "SearchResult": {
            "type": "object",
            "additionalProperties": False,
            "required": [
                "id",
                "translation_key",
                "title",
                "url",
                "reader_url",
                "type",
                "locale",
                "transliterated",
                "summary",
                "highlight",
                "organisation",
                "countries",
                "themes",
                "year_from",
                "year_to",
            ],
            "properties": {
                "id": {"type": "integer", "description": "The page id of the version given."},
                "translation_key": {
                    "type": "string",
                    "format": "uuid",
                    "description": "Shared by every language version of the page.",
                },
                "title": {"type": "string"},
                "url": {"type": "string", "description": "The version's own address."},
                "reader_url": {
                    "type": "string",
                    "description": "Where a reader of `lang` follows it: the page, or its view in "
                    "the reader's language when it is in another.",
                },
                "type": {"type": "string", "enum": list(TYPE_LABELS)},
                "locale": {"type": "string", "enum": _languages(), "description": "Its language."},
                "transliterated": {
                    "type": "boolean",
                    "description": "Serbian shown in the reader's script rather than its own.",
                },
                "summary": {"type": "string"},
                "highlight": {
                    "type": "string",
                    "description": "HTML: escaped text with the query's words in `<mark>`.",
                },
                "organisation": {"type": "string", "description": "The owning organisation's slug."},
                "countries": {"type": "array", "items": {"type": "string"}},
                "themes": {"type": "array", "items": {"type": "string"}},
                "year_from": nullable_year,
                "year_to": nullable_year,
            },
        },
        "FacetOption": facet_option,
        "SearchResponse": {
            "type": "object",
            "additionalProperties": False,
            "required": [
                "count",
                "page",
                "num_pages",
                "results",
                "facets",
                "estimated_facets",
                "suggestion",
                "backend",
                "degraded",
            ],
            "properties": {
                "count": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Pages found (one per translation).",
                },
                "page": {"type": "integer", "minimum": 1},
                "num_pages": {"type": "integer", "minimum": 1},
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}},
                "facets": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": list(FACET_FIELDS),
                    "properties": {
                        facet: {"type": "array", "items": {"$ref": "#/components/schemas/FacetOption"}}
                        for facet in FACET_FIELDS
                    },
                },
                "estimated_facets": {
                    "type": "array",
                    "items": {"type": "string", "enum": list(FACET_FIELDS)},
                    "description": "The facets whose counts are estimated from the language versions "
                    "found: when more than a thousand pages are found, some in more than one language.",
                },
                "suggestion": {
                    "type": ["string", "null"],
                    "description": "A corrected query, when little was found and it finds more.",
                },
                "backend": {"type": "string", "enum": ["elasticsearch", "database"]},
                "degraded": {
                    "type": "boolean",
                    "description": "True when the engine is configured but down, and the database answered.",
                },
            },
        },
        "Suggestion": {
            "type": "object",
            "additionalProperties": False,
            "required": ["title", "url", "type", "lang", "language"],
            "properties": {
                "title": {"type": "string"},
                "url": {"type": "string"},
                "type": {"type": "string", "enum": list(TYPE_LABELS)},
                "lang": {"type": "string", "description": "BCP 47 tag of the language it is shown in."},
                "language": {
                    "type": "string",
                    "description": "That language's name, when it is not the reader's; else empty.",
                },
            },
        },
        "AutocompleteResponse": {
            "type": "object",
            "additionalProperties": False,
            "required": ["suggestions"],
            "properties": {
                "suggestions": {
                    "type": "array",
                    "maxItems": 8,
                    "items": {"$ref": "#/components/schemas/Suggestion"},
                }
            },
        },
        "Error": {
            "type": "object",
            "additionalProperties": False,
            "required": ["error"],
            "properties": {"error": {"type": "string", "description": "What was wrong, in words."}},
        },
    }


def _json(schema_name, description, example=None):
    content = {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}
    if example is not None:
        content["example"] = example
    return {"description": description, "content": {"application/json": content}}


SEARCH_EXAMPLE = {
    "count": 1,
    "page": 1,
    "num_pages": 1,
    "results": [
        {
            "id": 42,
            "translation_key": "3f1c2a9e-8d5b-4c61-9a77-0e2b5d6c7f18",
            "title": "A festival of neighbourhood theatre",
            "url": "/en/organisations/example/festival/",
            "reader_url": "/en/organisations/example/festival/",
            "type": "practice",
            "locale": "en",
            "transliterated": False,
            "summary": "How a small theatre ran a street festival with its neighbours.",
            "highlight": "How a small theatre ran a street <mark>festival</mark> with its neighbours.",
            "organisation": "example",
            "countries": ["hr"],
            "themes": ["audience-development"],
            "year_from": 2015,
            "year_to": 2019,
        }
    ],
    "facets": {facet: [] for facet in FACET_FIELDS},
    "estimated_facets": [],
    "suggestion": None,
    "backend": "elasticsearch",
    "degraded": False,
}


def document():
    """The OpenAPI document of the search API."""
    bad_request = _json("Error", "A parameter could not be read.", {"error": "unknown type “event”"})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kooperativa Knowledge Hub search API",
            "version": "1",
            "description": "The knowledge search of the hub as JSON: good practices, training materials, "
            "workshops and learning paths in nine languages, one result per page whatever its "
            "translations, each in the reader's language where it exists. Read only, no "
            "authentication; it lists only live public pages.",
        },
        "paths": {
            "/api/search/": {
                "get": {
                    "operationId": "search",
                    "summary": "Search the knowledge base",
                    "description": "Results, facet counts and a correction. Malformed parameters "
                    "are refused with 400 and say why; values that match nothing give no results.",
                    "parameters": _search_parameters(),
                    "responses": {
                        "200": _json("SearchResponse", "The results.", SEARCH_EXAMPLE),
                        "400": bad_request,
                    },
                }
            },
            "/api/search/autocomplete/": {
                "get": {
                    "operationId": "autocomplete",
                    "summary": "Suggestions while typing",
                    "description": f"The search's first pages for a text being typed (at least "
                    f"{AUTOCOMPLETE_MIN_LENGTH} characters, else none), the word being typed completed.",
                    "parameters": [
                        _parameter(
                            "q",
                            "The text typed so far (the first 100 characters count).",
                            {"type": "string"},
                            example="kaza",
                        ),
                        _lang_parameter(),
                    ],
                    "responses": {
                        "200": _json(
                            "AutocompleteResponse",
                            "Up to eight suggestions.",
                            {
                                "suggestions": [
                                    {
                                        "title": "Kazalište u susjedstvu",
                                        "url": "/hr/organizacije/primjer/kazaliste/",
                                        "type": "practice",
                                        "lang": "hr",
                                        "language": "",
                                    }
                                ]
                            },
                        ),
                        "400": bad_request,
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }


# --- the same document read by people (``views.api_docs``) -----------------------------------


def type_text(schema):
    """A schema's type in a few words: ``array of string``, ``integer or null``, ``SearchResult``."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    kind = schema.get("type", "")
    if kind == "array":
        return f"array of {type_text(schema['items'])}"
    if isinstance(kind, list):
        return " or ".join(kind)
    return kind


def _constraints(schema):
    if "enum" in schema:
        return "one of: " + ", ".join(str(value) for value in schema["enum"])
    limits = []
    if "minimum" in schema:
        limits.append(f"≥ {schema['minimum']}")
    if "maximum" in schema:
        limits.append(f"≤ {schema['maximum']}")
    if "maxLength" in schema:
        limits.append(f"at most {schema['maxLength']} characters")
    if "pattern" in schema:
        limits.append(f"a slug ({schema['pattern']})")
    return ", ".join(limits)


def described_parameter(parameter):
    schema = parameter["schema"]
    many = schema.get("type") == "array"
    values = schema["items"] if many else schema
    return {
        "name": parameter["name"],
        "type": type_text(values) + (", repeatable" if many else ""),
        "description": parameter["description"],
        "constraints": _constraints(values),
        "default": values.get("default", ""),
        "example": parameter.get("example", ""),
    }


def fields(schemas, name, prefix=""):
    """The fields of a response schema, those of the objects it holds listed after it with their
    dotted names (``results[].title``)."""
    rows = []
    schema = schemas[name]
    nested = []
    for field, definition in schema.get("properties", {}).items():
        rows.append(
            {
                "name": prefix + field,
                "type": type_text(definition),
                "description": definition.get("description", ""),
                "constraints": _constraints(definition),
            }
        )
        items = definition.get("items", {})
        if "$ref" in items:
            nested.append((f"{prefix}{field}[].", type_text(items)))
        # An object of lists, one per facet, each of the same kind.
        inner = next(iter(definition.get("properties", {}).values()), {})
        if "$ref" in inner.get("items", {}):
            nested.append((f"{prefix}{field}.<facet>[].", type_text(inner["items"])))
    for nested_prefix, nested_name in nested:
        rows.extend(fields(schemas, nested_name, nested_prefix))
    return rows
