"""The knowledge search behind one interface, on Elasticsearch or on the database.

``run_search`` uses Elasticsearch when it is configured and answering, and the database
otherwise; when the engine fails it answers from the database, says so (``degraded``), and
leaves the engine alone for ``SEARCH_ENGINE_RETRY_SECONDS`` before trying again. A search the
engine refuses (HTTP 400: a query this code built wrongly) is answered from the database too,
logged as an error, and leaves the engine in service for everyone else.
"""

import hashlib
import logging
import re
import time
from collections import Counter, OrderedDict
from functools import lru_cache
from operator import attrgetter

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.db.models import CharField, Count, F, Q, Value
from django.utils import translation
from django.utils.html import escape
from elasticsearch import BadRequestError
from wagtail.models import Locale, Page
from wagtail.search.query import Fuzzy

from practices.content_version import age_in_seconds as content_version_age
from practices.content_version import content_version
from practices.language_versions import in_reader_language, untranslated_url
from practices.models import Country, MaterialFormat, Organisation, Theme
from practices.per_request import answer_not_to_keep
from translation.templatetags.language_tags import bcp47
from translation.transliteration import (
    SERBIAN_SCRIPTS,
    cyrillic_to_latin,
    in_reader_script,
    latin_to_cyrillic,
)

from . import engine, query
from .analysis import database_terms, database_terms_by_word
from .documents import DOCUMENTS, Relations, document_for, indexed_models
from .glossary import WORD
from .indexes import all_aliases
from .params import FACET_FIELDS, TYPE_LABELS, SearchResponse, SearchResult

logger = logging.getLogger(__name__)

# Below this many results the search tries again, forgiving typos, and may suggest a correction.
FEW_RESULTS = 3
# Up to this many pages found, each facet value's pages are counted exactly; beyond, when some
# page matched in two languages, they are estimated from its documents (docs/benchmarks.md,
# "Session 18": counting them exactly was most of the engine's time for a search finding many).
EXACTLY_COUNTED = 1000
# How much a page's score in the database fallback falls with each of the query's words it does
# not match (score × share of the words matched ** this): chosen on both development sets,
# docs/search.md ("Session 15").
WORDS_MATCHED_POWER = 3

# --- labels shared by both backends ----------------------------------------------------------


def _term_labels(model, locale):
    labels = {}
    terms = model.objects.filter(locale__language_code__in=[locale, settings.LANGUAGE_CODE])
    for slug, name, language in terms.values_list("slug", "name", "locale__language_code"):
        if slug not in labels or language == locale:
            labels[slug] = name
    return labels


LABELS_CACHE_SECONDS = 300
TERM_MODELS = {"theme": Theme, "country": Country, "organisation": Organisation, "format": MaterialFormat}


def labels_cache_key(locale):
    return f"search-term-labels-{locale}"


