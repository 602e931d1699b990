"""What a search asks for, read defensively from a query string, and what it answers."""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from practices.language_versions import untranslated_url
from practices.numbers import parse_positive_int
from translation.transliteration import SERBIAN_SCRIPTS, transliterate_text

MAX_QUERY_LENGTH = 200
PER_PAGE = 10
MAX_PAGE = 1000
# Suggestions while typing start at this many characters.
AUTOCOMPLETE_MIN_LENGTH = 2
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
SORTS = ("relevance", "newest")
TYPE_LABELS = {
    "practice": _("Good practice"),
    "material": _("Training material"),
    "workshop": _("Workshop"),
    "path": _("Learning path"),
}

# facet name in URLs → field in the index
FACET_FIELDS = {
    "type": "type",
    "theme": "themes",
    "country": "countries",
    "organisation": "organisation",
    "format": "format",
    "language": "locale",
}


CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def printable(value, length=20):
    """A piece of user input safe to repeat in a message."""
    return CONTROL_CHARACTERS.sub("", value)[:length]


class InvalidSearch(ValueError):
    """A parameter the API cannot accept; the message is shown to the caller."""


@dataclass
class SearchParams:
    locale: str
    q: str = ""
    filters: dict = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    ignored: list = field(default_factory=list)

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def selected(self, facet):
        return self.filters.get(facet, [])

    def as_querydict(self):
        """The search as clean query parameters: what links on the results page build on."""
        data = QueryDict(mutable=True)
        if self.q:
            data["q"] = self.q
        for facet, values in self.filters.items():
            data.setlist(facet, values)
        for name in ("year_from", "year_to"):
            if getattr(self, name) is not None:
                data[name] = str(getattr(self, name))
        if self.sort != "relevance":
            data["sort"] = self.sort
        return data


def _year(value, name, problems):
    if not value:
        return None
    year = parse_positive_int(value)
    if year is not None and 1900 <= year <= 2100:
        return year
    problems.append(_("%(name)s must be a year between 1900 and 2100") % {"name": name})
    return None


def parse(params, locale, strict=False):
    """Read search parameters. ``strict`` (the API) raises InvalidSearch on malformed values;
    otherwise they are ignored and listed in ``ignored`` so the page can say so."""
    problems = []
    query = " ".join(CONTROL_CHARACTERS.sub(" ", params.get("q", "")).split())[:MAX_QUERY_LENGTH]
    languages = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}

    filters = {}
    for facet in FACET_FIELDS:
        values = []
        for raw in params.getlist(facet):
            value = raw.strip().lower()
            if not value:
                continue
            if facet == "language" and value not in languages:
                problems.append(_("unknown language “%(value)s”") % {"value": printable(raw)})
            elif facet == "type" and value not in TYPE_LABELS:
                problems.append(_("unknown type “%(value)s”") % {"value": printable(raw)})
            elif not SLUG.match(value):
                problems.append(
                    _("malformed %(facet)s “%(value)s”") % {"facet": facet, "value": printable(raw)}
                )
            elif value not in values:
                values.append(value)
        if values:
            filters[facet] = values[:20]

    year_from = _year(params.get("year_from", "").strip(), "year_from", problems)
    year_to = _year(params.get("year_to", "").strip(), "year_to", problems)
    if year_from and year_to and year_from > year_to:
        year_from, year_to = year_to, year_from

    sort = params.get("sort", "relevance") or "relevance"
    if sort not in SORTS:
        problems.append(_("sort must be “relevance” or “newest”"))
        sort = "relevance"

    raw_page = params.get("page", "1").strip() or "1"
    page = parse_positive_int(raw_page)
    if page is None:
        problems.append(_("page must be a positive whole number"))
        page = 1
    page = min(page, MAX_PAGE)

    if strict and problems:
        raise InvalidSearch("; ".join(str(problem) for problem in problems))
    return SearchParams(
        locale=locale,
        q=query,
        filters=filters,
        year_from=year_from,
        year_to=year_to,
        sort=sort,
        page=page,
        ignored=problems,
    )


@dataclass
class SearchResult:
    """One hit, the same from either backend."""

    title: str
    url: str
    type: str
    locale: str
    summary: str
    highlight: str
    organisation: str
    countries: list
    themes: list
    year_from: int | None
    year_to: int | None
    page_id: int
    translation_key: str
    title_html: str = ""
    # Set by ``read_by``: what the reader follows, and the language the reader sees the hit in.
    reader_url: str = ""
    shown_language: str = ""

    def read_by(self, reader):
        """The hit as a reader of ``reader`` sees it: Serbian in the other script transliterated into
        the reader's, and a hit in another language linked to the reader's-language view of it."""
        self.reader_url = self.url if self.locale == reader else untranslated_url(self.page_id, reader)
        self.shown_language = self.locale
        if SERBIAN_SCRIPTS.get(self.locale) == reader:
            for name in ("title", "title_html", "summary", "highlight"):
                setattr(self, name, transliterate_text(getattr(self, name), reader))
            self.shown_language = reader
        return self

    def as_json(self):
        return {
            "id": self.page_id,
            "translation_key": self.translation_key,
            "title": self.title,
            "url": self.url,
            "reader_url": self.reader_url,
            "type": self.type,
            "locale": self.locale,
            "transliterated": self.shown_language != self.locale,
            "summary": self.summary,
            "highlight": self.highlight,
            "organisation": self.organisation,
            "countries": self.countries,
            "themes": self.themes,
            "year_from": self.year_from,
            "year_to": self.year_to,
        }


@dataclass
class SearchResponse:
    params: SearchParams
    count: int
    results: list
    facets: dict
    suggestion: str | None
    backend: str
    degraded: bool = False
    # The facets whose counts are estimates (``backends.EXACTLY_COUNTED``); a plain default, so an
    # answer kept by a version before it (``backends.run_search``) reads as exact.
    estimated_facets: tuple = ()
    # Whether it was kept from an earlier asking of the same search (``backends.run_search``).
    asked_before: bool = False

    @property
    def num_pages(self):
        return max(1, -(-self.count // self.params.per_page))

    def as_json(self):
        return {
            "count": self.count,
            "page": self.params.page,
            "num_pages": self.num_pages,
            "results": [result.as_json() for result in self.results],
            "facets": {
                name: [{"value": o["value"], "label": str(o["label"]), "count": o["count"]} for o in options]
                for name, options in self.facets.items()
            },
            "estimated_facets": list(self.estimated_facets),
            "suggestion": self.suggestion,
            "backend": self.backend,
            "degraded": self.degraded,
        }
