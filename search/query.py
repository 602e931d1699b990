"""Elasticsearch queries for the knowledge search, built with the DSL.

All locale indexes are searched at once. Every result group is one page in all its languages
(``collapse`` on ``translation_key``); a locale-preference score puts the reader's language
first, so each group shows its version in the reader's language when one exists, and pages
that exist only in other languages follow, flagged by their language.
"""

from dataclasses import dataclass

from elasticsearch import ApiError
from elasticsearch.dsl import MultiSearch, Q, Response, Search
from elasticsearch.exceptions import HTTP_EXCEPTIONS

from practices.language_versions import reading_order

from . import lexicon
from .analysis import content_words, search_analyzer_name
from .documents import document_for
from .glossary import (
    WORD,
    completions,
    concepts_of_query_terms,
    in_glossary_terms,
    query_word_key,
)
from .indexes import alias_name, all_aliases
from .params import FACET_FIELDS

# Stemmed text, read through the reader's glossary; names as written (folded, unstemmed); the
# names of organisations and themes stemmed, without the glossary (expanding every variant over
# three more fields doubled the engine's time for a query and found nothing more); a page's theme
# names are indexed in every language, so a theme named in any of them finds it.
TEXT_FIELDS = ["title^4", "summary^2", "body"]
NAME_FIELDS = ["title.exact^3", "organisation_name.exact^2"]
LABEL_FIELDS = ["organisation_name^2", "theme_names^1.5", "partner_names"]
HIGHLIGHT_FIELDS = {"title": 0, "summary": 0, "body": 2}
FACET_SIZE = 60
# Counts of distinct pages are exact up to this many pages per value, and within about 1 % beyond.
# Per-segment ordinals measured fastest for these counts (docs/benchmarks.md).
EXACT_COUNT = {"precision_threshold": 3000, "execution_hint": "segment_ordinals"}
# One word must match; of two or more, 40 % (function words aside). Chosen on the judged queries
# (docs/search.md), as are the other figures here.
MINIMUM_SHOULD_MATCH = "1<40%"
# A page in another language can match only the words the glossary knows: of those, most (asked
# for only when some words are unknown; otherwise the first choice already says it).
KNOWN_MINIMUM_SHOULD_MATCH = "1<60%"
KNOWN_BOOST = 0.5
# The glossary concepts a page names in any form of their words (``concepts``, found when it is
# indexed) that the query names too: evidence added to the words', which reaches a page in another
# language whatever its words' endings. A concept counts by its rarity (idf) times CONCEPT_WEIGHT.
CONCEPT_WEIGHT = 3.0
CONCEPT_MINIMUM_SHOULD_MATCH = "1<60%"
# The query's words put into English by the equivalents learned from the translations
# (search/lexicon.py), matched on English pages: chosen on both development sets (docs/search.md).
LEARNED_WEIGHT = 2.5


@dataclass(frozen=True)
class LanguagePreference:
    """How much a document in the reader's language, or in the default one, counts for more; the
    languages the reader reads next (``reading_order``) count for less than the reader's and more
    than the default one, nearest first."""

    reader: float
    default: float
    boost_mode: str

    def weights(self, reader, default_locale):
        """{language: weight} for a reader; languages not named weigh 1."""
        neighbours = [code for code in reading_order(reader) if code not in (reader, default_locale)]
        span = (self.reader - self.default) * NEIGHBOURS_SHARE
        return {
            default_locale: self.default,
            **{
                code: self.default + span * (len(neighbours) + 1 - rank) / len(neighbours)
                for rank, code in enumerate(neighbours, start=1)
            },
            reader: self.reader,
        }


# The languages read next weigh in the lowest quarter between the default language and the
# reader's: enough to choose which version represents a page, too little to reorder pages (on
# the judged queries, the whole span cost nDCG@10 0.005 on both sets; a quarter cost nothing).
NEIGHBOURS_SHARE = 0.25


# Searching: enough that the reader's version represents its group and decides near-ties, not
# enough to put a weak match in the reader's language above a strong one in another.
SEARCHING = LanguagePreference(reader=1.3, default=1.1, boost_mode="multiply")
# Browsing (no words, or newest first): the reader's language first outright, then by date.
BROWSING = LanguagePreference(reader=1000, default=100, boost_mode="replace")


def prefer_locale(query, locale, default_locale, preference=SEARCHING):
    return Q(
        "function_score",
        query=query,
        functions=[
            *(
                {"filter": Q("term", locale=code), "weight": weight}
                for code, weight in preference.weights(locale, default_locale).items()
            ),
            {"weight": 1},
        ],
        score_mode="max",
        boost_mode=preference.boost_mode,
    )


