"""The benchmark's query mix, the same searches on each backend, and the timing of them.

Every query is a search-page query string read by ``search.params.parse``, as the view reads it,
in one of the nine reader languages: 1-3 words in any language and script (with Serbian and
Montenegrin Latin words typed in Cyrillic), facet filters, year ranges, browsing without words
(newest first), pages 2-5 and "newest" sorting.
"""

import copy
import random
import statistics
import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.http import QueryDict
from modelsearch.query import MatchAll
from wagtail.models import Locale

from practices.models import (
    Country,
    GoodPracticePage,
    MaterialFormat,
    Organisation,
    Theme,
    TrainingMaterialPage,
)
from search import engine
from search.backends import DatabaseBackend, ElasticsearchBackend
from search.documents import document_for
from search.indexes import all_aliases
from search.params import parse
from search.query import results_page
from translation.transliteration import latin_to_cyrillic

# kind of query → share of the mix (per cent)
KINDS = {"words": 45, "words+facets": 20, "words+years": 10, "browse+facets": 15, "cyrillic": 10}
LATIN_REGIONAL = ["bs", "hr", "sr-latn", "cnr"]
STOCK_CANNOT_FILTER = ("theme", "country", "format")


@dataclass(frozen=True)
class Query:
    kind: str
    locale: str
    querystring: str

    def params(self):
        return parse(QueryDict(self.querystring), self.locale)

    @property
    def stock_cannot_filter(self):
        return any(self.params().selected(facet) for facet in STOCK_CANNOT_FILTER)


def facet_values():
    """Every value each facet can take: the slugs shared by all languages (types: the corpus's)."""
    return {
        "type": [document_for(model).type for model in StockSearch.models],
        "theme": sorted(set(Theme.objects.values_list("slug", flat=True))),
        "country": sorted(set(Country.objects.values_list("slug", flat=True))),
        "organisation": sorted(set(Organisation.objects.values_list("slug", flat=True))),
        "format": sorted(set(MaterialFormat.objects.values_list("slug", flat=True))),
        "language": sorted(Locale.objects.values_list("language_code", flat=True)),
    }


def query_mix(count, seed, words, facets):
    """``count`` queries; ``words``: each language's words with repeats, so common words come up more."""
    rng = random.Random(seed)  # noqa: S311 - reproducible mix, not security
    searchable = {code: [word for word in tokens if len(word) >= 4] for code, tokens in words.items()}
    codes = sorted(searchable)

    def terms(code):
        return " ".join(rng.choices(searchable[code], k=rng.choices([1, 2, 3], [50, 35, 15])[0]))

    queries = []
    for _ in range(count):
        kind = rng.choices(list(KINDS), list(KINDS.values()))[0]
        locale = rng.choice(codes)
        data = QueryDict(mutable=True)
        if kind == "cyrillic":
            data["q"] = latin_to_cyrillic(terms(rng.choice(LATIN_REGIONAL)))
        elif kind != "browse+facets":
            data["q"] = terms(locale if rng.random() < 0.6 else rng.choice(codes))
        if kind.endswith("facets"):
            for facet in rng.sample(sorted(facets), rng.randint(1, 2)):
                data[facet] = rng.choice(facets[facet])
        if kind == "words+years":
            start = rng.randint(1998, 2022)
            data["year_from"], data["year_to"] = str(start), str(start + rng.randint(0, 5))
        if "q" in data and rng.random() < 0.2:
            data["sort"] = "newest"
        if rng.random() < 0.2:
            data["page"] = str(rng.randint(2, 5))
        queries.append(Query(kind, locale, data.urlencode()))
    return queries


# --- the searches ----------------------------------------------------------------------------


def search_elasticsearch(params):
    return ElasticsearchBackend().search(params).count


def search_database(params):
    return DatabaseBackend().search(params).count


