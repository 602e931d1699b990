"""Which language version of a page (or term) the reader gets.

The rule everywhere: the reader's language, else the default language, else the original (or any
version). Nothing is hidden because it has not been translated yet; templates flag the language.
The reader's language is the interface's (``sr-latn`` reads Serbian in Latin script).
"""

from django.conf import settings
from django.db.models import Min, Q
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page


def content_language(code):
    """The content language an interface language reads in (``sr-latn`` for ``sr-latn``), or None."""
    try:
        return get_supported_content_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return None


def reader_content_language():
    """The content language the reader reads in, else the default language."""
    return content_language(translation.get_language()) or settings.LANGUAGE_CODE


def live_version(page):
    """The page's live, public translation in the reader's language, else in the default language,
    else the page itself or any other; None when no version may be shown. One query: the
    languages are compared by code, so no Locale lookups."""
    versions = {
        version.locale.language_code: version
        for version in Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
    }
    preferred = [reader_content_language(), settings.LANGUAGE_CODE, page.locale.language_code]
    return next(
        (versions[code] for code in preferred if code in versions), next(iter(versions.values()), None)
    )


def in_reader_language(queryset, locale):
    """One version of each page of ``queryset``: in ``locale``, else in the default language, else
    the first created."""
    default_locale = Locale.get_default()
    in_locale = queryset.filter(locale=locale).values("translation_key")
    in_default = queryset.filter(locale=default_locale).exclude(translation_key__in=in_locale)
    elsewhere = queryset.exclude(translation_key__in=in_locale).exclude(
        translation_key__in=queryset.filter(locale=default_locale).values("translation_key")
    )
    first_elsewhere = elsewhere.values("translation_key").annotate(first=Min("pk")).values("first")
    return queryset.filter(Q(locale=locale) | Q(pk__in=in_default.values("pk")) | Q(pk__in=first_elsewhere))


def one_per_translation(pages, locale_id):
    """One page per translation group, the one in ``locale_id`` where there is one."""
    by_key = {}
    for page in pages:
        if page.translation_key not in by_key or page.locale_id == locale_id:
            by_key[page.translation_key] = page
    return list(by_key.values())


def terms_in_locale(model, locale):
    """A taxonomy's terms in the given locale, falling back to the default locale's."""
    terms = model.objects.filter(locale=locale)
    if not terms.exists():
        terms = model.objects.filter(locale=Locale.get_default())
    return terms
