"""The shape of the search index: one index per locale, behind an alias, same mapping everywhere.

Only the analyzers differ between locales. Physical indexes are versioned
(``kooperativa-hr-20261130t101500``) and reached through their alias (``kooperativa-hr``), so a
rebuild fills a new index and swaps the alias without a moment of empty results.
"""

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import Byte, Date, Index, Integer, Keyword, Mapping, Object, Text

from .analysis import analyzers


def alias_name(locale_code):
    return f"{settings.SEARCH_INDEX_PREFIX}-{locale_code.lower()}"


def all_aliases():
    return [alias_name(code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def versioned_name(locale_code):
    return f"{alias_name(locale_code)}-{timezone.now():%Y%m%dt%H%M%S%f}"


FILLING = {"refresh_interval": "-1", "translog": {"durability": "async"}}


def serving_settings():
    return {"refresh_interval": settings.SEARCH_INDEX_REFRESH_INTERVAL, "translog": {"durability": "request"}}


def mapping(locale_code):
    roles = analyzers(locale_code)

    def text(**extra):
        return Text(analyzer=roles["text"], search_analyzer=roles["text_search"], **extra)

    def highlighted_text(**extra):
        # Offsets in the index let the highlighter mark words without analysing the text again.
        return text(index_options="offsets", **extra)

    names = {"exact": Text(analyzer=roles["exact"])}
    # Facet fields are aggregated on every search: their global ordinals are built when the index
    # refreshes rather than by the first search after it.
    result = Mapping()
    result.field("page_id", Integer())
    result.field("translation_key", Keyword())
    result.field("locale", Keyword(eager_global_ordinals=True))
    # Where the page's language stands in each reader's reading order (documents.reading_ranks).
    result.field(
        "reading_rank",
        Object(properties={code: Byte() for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}),
    )
    result.field("type", Keyword(eager_global_ordinals=True))
    result.field("url", Keyword(index=False))
    result.field("title", highlighted_text(copy_to="spell", fields=names))
    result.field("summary", highlighted_text(copy_to="spell"))
    # Titles and summaries feed "did you mean": their words are the ones worth suggesting, and
    # analysing every body a second time would cost a fifth of indexing time.
    result.field("body", highlighted_text())
    result.field("organisation", Keyword(eager_global_ordinals=True))
    result.field("organisation_name", text(fields=names))
    result.field("partners", Keyword())
    result.field("partner_names", text())
    result.field("themes", Keyword(eager_global_ordinals=True))
    result.field("theme_names", text())
    result.field("countries", Keyword(eager_global_ordinals=True))
    result.field("format", Keyword(eager_global_ordinals=True))
    result.field("level", Keyword())
    result.field("languages", Keyword())
    result.field("year_from", Integer())
    result.field("year_to", Integer())
    result.field("first_published_at", Date())
    result.field("last_published_at", Date())
    result.field("spell", Text(analyzer=roles["exact"]))
    result.field("concepts", Keyword())
    # Only matched word by word: no positions (no phrase is asked of it).
    result.field("lemmas", Text(analyzer="whitespace", index_options="freqs"))
    return result


def index_definition(name, locale_code, filling=False):
    """The index's settings and mapping. ``filling``: a new index that nobody searches until the
    alias moves to it, so it need not refresh or sync its translog on every bulk request."""
    index = Index(name)
    index.settings(
        number_of_shards=settings.SEARCH_INDEX_SHARDS,
        number_of_replicas=settings.SEARCH_INDEX_REPLICAS,
        **(FILLING if filling else serving_settings()),
    )
    index.mapping(mapping(locale_code))
    for reader_analyzer in analyzers(locale_code)["text_search_by_reader"].values():
        index.analyzer(reader_analyzer)
    return index