def through_glossary(words, reader, minimum_should_match, **extra):
    """The words over title, summary and body, read through the reader's glossary analyzer."""
    return Q(
        "multi_match",
        query=" ".join(words),
        type="cross_fields",
        analyzer=search_analyzer_name(reader),
        minimum_should_match=minimum_should_match,
        # A glossary term of several words counts as its words, not as a phrase: cheaper.
        auto_generate_synonyms_phrase_query=False,
        fields=TEXT_FIELDS,
        **extra,
    )


def text_query(text, reader):
    """Most words, phrases lifted."""
    content = content_words(text)
    written = in_glossary_terms(content, reader)
    known = [term for term, in_glossary in written if in_glossary]
    words = [
        through_glossary([term for term, _in_glossary in written], reader, MINIMUM_SHOULD_MATCH),
        Q(
            "multi_match",
            query=text,
            type="cross_fields",
            minimum_should_match=MINIMUM_SHOULD_MATCH,
            fields=NAME_FIELDS,
        ),
        Q(
            "multi_match",
            query=text,
            type="cross_fields",
            analyzer="text_index",
            minimum_should_match=MINIMUM_SHOULD_MATCH,
            fields=LABEL_FIELDS,
        ),
    ]
    if known and len(known) < len(written):
        words.append(through_glossary(known, reader, KNOWN_MINIMUM_SHOULD_MATCH, boost=KNOWN_BOOST))
    clauses = [
        # The best of these, as one multi_match over fields of different analyzers would take.
        Q("dis_max", queries=words),
        # The words as written (each index's own analyzer, without the glossary: expanding every
        # variant of every word into phrases multiplies them past Elasticsearch's clause limit).
        Q(
            "multi_match",
            query=text,
            type="phrase",
            slop=2,
            analyzer="text_index",
            fields=["title^6", "summary^3", "body^2"],
        ),
        # The words in their dictionary forms, as every page's words are (``lemmas``): forms the
        # stemmers leave apart meet ("театрите" and "театар"; "vullnetarëve" and "vullnetarët" in
        # Albanian, which has no stemmer).
        Q(
            "match",
            lemmas={
                "query": " ".join(query_word_key(word, reader) for word in content),
                "minimum_should_match": MINIMUM_SHOULD_MATCH,
            },
        ),
    ]
    # The words put into English as the hub's own translations pair them, over English pages:
    # a page whose version in the reader's language (if any) words it otherwise.
    english = lexicon.english_words(content, reader)
    if english:
        clauses.append(
            Q(
                "bool",
                filter=[Q("term", locale=lexicon.PIVOT)],
                must=[
                    Q(
                        "match",
                        lemmas={
                            "query": " ".join(english),
                            "minimum_should_match": MINIMUM_SHOULD_MATCH,
                            "boost": LEARNED_WEIGHT,
                        },
                    )
                ],
            )
        )
    concepts = concepts_of_query_terms(known, reader)
    if concepts:
        clauses.append(
            Q(
                "bool",
                should=[
                    Q("term", concepts={"value": concept, "boost": CONCEPT_WEIGHT}) for concept in concepts
                ],
                minimum_should_match=CONCEPT_MINIMUM_SHOULD_MATCH,
            )
        )
    return Q("bool", should=clauses, minimum_should_match=1)


def with_typo_tolerance(matching, text):
    """``matching`` (a ``text_query``) with typo-tolerant matching added: costly, so it is only
    asked for when the plain query found little."""
    typo_tolerant = Q(
        "multi_match",
        query=text,
        type="best_fields",
        fields=["title.exact^2", "spell"],
        fuzziness="AUTO",
        prefix_length=2,
        minimum_should_match="75%",
        boost=0.3,
    )
    return Q("bool", should=[*matching.should, typo_tolerant], minimum_should_match=1)


def facet_filters(params):
    return {facet: Q("terms", **{FACET_FIELDS[facet]: values}) for facet, values in params.filters.items()}


def year_filter(params):
    clauses = []
    if params.year_to is not None:
        clauses.append(Q("range", year_from={"lte": params.year_to}))
    if params.year_from is not None:
        clauses.append(
            Q(
                "bool",
                should=[
                    Q("range", year_to={"gte": params.year_from}),
                    # ongoing: begun, not ended (pages without any year, such as paths, stay out)
                    Q("bool", filter=Q("exists", field="year_from"), must_not=Q("exists", field="year_to")),
                ],
                minimum_should_match=1,
            )
        )
    return clauses


