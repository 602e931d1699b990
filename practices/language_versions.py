"""Which language version of a page (or term) the reader gets.

The rule everywhere: the reader's language, else the languages its readers read next
(``FALLBACK_LANGUAGES``), else the default language, else the original (or any version). Nothing is
hidden because it has not been translated yet; templates flag the language. The reader's language
is the interface's (``sr-latn`` reads Serbian in Latin script).
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Case, F, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from .per_request import current_request, once_per_request
from .visibility import only_public
from .vocabularies import versions_in

# What readers of each language read next, nearest first, before the default language: the
# Serbo-Croatian standards one another (the same script first), Slovenian readers Croatian,
# Macedonian readers Serbian. Albanian has no neighbour among the hub's languages.
FALLBACK_LANGUAGES = {
    "bs": ["hr", "cnr", "sr-latn", "sr"],
    "hr": ["bs", "cnr", "sr-latn", "sr"],
    "cnr": ["sr-latn", "bs", "hr", "sr"],
    "sr-latn": ["sr", "cnr", "bs", "hr"],
    "sr": ["sr-latn", "cnr", "bs", "hr"],
    "mk": ["sr", "sr-latn"],
    "sl": ["hr", "bs"],
}


def reading_order(language_code):
    """The languages a reader of ``language_code`` gets a page in, most wanted first."""
    return list(
        dict.fromkeys([language_code, *FALLBACK_LANGUAGES.get(language_code, []), settings.LANGUAGE_CODE])
    )


def content_language(code):
    """The content language an interface language reads in (``sr-latn`` for ``sr-latn``), or None."""
    try:
        return get_supported_content_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return None


def reader_content_language():
    """The content language the reader reads in, else the default language."""
    return content_language(translation.get_language()) or settings.LANGUAGE_CODE


def public_versions(page):
    """Every live, public version of ``page`` (itself among them when it is one), of its specific
    type, with its locale: read once a request (the language switcher and the untranslated view
    both ask)."""
    key, model = page.translation_key, page.specific_class or Page
    return once_per_request(
        ("public-versions", key),
        lambda: list(only_public(model.objects.live().filter(translation_key=key)).select_related("locale")),
    )


def live_versions(pages):
    """{translation key: the version of each of ``pages`` the reader gets}: its live, public
    translation in the reader's language, else in the next language of their ``reading_order``,
    else the page itself or any other; None when no version may be shown. The versions are of the
    pages' specific types, with their locales, read in one query per page type."""
    order = reading_order(reader_content_language())
    keys_by_model = defaultdict(set)
    for page in pages:
        keys_by_model[page.specific_class].add(page.translation_key)
    versions = defaultdict(dict)
    for model, keys in keys_by_model.items():
        if model is None:  # its page type was removed from the code
            continue
        for version in (
            model.objects.live().public().filter(translation_key__in=keys).select_related("locale")
        ):
            versions[version.translation_key][version.locale.language_code] = version
    shown = {}
    for page in pages:
        by_language = versions[page.translation_key]
        preferred = next((by_language[code] for code in order if code in by_language), None)
        original = next(
            (version for version in by_language.values() if version.locale_id == page.locale_id), None
        )
        shown[page.translation_key] = preferred or original or next(iter(by_language.values()), None)
    return shown


def reader_url(page):
    """Where a link to ``page`` takes the reader: the page, when it is in the reader's language;
    otherwise the reader's-language view of it (``untranslated_url``)."""
    if page.locale.language_code == reader_content_language():
        return page.get_url(request=current_request())  # the request keeps Wagtail's site roots
    return untranslated_url(page.pk)


def untranslated_url(page_id, reader_code=None):
    """The reader's-language view of a page in another language (``/<lang>/untranslated/<id>/``),
    which shows the version the reader reads first with the interface kept in the reader's
    language; for the active language's readers, or ``reader_code``'s."""
    with translation.override(reader_code or translation.get_language()):
        return reverse("untranslated", args=[page_id])


def in_reader_language(queryset, locale):
    """One version of each page of ``queryset``: the first in the reading order of ``locale``'s
    readers, else the first created."""
    order = reading_order(locale.language_code)
    preference = Case(
        *[When(locale__language_code=code, then=Value(rank)) for rank, code in enumerate(order)],
        default=Value(len(order)),
    )
    ranked = queryset.annotate(
        version_rank=Window(
            RowNumber(), partition_by=[F("translation_key")], order_by=[preference.asc(), F("pk").asc()]
        )
    )
    # The choice as a subquery: the queryset itself stays free of the window, which the database
    # search backend and later annotations cannot handle.
    return queryset.filter(pk__in=ranked.filter(version_rank=1).values("pk"))


def in_editor_language(queryset):
    """One version of each object of ``queryset`` (terms, organisations) for the admin: the first in
    the reading order of the language the admin is shown in, else the original."""
    return in_reader_language(queryset, Locale.get_active())


def one_per_translation(pages, language_code):
    """One page per translation group, the first in the reading order of ``language_code`` (the
    pages' locales are read: select them with the pages)."""
    order = reading_order(language_code)

    def preference(page):
        code = page.locale.language_code
        return (order.index(code) if code in order else len(order), page.pk)

    chosen = {}
    for page in pages:
        if page.translation_key not in chosen or preference(page) < preference(chosen[page.translation_key]):
            chosen[page.translation_key] = page
    return list(chosen.values())


def terms_in_locale(model, locale):
    """A taxonomy's terms in the given locale, falling back to the default locale's."""
    versions = versions_in(model, locale.language_code) or versions_in(model, settings.LANGUAGE_CODE)
    return list(versions.values())


class LocalizedInBulk:
    """For translatable terms: ``.localized`` is the reader's version, as Wagtail's, but read with
    all others of its kind (``versions_in``) while a request is served. ``read_in_bulk_with`` names
    the foreign keys the templates follow from a version."""

    read_in_bulk_with = ()

    @property
    def localized(self):
        if current_request() is None:
            return super().localized
        versions = versions_in(self._meta.concrete_model, reader_content_language())
        return versions.get(self.translation_key, self)
