"""The shape of the search index: one index per locale, behind an alias, same mapping everywhere.

Only the analyzers differ between locales. Physical indexes are versioned
(``kooperativa-hr-20261130t101500``) and reached through their alias (``kooperativa-hr``), so a
rebuild fills a new index and swaps the alias without a moment of empty results.
"""

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import Date, Index, Integer, Keyword, Mapping, Text

from .analysis import analyzers


def alias_name(locale_code):
    return f"{settings.SEARCH_INDEX_PREFIX}-{locale_code.lower()}"


def all_aliases():
    return [alias_name(code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def versioned_name(locale_code):
    return f"{alias_name(locale_code)}-{timezone.now():%Y%m%dt%H%M%S%f}"


def mapping(locale_code):
    roles = analyzers(locale_code)

    def text(**extra):
        return Text(analyzer=roles["text"], search_analyzer=roles["text_search"], **extra)

    def highlighted_text(**extra):
        # Offsets in the index let the highlighter mark words without analysing the text again.
        return text(index_options="offsets", **extra)

    names = {"exact": Text(analyzer=roles["exact"])}
    result = Mapping()
    result.field("page_id", Integer())
    result.field("translation_key", Keyword())
    result.field("locale", Keyword())
    result.field("type", Keyword())
    result.field("url", Keyword(index=False))
    result.field(
        "title",
        highlighted_text(
            copy_to="spell",
            fields={
                **names,
                "autocomplete": Text(
                    analyzer=roles["autocomplete"], search_analyzer=roles["autocomplete_search"]
                ),
            },
        ),
    )
    result.field("summary", highlighted_text(copy_to="spell"))
    result.field("body", highlighted_text(copy_to="spell"))
    result.field("organisation", Keyword())
    result.field("organisation_name", text(fields=names))
    result.field("partners", Keyword())
    result.field("partner_names", text())
    result.field("themes", Keyword())
    result.field("theme_names", text())
    result.field("countries", Keyword())
    result.field("format", Keyword())
    result.field("level", Keyword())
    result.field("languages", Keyword())
    result.field("year_from", Integer())
    result.field("year_to", Integer())
    result.field("first_published_at", Date())
    result.field("last_published_at", Date())
    result.field("spell", Text(analyzer=roles["exact"]))
    return result


def index_definition(name, locale_code, refresh_interval=None):
    index = Index(name)
    index.settings(
        number_of_shards=settings.SEARCH_INDEX_SHARDS,
        number_of_replicas=settings.SEARCH_INDEX_REPLICAS,
        refresh_interval=refresh_interval or settings.SEARCH_INDEX_REFRESH_INTERVAL,
    )
    index.mapping(mapping(locale_code))
    return index