# What a result and a suggestion show.
RESULT_FIELDS = [
    "page_id",
    "title",
    "url",
    "type",
    "locale",
    "summary",
    "organisation",
    "countries",
    "themes",
    "year_from",
    "year_to",
]
SUGGESTION_FIELDS = ["page_id", "title", "url", "type", "locale"]


def words_query(params):
    """The ``text_query`` of the search's words, or None without words."""
    return text_query(params.q, params.locale) if params.q else None


def matching(params, words, forgiving=False):
    """What a search's pages must match: its words (``words_query``) and its years; its facet
    filters apart."""
    if words is None:
        return Q("bool", must=[Q("match_all")], filter=year_filter(params))
    base = with_typo_tolerance(words, params.q) if forgiving else words
    return Q("bool", must=[base], filter=year_filter(params))


def results_page(client, params, default_locale, forgiving=False, exact_counts=False):
    """The two requests of a results page, on one reading of its words: (its hits, its counts),
    counted exactly when browsing (every page, and then from the request cache) or when
    ``exact_counts``."""
    words = words_query(params)
    return (
        knowledge_search(client, params, default_locale, forgiving, words),
        facet_counts(client, params, forgiving, words, exact=words is None or exact_counts),
    )


def knowledge_search(client, params, default_locale, forgiving=False, words=None):
    """The results page's hits. ``forgiving`` (for a second try when little was found) adds
    typo-tolerant matching and a "did you mean" suggestion. How many pages match, and the facets,
    come from ``facet_counts``, sent with it (``run_together``). ``words``: the ``words_query``,
    when the caller has it already."""
    words = words if words is not None else words_query(params)
    by_facet = facet_filters(params)
    by_date = params.sort == "newest" or not params.q
    search = (
        Search(using=client, index=all_aliases())
        .query(
            prefer_locale(
                matching(params, words, forgiving),
                params.locale,
                default_locale,
                BROWSING if by_date else SEARCHING,
            )
        )
        .extra(collapse={"field": "translation_key"}, track_total_hits=False)
        # Term statistics of all nine indexes together, so scores from different languages compare.
        .params(search_type="dfs_query_then_fetch")
        .source(RESULT_FIELDS)
    )
    if by_facet:
        search = search.post_filter(Q("bool", filter=list(by_facet.values())))
    if by_date:
        search = search.sort({"_score": "desc"}, {"first_published_at": "desc"}, {"page_id": "desc"})
    else:
        search = search.sort({"_score": "desc"}, {"page_id": "asc"})

    if params.q:
        # Marking typo-tolerant matches would mean expanding every fuzzy term again in each hit's
        # text (most of a forgiving search's time): only the words as typed are marked.
        search = search.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            fragment_size=160,
            highlight_query=words.to_dict(),
        )
        for name, fragments in HIGHLIGHT_FIELDS.items():
            search = search.highlight(name, number_of_fragments=fragments)
    if params.q and forgiving:
        search = search.suggest(
            "did_you_mean",
            params.q,
            term={"field": "spell", "suggest_mode": "missing", "size": 1, "max_edits": 2},
        )
    return search[params.offset : params.offset + params.per_page]


def facet_counts(client, params, forgiving=False, words=None, exact=False):
    """How many pages the search finds (``total``), and per value of each facet (``facet_<name>``)
    with the other facets' filters applied: a request of its own, without hits, so nothing is
    scored, and one that depends on the words as the reader's language reads them, the filters
    and the years alone (not on the sort or the page; browsing, on no reader), so Elasticsearch's
    shard request cache answers it again until the index changes.

    A value's pages are its documents unless a page matched in two languages: counting each
    value's distinct pages instead (``exact``) is most of a search's time in the engine when many
    pages match, so it is asked for only when browsing, when few pages match, or when the indexes
    hold few documents (``backends.ElasticsearchBackend``). Without ``exact``, the request says
    how many documents (``hits.total``) and pages (``matched``) the words and years find, which
    tells whether the documents are the pages."""
    words = words if words is not None else words_query(params)
    by_facet = facet_filters(params)
    search = (
        Search(using=client, index=all_aliases())
        .filter(matching(params, words, forgiving))
        .extra(track_total_hits=not exact)
        .params(request_cache=True)
    )
    search.aggs.bucket("total", "filter", Q("bool", filter=list(by_facet.values()))).metric(
        "pages", "cardinality", field="translation_key", **EXACT_COUNT
    )
    if not exact:
        search.aggs.metric("matched", "cardinality", field="translation_key", **EXACT_COUNT)
    for facet, field in FACET_FIELDS.items():
        others = [clause for name, clause in by_facet.items() if name != facet]
        bucket = search.aggs.bucket(f"facet_{facet}", "filter", Q("bool", filter=others))
        terms = bucket.bucket("values", "terms", field=field, size=FACET_SIZE)
        if exact:
            terms.metric("pages", "cardinality", field="translation_key", **EXACT_COUNT)
    return search[0:0]