def forget_facet_labels():
    cache.delete_many([labels_cache_key(code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES])


def facet_labels(locale):
    """Names of facet values in the reader's language. Organisation and taxonomy names are read
    once every few minutes, and again at once when one of them is saved."""
    key = labels_cache_key(locale)
    terms = cache.get(key)
    if terms is None:
        terms = {facet: _term_labels(model, locale) for facet, model in TERM_MODELS.items()}
        cache.set(key, terms, LABELS_CACHE_SECONDS)
    return {
        "type": {key: str(label) for key, label in TYPE_LABELS.items()},
        "language": {code: str(name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES},
        **terms,
    }


def build_facets(counts, params):
    """counts: {facet: {value: count}} → {facet: [{value, label, count, selected}]} with selected kept."""
    labels = facet_labels(params.locale)
    facets = {}
    for facet in FACET_FIELDS:
        values = dict(counts.get(facet, {}))
        for selected in params.selected(facet):
            values.setdefault(selected, 0)
        options = [
            {
                "value": value,
                "label": labels[facet].get(value, value),
                "count": count,
                "selected": value in params.selected(facet),
            }
            for value, count in values.items()
            if value
        ]
        facets[facet] = sorted(options, key=lambda option: (-option["count"], str(option["label"])))
    return facets


# --- Elasticsearch ---------------------------------------------------------------------------

# How long a process goes by its reading of how many documents the indexes hold.
INDEX_SIZE_SECONDS = 600


def indexes_hold_few_documents():
    """Whether the indexes hold at most ``EXACTLY_COUNTED`` documents, so that any search's pages
    are counted exactly, and can be in its first request rather than a second. Read again every ten
    minutes by each process: a reading out of date costs a round trip or an exact count, never a
    wrong one."""
    return _documents_indexed(int(time.monotonic() // INDEX_SIZE_SECONDS)) <= EXACTLY_COUNTED


@lru_cache(maxsize=1)
def _documents_indexed(period):
    return engine.client().count(index=",".join(all_aliases()))["count"]


class ElasticsearchBackend:
    name = "elasticsearch"

    def search(self, params):
        forgiving = False
        exact = not params.q or indexes_hold_few_documents()
        hits, counted = self._execute(params, forgiving, exact)
        if params.q and self._count(counted) < FEW_RESULTS:
            forgiving = True
            hits, counted = self._execute(params, forgiving, exact)
        count = self._count(counted)
        last_page = max(1, -(-count // params.per_page))
        if params.page > last_page:
            params.page = last_page
            hits = query.knowledge_search(
                engine.client(), params, settings.LANGUAGE_CODE, forgiving
            ).execute()
        counts, estimated = self._facet_counts(params, forgiving, counted, exact)
        results = self._results(hits, params)
        return SearchResponse(
            params=params,
            count=count,
            results=results,
            facets=build_facets(counts, params),
            estimated_facets=estimated,
            suggestion=self._suggestion(hits, params, count),
            backend=self.name,
        )

    def _execute(self, params, forgiving, exact_counts):
        """(the hits, the counts) of the results page, asked for in one round trip."""
        client = engine.client()
        return query.run_together(
            client, *query.results_page(client, params, settings.LANGUAGE_CODE, forgiving, exact_counts)
        )

    @staticmethod
    def _count(response):
        return int(response.aggregations.total.pages.value)

    def _facet_counts(self, params, forgiving, counted, exact):
        """({facet: {value: pages}}, the facets whose counts are estimates) from the counts of the
        results page (``query.facet_counts``), ``exact`` when asked so; otherwise a value's
        documents are its pages when no page matched in two languages; when one did, few pages are
        counted again exactly, and many are estimated from their documents. A page has one version
        per language, so the languages' counts are always exact."""
        if exact:
            return self._exact_counts(counted), ()
        documents = counted.hits.total.value
        pages = int(counted.aggregations.matched.value)
        if documents != pages and pages <= EXACTLY_COUNTED:
            recounted = query.facet_counts(engine.client(), params, forgiving, exact=True).execute()
            return self._exact_counts(recounted), ()
        # Beyond the exact counts' precision the pages may be counted above the documents.
        share = min(1.0, pages / documents) if documents else 1.0
        estimated = tuple(facet for facet in FACET_FIELDS if facet != "language") if share < 1 else ()

        def estimate(bucket):
            return max(1, round(bucket.doc_count * share))

        return {
            facet: self._values(counted, facet, estimate if facet in estimated else attrgetter("doc_count"))
            for facet in FACET_FIELDS
        }, estimated

    def _exact_counts(self, response):
        return {
            facet: self._values(response, facet, lambda bucket: int(bucket.pages.value))
            for facet in FACET_FIELDS
        }

    @staticmethod
    def _values(response, facet, count_of):
        return {
            bucket.key: count_of(bucket)
            for bucket in getattr(response.aggregations, f"facet_{facet}").values.buckets
        }

    @staticmethod
    def _in_reader_versions(hits, reader, fields):
        """(hit, its translation key, the version of its page the reader gets) for each hit."""
        # The collapse key comes with every hit, as a list of one.
        keys = [hit.meta.fields["translation_key"][0] for hit in hits]
        # A hit in the reader's own language is the version they get: only the others are asked
        # for, and a page of hits all in the reader's language needs no second request.
        elsewhere = [key for hit, key in zip(hits, keys, strict=True) if hit.locale != reader]
        shown = {}
        if elsewhere:
            shown = {
                version.meta.fields["translation_key"][0]: version
                for version in query.reader_versions(engine.client(), elsewhere, reader, fields).execute()
            }
        return [(hit, key, shown.get(key, hit)) for hit, key in zip(hits, keys, strict=True)]

    def _results(self, response, params):
        """The hits, each in the version of its page the reader gets; a version other than the one
        that matched best is marked by the database fallback's highlighter."""
        words = database_terms(params.q, params.locale) if params.q else []
        results = []
        for hit, key, version in self._in_reader_versions(list(response), params.locale, query.RESULT_FIELDS):
            if version.page_id == hit.page_id:
                highlight = hit.meta.to_dict().get("highlight", {})
            else:
                highlight = {"summary": [_highlight(version.summary, words)]} if words else {}
            results.append(self._result(version.to_dict(), key, highlight))
        return results

    def _result(self, source, translation_key, highlight):
        snippet = " … ".join(highlight.get("body", [])) or " ".join(highlight.get("summary", []))
        return SearchResult(
            title=source["title"],
            title_html=" ".join(highlight.get("title", [])) or escape(source["title"]),
            url=source["url"],
            type=source["type"],
            locale=source["locale"],
            summary=source["summary"],
            highlight=snippet,
            organisation=source.get("organisation") or "",
            countries=source.get("countries", []),
            themes=source.get("themes", []),
            year_from=source.get("year_from"),
            year_to=source.get("year_to"),
            page_id=source["page_id"],
            translation_key=translation_key,
        )

    def _suggestion(self, response, params, count):
        """A corrected query, offered only when little was found and the correction finds more."""
        if not params.q or count >= FEW_RESULTS or "suggest" not in response:
            return None
        words = []
        for entry in response.suggest.did_you_mean:
            words.append(entry.options[0].text if entry.options else entry.text)
        candidate = " ".join(words)
        if candidate == " ".join(entry.text for entry in response.suggest.did_you_mean):
            return None
        return (
            candidate
            if query.count_matches(engine.client(), candidate, params.locale) >= max(count, 1)
            else None
        )

    def autocomplete(self, text, locale):
        hits = query.suggestions(engine.client(), text, locale, settings.LANGUAGE_CODE).execute()
        return [
            suggestion(
                page_id=version.page_id,
                title=version.title,
                url=version.url,
                kind=version.type,
                locale=version.locale,
                reader=locale,
            )
            for _hit, _key, version in self._in_reader_versions(list(hits), locale, query.SUGGESTION_FIELDS)
        ]

    def similar(self, page, size=4):
        hits = query.similar(engine.client(), page, size).execute()
        ids = [hit.page_id for hit in hits]
        pages = type(page).objects.live().in_bulk(ids)  # the query asked for pages of its type
        return [pages[page_id] for page_id in ids if page_id in pages]


# --- the database ----------------------------------------------------------------------------


def query_variants(text):
    """Plain words of the query in both scripts, so the database finds Cyrillic text for Latin
    queries and back. Operators and quotes would be read as full-text syntax, so only words stay."""
    words = " ".join(re.sub(r"[^\w\s]|_", " ", text.lower()).split())
    if not words:
        return []
    return list(OrderedDict.fromkeys([words, cyrillic_to_latin(words), latin_to_cyrillic(words)]))


def _highlight(text, words, width=240):
    """Plain text with the query's words marked where a word starts (so a word's other endings are
    marked too, and "të" is not marked inside "artistët"), cut to ``width`` around the first match."""
    plain = " ".join(str(text).split())
    words = sorted((word for word in words if word), key=len, reverse=True)
    pattern = (
        re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + ")", re.IGNORECASE)
        if words
        else None
    )
    match = pattern.search(plain) if pattern else None
    if width and len(plain) > width:
        start = max(0, match.start() - width // 3) if match else 0
        if start:
            start = plain.find(" ", start) + 1
        end = plain.rfind(" ", start, start + width)
        end = end if end > start else start + width
        plain = ("… " if start else "") + plain[start:end] + " …"
    if not pattern:
        return escape(plain)
    marked = []
    position = 0
    for found in pattern.finditer(plain):
        marked += [escape(plain[position : found.start()]), "<mark>", escape(found.group(0)), "</mark>"]
        position = found.end()
    marked.append(escape(plain[position:]))
    return "".join(marked)


class WordsMatched(Counter):
    """{translation key: how many of the query's words the page matches}, of ``words`` words."""

    def __init__(self, words):
        super().__init__()
        self.words = words

    def share(self, key):
        """The share of the words the page matches (a page found by the whole query matches one at
        least, though the database may not find it by any word alone)."""
        return max(self[key], 1) / self.words


class DatabaseBackend:
    """Wagtail's database search for the text, the ORM for filters and facet counts."""

    name = "database"

    def _querysets(self, params, skip_facet=None):
        """The filtered queryset of each indexed page type (all languages), leaving one facet out."""
        querysets = []
        types = params.selected("type") if skip_facet != "type" else []
        for page_document in DOCUMENTS:
            if types and page_document.type not in types:
                continue
            pages = page_document.model.objects.live().public()
            for facet, values in params.filters.items():
                if facet == skip_facet or facet == "type":
                    continue
                path = page_document.facet_paths.get(facet)
                pages = pages.filter(**{f"{path}__in": values}) if path else pages.none()
            if page_document.year_fields is None and (params.year_from or params.year_to):
                continue
            start, end = page_document.year_fields or (None, None)
            if params.year_to is not None:
                pages = pages.filter(**{f"{start}__lte": params.year_to})
            if params.year_from is not None:
                ongoing = Q(**{f"{end}__isnull": True, f"{start}__isnull": False})
                pages = pages.filter(Q(**{f"{end}__gte": params.year_from}) | ongoing)
            querysets.append(pages)
        return querysets

    def _matching_keys(self, model, terms, words_matched):
        """{translation key: score} of the model's live pages matching any of the terms
        (``database_terms``: the query's words in either script, and glossary equivalents), a
        page in several languages scored by its best version, and scaled by the share of the
        query's words it matches (``words_matched``): the database's score of any-of-the-terms
        grows as much with one word said often as with every word said once."""
        if not terms:
            return {}
        pages = model.objects.live().search(" ".join(terms), operator="or").annotate_score("search_score")
        scores = {}
        for page in pages:
            # PostgreSQL's ts_rank grows with relevance; SQLite's bm25 is negative and falls.
            score = abs(page.search_score or 0.0)
            scores[page.translation_key] = max(scores.get(page.translation_key, 0.0), score)
        if words_matched is None:
            return scores
        return {key: score * words_matched.share(key) ** WORDS_MATCHED_POWER for key, score in scores.items()}

    @staticmethod
    def _words_matched(word_groups):
        """How many of the query's words (``word_groups``, each word's terms) each page matches,
        every page type at once; None for a query of one word."""
        if len(word_groups) < 2:
            return None
        matched = WordsMatched(len(word_groups))
        for group in word_groups:
            pages = Page.objects.live().only("translation_key")
            pages = pages.search(" ".join(group), operator="or", order_by_relevance=False)
            matched.update({page.translation_key for page in pages})
        return matched

    def _similar_keys(self, model, text):
        """Translation keys of pages whose words resemble the text's (typos, missing diacritics),
        on PostgreSQL (trigrams of unaccented text); elsewhere none."""
        if connection.vendor != "postgresql":
            return []
        pages = model.objects.live().search(Fuzzy(text, unaccent=True))
        return list(OrderedDict.fromkeys(page.translation_key for page in pages))

    def ranked(self, params):
        """(every matching page in the reader's version, best first; the query's terms; the
        matching translation keys of each page type, or None without a query)."""
        locale = Locale.objects.get(language_code=params.locale)
        # The full-text search runs once per page type; results and facet counts both use it.
        terms, word_groups = database_terms_by_word(params.q, params.locale) if params.q else ([], [])
        text_keys = None
        if params.q:
            words_matched = self._words_matched(word_groups)
            text_keys = {
                model: self._matching_keys(model, terms, words_matched) for model in indexed_models()
            }
        if text_keys is not None and sum(map(len, text_keys.values())) < FEW_RESULTS:
            for model, scores in text_keys.items():
                # Resembling words count for less than any word found as it is.
                for key in self._similar_keys(model, params.q):
                    scores.setdefault(key, 0.0)
        everything = []
        for pages in self._querysets(params):
            if text_keys is not None:
                pages = pages.filter(translation_key__in=list(text_keys[pages.model]))
            everything.extend(document_for(pages.model).with_related(in_reader_language(pages, locale)))
        score = {key: value for scores in (text_keys or {}).values() for key, value in scores.items()}

        weights = query.SEARCHING.weights(params.locale, settings.LANGUAGE_CODE)

        def language_weight(page):
            """How near the page's language is to the reader's (``reading_order``), as the engine
            weighs it (``query.SEARCHING``)."""
            return weights.get(page.locale.language_code, 1)

        if params.q and params.sort == "relevance":
            everything.sort(
                key=lambda page: (
                    -score.get(page.translation_key, 0.0) * language_weight(page),
                    -language_weight(page),
                )
            )
        else:
            everything.sort(key=lambda page: page.first_published_at or 0, reverse=True)
            everything.sort(key=lambda page: -language_weight(page))

        return everything, terms, text_keys

    def search(self, params):
        everything, terms, text_keys = self.ranked(params)
        count = len(everything)
        last_page = max(1, -(-count // params.per_page))
        params.page = min(params.page, last_page)
        results = [
            self._result(page, terms) for page in everything[params.offset : params.offset + params.per_page]
        ]
        return SearchResponse(
            params=params,
            count=count,
            results=results,
            facets=build_facets(self._facet_counts(params, text_keys), params),
            suggestion=None,
            backend=self.name,
        )

    def _facet_counts(self, params, text_keys):
        """{facet: {value: pages}}, every facet of every page type counted in one query."""
        tallies = []
        for facet in FACET_FIELDS:
            for pages in self._querysets(params, skip_facet=facet):
                if text_keys is not None:
                    pages = pages.filter(translation_key__in=text_keys[pages.model])
                tally = self._tally(pages, facet)
                if tally is not None:
                    tallies.append(tally)
        counts = {facet: Counter() for facet in FACET_FIELDS}
        if tallies:
            for facet, value, pages in tallies[0].union(*tallies[1:], all=True):
                if value:
                    counts[facet][value] += pages
        return counts

    @staticmethod
    def _tally(pages, facet):
        """A query of (facet, value, how many pages have it) rows for ``pages``, a page in several
        languages counted once; None when the page type has no such facet."""
        page_document = document_for(pages.model)
        if facet == "type":
            value = Value(page_document.type, output_field=CharField())
        elif facet in page_document.facet_paths:
            value = F(page_document.facet_paths[facet])
        else:
            return None
        return (
            pages.order_by()
            .annotate(facet=Value(facet, output_field=CharField()), value=value)
            .values("facet", "value")
            .annotate(pages=Count("translation_key", distinct=True))
            .values_list("facet", "value", "pages")
        )

    def _result(self, page, words):
        page_document = document_for(page)
        facets = page_document.facets(page, Relations(page))
        return SearchResult(
            title=page.title,
            url=page.get_url(),
            type=page_document.type,
            locale=page.locale.language_code,
            summary=page.summary,
            title_html=_highlight(page.title, words, width=None),
            highlight=_highlight(page.summary, words) if words else "",
            organisation=page.organisation.slug if page.organisation else "",
            countries=facets.get("countries", []),
            themes=[theme.slug for theme in page.themes.all()],
            year_from=facets.get("year_from"),
            year_to=facets.get("year_to"),
            page_id=page.pk,
            translation_key=str(page.translation_key),
        )

    def autocomplete(self, text, locale):
        reader = Locale.objects.get(language_code=locale)
        found = {}
        for model in indexed_models():
            pages = in_reader_language(model.objects.live().public(), reader).select_related("locale")
            for variant in query_variants(text):
                for page in pages.autocomplete(variant)[:8]:
                    found.setdefault(page.translation_key, page)
        return [
            suggestion(
                page_id=page.pk,
                title=page.title,
                url=page.get_url(),
                kind=document_for(page).type,
                locale=page.locale.language_code,
                reader=locale,
            )
            for page in list(found.values())[:8]
        ]

    def similar(self, page, size=4):
        # Not a query on the page's themes: a preview's page is unsaved, its themes only in memory.
        theme_ids = [theme.pk for theme in page.themes.all()]
        candidates = (
            type(page)
            .objects.live()
            .public()
            .filter(locale=page.locale, themes__in=theme_ids)
            .exclude(translation_key=page.translation_key)
            .annotate(shared=Count("themes"))
            .order_by("-shared", "-first_published_at")
        )
        return list(candidates[:size])


# --- choosing ---------------------------------------------------------------------------------


def _with_fallback(operation):
    """(answer, degraded): from Elasticsearch when it answers, else from the database."""
    if engine.available():
        try:
            return operation(ElasticsearchBackend()), False
        except BadRequestError:
            logger.exception("Elasticsearch refused a search; answered from the database")
        except engine.ERRORS as error:
            engine.failed(error)
    degraded = engine.configured()
    if degraded:
        answer_not_to_keep()
    return operation(DatabaseBackend()), degraded


# A search's answer is kept under the content version, for readers who ask the same again, at most
# this long, in a cache of its own (``searches``: one answer per search ever asked would crowd the
# content version out of the shared cache); and only once the index has taken in the latest change
# (``index_has_settled``).
KEPT_ANSWER_SECONDS = 600


def run_search(params):
    key = _answer_key(params)
    kept = caches["searches"].get(key)
    if kept is not None:
        kept.asked_before = True
        return kept
    # Labels in the language searched, whichever page or API call asked first: the answer is kept.
    with translation.override(params.locale):
        response, degraded = _with_fallback(lambda backend: backend.search(params))
    response.degraded = degraded
    for result in response.results:
        result.read_by(params.locale)
    if not degraded and index_has_settled():
        caches["searches"].set(key, response, KEPT_ANSWER_SECONDS)
    return response


def _answer_key(params):
    asked = repr(
        (params.locale, params.page, params.per_page, params.as_querydict().urlencode(), params.ignored)
    )
    return f"search-answer:{content_version()}:{hashlib.sha256(asked.encode()).hexdigest()}"


TIME_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}


def index_has_settled():
    """Whether the latest change to the content (which includes each write to the index) is older
    than the indexes' refresh interval: a search now sees it."""
    match = re.fullmatch(r"(\d+)(ms|s|m|h)", settings.SEARCH_INDEX_REFRESH_INTERVAL.strip())
    if match is None:
        return False
    return content_version_age() > int(match.group(1)) * TIME_UNITS[match.group(2)]


def run_autocomplete(text, locale):
    """Suggestions for a text being typed, for readers of ``locale``: the search's first pages
    (one per translation, in the reading order), each as ``suggestion`` gives it."""
    if not WORD.search(text):
        return []
    with translation.override(locale):
        return _with_fallback(lambda backend: backend.autocomplete(text, locale))[0]


def suggestion(*, page_id, title, url, kind, locale, reader):
    """One suggestion: the title (Serbian in the reader's script), a link that keeps the reader's
    language, the language it is shown in, and its name when that is not the reader's."""
    shown = reader if SERBIAN_SCRIPTS.get(locale) == reader else locale
    return {
        "title": in_reader_script(title, locale, reader),
        "url": url if locale == reader else untranslated_url(page_id, reader),
        "type": kind,
        "lang": bcp47(shown),
        "language": "" if shown == reader else facet_labels(reader)["language"].get(shown, shown),
    }


def similar_pages(page, size=4):
    return _with_fallback(lambda backend: backend.similar(page, size))[0]