class StockSearch:
    """The same searches on Wagtail's own Elasticsearch backend, as far as it can follow them.

    One search per page type (it cannot search two models at once) for the results page, the
    count and the two facets it can compute: organisation and language. It cannot filter or
    facet on many-to-many relations (themes, countries) nor on fields outside ``search_fields``
    (material format), so those filters are dropped; it has no highlighting and no grouping of
    translations, and it never hides restricted pages (``public()`` is not a filter it knows).
    """

    # The corpus's page types. The demo's few workshops and learning paths are left out: the stock
    # backend could filter them by year only through fields indexed for that purpose.
    models = [GoodPracticePage, TrainingMaterialPage]

    def __init__(self, backend):
        self.backend = backend
        self.locales = dict(Locale.objects.values_list("language_code", "pk"))
        self.organisations = {}
        for slug, pk in Organisation.objects.values_list("slug", "pk"):
            self.organisations.setdefault(slug, []).append(pk)

    def __call__(self, params):
        total = 0
        for model in self.models:
            if params.selected("type") and document_for(model).type not in params.selected("type"):
                continue
            found = self.backend.search(
                params.q or MatchAll(),
                self.filtered(model, params),
                operator="and",
                order_by_relevance=bool(params.q) and params.sort == "relevance",
            )
            list(found[params.offset : params.offset + params.per_page])
            total += found.count()
            found.facet("organisation_id")
            found.facet("locale_id")
        return total

    def filtered(self, model, params):
        pages = model.objects.live().order_by("-first_published_at")
        if params.selected("language"):
            pages = pages.filter(locale_id__in=[self.locales[code] for code in params.selected("language")])
        if params.selected("organisation"):
            pages = pages.filter(
                organisation_id__in=[
                    pk for slug in params.selected("organisation") for pk in self.organisations.get(slug, [])
                ]
            )
        start, end = document_for(model).year_fields
        if params.year_to is not None:
            pages = pages.filter(**{f"{start}__lte": params.year_to})
        if params.year_from is not None:
            pages = pages.filter(Q(**{f"{end}__gte": params.year_from}) | Q(**{f"{end}__isnull": True}))
        return pages


# --- where Elasticsearch's time goes -----------------------------------------------------------


def _without(*keys):
    def strip(body):
        for key in keys:
            body.pop(key, None)
        return body

    return strip


def _with_counts(hits, counts):
    """The hits' request with the counts' aggregations in it: the one request sent before
    session 11."""
    hits["aggs"] = counts["aggs"]
    return hits


# the request sent, with parts left out → the variant's name
HITS_VARIANTS = {
    "hits: as the site sends it": _without(),
    "hits: without highlighting": _without("highlight"),
    "hits: without collapsing translations": _without("collapse"),
    "hits: bare query (neither)": _without("highlight", "collapse"),
}


def took_breakdown(queries):
    """Elasticsearch's own time (``took``, ms) for each query's two requests (``results_page``),
    whole and in parts. The counts are asked for with the request cache off (computed) and on
    (answered again from it, as a repeated search is)."""
    client = engine.client()
    index = ",".join(all_aliases())
    requests = [results_page(client, q.params(), settings.LANGUAGE_CODE) for q in queries]
    hits = [request.to_dict() for request, _counts in requests]
    counts = [counted.to_dict() for _hits, counted in requests]

    def took(bodies, **options):
        return [client.search(index=index, **options, **body)["took"] for body in bodies]

    times = {
        name: took([strip(copy.deepcopy(body)) for body in hits], search_type="dfs_query_then_fetch")
        for name, strip in HITS_VARIANTS.items()
    }
    times["counts: computed (request cache off)"] = took(counts, request_cache=False)
    took(counts, request_cache=True)  # fills the cache
    times["counts: answered again (request cache)"] = took(counts, request_cache=True)
    times["hits and counts in one request (as before session 11)"] = took(
        [_with_counts(copy.deepcopy(one), two) for one, two in zip(hits, counts, strict=True)],
        search_type="dfs_query_then_fetch",
    )
    rows = {}
    for name, values in times.items():
        cuts = statistics.quantiles(values, n=100, method="inclusive")
        rows[name] = (statistics.median(values), cuts[94])
    return rows


# --- timing ----------------------------------------------------------------------------------


@dataclass
class Timing:
    kind: str
    seconds: float
    count: int


def measure(search, queries, progress=print, label=""):
    """Run each query once, timing the backend call alone (parsing the query string is left out)."""
    timings = []
    for number, query in enumerate(queries, start=1):
        params = query.params()
        started = time.perf_counter()
        count = search(params)
        timings.append(Timing(query.kind, time.perf_counter() - started, count))
        if number % 100 == 0 or number == len(queries):
            progress(f"  {label}{number}/{len(queries)} queries")
    return timings


def percentiles(timings):
    """(p50, p95, p99) in milliseconds."""
    seconds = [timing.seconds for timing in timings]
    if len(seconds) < 2:
        return (seconds[0] * 1000,) * 3 if seconds else (0.0, 0.0, 0.0)
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def spread(total, count):
    """``count`` positions spread evenly over ``range(total)``, so a shortened run keeps the mix."""
    return [number * total // count for number in range(min(count, total))]