def run_together(client, *searches):
    """The searches' responses, from one ``_msearch`` request: Elasticsearch runs them side by
    side. A search that fails raises the error it would raise alone (``BadRequestError`` for one
    it refuses, ``NotFoundError`` for a missing index)."""
    together = MultiSearch(using=client)
    for search in searches:
        together = together.add(search)
    answer = client.msearch(body=together.to_dict())
    responses = []
    for search, raw in zip(searches, answer["responses"], strict=True):
        if "error" in raw:
            error = HTTP_EXCEPTIONS.get(raw.get("status"), ApiError)
            raise error(str(raw["error"]), meta=answer.meta, body=raw)
        responses.append(Response(search, raw))
    return responses


def reader_versions(client, translation_keys, reader, fields):
    """The version of each page (by translation key) the reader gets: the first of their reading
    order among its live versions, as listings choose it (``language_versions.in_reader_language``).
    A result is ranked by its best match in any language; this says in which language to show it,
    so the script a query is typed in never decides (a filter on ids, sorted on a small number:
    cheap beside the search)."""
    return (
        Search(using=client, index=",".join(all_aliases()))
        .filter("terms", translation_key=list(translation_keys))
        .extra(collapse={"field": "translation_key"})
        .sort({f"reading_rank.{reader}": "asc"}, {"page_id": "asc"})
        .source(fields)[: len(translation_keys)]
    )


def count_matches(client, text, reader):
    """How many documents (in any language) the words, as they are, would find."""
    return Search(using=client, index=",".join(all_aliases())).query(text_query(text, reader)).count()


# A word being typed stands for at most this many glossary terms (one per concept) …
COMPLETIONS = 3
# … once it has this many letters.
COMPLETION_MIN_LENGTH = 3
# A title's or summary's word that merely starts as the typed one counts for little: a word the
# search finds as it is, or a glossary term it completes, decides the order.
STARTED_WORD_WEIGHT = 0.1


def suggestions(client, text, reader, default_locale, size=8):
    """The search's first pages for a text being typed: the text as the search reads it, or the
    text with its last word read as the start of a word: of a glossary term, which then reaches its
    equivalents in every language as the search's words do, or of a title's or summary's word in
    either script."""
    *finished, typing = WORD.findall(text.lower()) or [""]
    started = [
        Q(
            "constant_score",
            filter=Q("multi_match", query=typing, type="bool_prefix", fields=["title.exact", "spell"]),
            boost=STARTED_WORD_WEIGHT,
        )
    ]
    if len(typing) >= COMPLETION_MIN_LENGTH:
        completed = completions(typing, reader, COMPLETIONS)
        if completed:
            started.append(text_query(" ".join(completed), reader))
    typed = Q("bool", should=started, minimum_should_match=1)
    if finished:
        typed = Q("bool", must=[text_query(" ".join(finished), reader), typed])
    query = Q("bool", should=[text_query(text, reader), typed], minimum_should_match=1)
    return (
        Search(using=client, index=",".join(all_aliases()))
        .query(prefer_locale(query, reader, default_locale, SEARCHING))
        .extra(collapse={"field": "translation_key"})
        .params(search_type="dfs_query_then_fetch")
        .source(SUGGESTION_FIELDS)[:size]
    )


def similar(client, page, size=4):
    """Pages like this one in the same language, itself and its translations left out."""
    alias = alias_name(page.locale.language_code)
    query = Q(
        "bool",
        must=[
            Q(
                "more_like_this",
                fields=["title", "summary", "body", "theme_names"],
                like=[{"_index": alias, "_id": str(page.pk)}],
                min_term_freq=1,
                min_doc_freq=2,
                max_query_terms=40,
                # Until segments merge, a page published again is counted twice (its old copy is
                # only marked deleted), so its own rare words pass min_doc_freq and fill the
                # selected terms; the default 30 % of them then matches no other page.
                minimum_should_match="10%",
            )
        ],
        must_not=[Q("term", translation_key=str(page.translation_key))],
        filter=[Q("term", type=document_for(page).type)],
    )
    return Search(using=client, index=alias).query(query).source(["page_id"])[:size]
