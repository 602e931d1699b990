"""Template helpers for reading in nine languages: lang attributes, the language switcher, which
language a page's text is in, and dates and numbers the way each language writes them."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse, translate_url
from django.utils import formats, numberformat, timezone, translation
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale

from practices.language_versions import public_versions

from .. import transliteration

register = template.Library()

# Language codes of the site mapped to BCP 47 tags that name the script where it matters.
BCP47 = {"sr-latn": "sr-Latn", "sr": "sr-Cyrl"}

# Names of languages in themselves where Django's differ from what the switcher needs: both
# Serbian scripts are offered, so the Cyrillic one says so as the Latin one does.
NAME_LOCAL = {"sr": "српски (ћирилица)"}

# Languages Django has no formats or month names for, and the language whose conventions they share.
FORMAT_FALLBACK = {"cnr": "sr-latn"}
# Long dates where Django's format pads the day with a zero ("03. november"), which these
# languages do not write, or abbreviates months it has no Bosnian names for ("Jan."); and
# languages whose month names Django capitalises as in a calendar heading ("Ноември", "Nëntor")
# where running text writes them in lower case.
DATE_FORMATS = {"bs": "j. F Y.", "mk": "j F Y", "sl": "j. F Y", "sq": "j F Y"}
LOWERCASE_MONTHS = {"mk", "sq"}


@register.filter
def bcp47(value):
    """A language code ("sr-latn") or a Locale as a tag for HTML lang attributes ("sr-Latn")."""
    code = getattr(value, "language_code", value) or ""
    return BCP47.get(code.lower(), code)


def language_name_local(code):
    """A site language's name in that language ("hrvatski", "српски (ћирилица)")."""
    return NAME_LOCAL.get(code) or get_language_info(code)["name_local"]


def reader_locale(context):
    """The locale of the interface, which is the reader's language."""
    return context.get("active_locale") or Locale.get_active()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: its name in that language and where to go to read in it.

    A page links to its live translation; where there is none, to the untranslated view, which shows
    the original with a notice in that language; a listing's link keeps its filters. A non-page view
    (such as search) links to the same view in that language, keeping the query string. Anything
    else links to the language's home page.
    ``status`` says which: "translation", "untranslated", "view" or "home".
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    page_id = None
    if page is not None and getattr(page, "pk", None) and hasattr(page, "get_translations"):
        page_id = page.pk
        for translation_ in public_versions(page):
            translations[translation_.locale.language_code] = translation_

    # A listing's filters are slugs that every translation of a term shares: they carry over
    # (the page number does not: the other language may have fewer pages).
    filters = ""
    if request is not None and getattr(page, "filter_class", None):
        kept = request.GET.copy()
        kept.pop("page", None)
        filters = kept.urlencode()

    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = None
        status = "home"
        if code in translations:
            url = translations[code].get_url(request=request)
            status = "translation" if url else "home"
            if url and filters:
                url = f"{url}?{filters}"
        elif page_id is not None:
            url = _untranslated_url(code, page_id)
            status = "untranslated" if url else "home"
        elif page is None and request is not None and _is_non_page_view(request.path):
            url = translate_url(request.path, code)
            if request.GET:
                url = f"{url}?{request.GET.urlencode()}"
            status = "view"
        if not url:
            url = f"/{code}/"
        links.append(
            {
                "code": code,
                "lang": bcp47(code),
                "name_local": language_name_local(code),
                "name": info["name_translated"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if request is not None else url,
                "is_current": code == current,
                "is_default": code == settings.LANGUAGE_CODE,
                "is_translation": status == "translation",
                "status": status,
            }
        )
    return links


def _untranslated_url(code, page_id):
    try:
        with translation.override(code):
            return reverse("untranslated", args=[page_id])
    except NoReverseMatch:
        return None


def _is_non_page_view(path):
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name not in (None, "wagtail_serve")


def _reads_as_other_language(item, locale):
    """Whether a page's text reads as another language than ``locale``'s: Serbian in the other
    script reads as the same language, since it is shown transliterated (``in_reader_script``)."""
    if item.locale_id == locale.pk:
        return False
    return transliteration.SERBIAN_SCRIPTS.get(item.locale.language_code) != locale.language_code


@register.simple_tag(takes_context=True)
def in_other_language(context, item):
    """Whether a page's text is in another language than the page being shown (or the active language).

    Usage: ``{% in_other_language item as other_language %}``.
    """
    page = context.get("page")
    return _reads_as_other_language(
        item, page.locale if hasattr(page, "locale_id") else reader_locale(context)
    )


@register.simple_tag(takes_context=True)
def reader_url(context, page):
    """Where a link to ``page`` takes the reader: the page, when it is in the reader's language;
    otherwise the reader's-language view of it, which keeps the interface in their language."""
    if page.locale_id == reader_locale(context).pk:
        return page.get_url(request=context.get("request"))
    return reverse("untranslated", args=[page.pk])


@register.simple_tag(takes_context=True)
def not_in_reader_language(context, item):
    """Whether a page's text is in another language than the reader's (the interface's).

    Usually the same answer as ``in_other_language``; they differ where a page is shown in a
    language it has not been translated into (the untranslated view). ``in_other_language``
    decides ``lang`` attributes, this one the "In Bosnian" flags. Nothing (a handout or a link
    in an agenda) is in the reader's language.
    """
    return item is not None and _reads_as_other_language(item, reader_locale(context))


@register.filter
def in_reader_script(text, page):
    """A page's text in the reader's Serbian script when it is written in the other one (text
    that belongs to no page, as it is)."""
    if page is None:
        return text
    return transliteration.in_reader_script(text, page.locale.language_code, translation.get_language())


def _format_language():
    language = get_language() or settings.LANGUAGE_CODE
    return FORMAT_FALLBACK.get(language, language)


@register.simple_tag
def local_date(value, format_name="DATE_FORMAT"):
    """A date (or aware datetime, shown in the site's time zone) in the reader's language, in a
    ``<time>`` element: "3. studenoga 2025.", "3. novembar 2025.", "3 ноември 2025", "Nov. 3, 2025".

    Usage: ``{% local_date review.finished_at as date %}``. Django's locale formats, except that
    languages Django has none for (Montenegrin) use those of the language they share them with,
    and long dates follow the languages' usage where Django's data do not (see ``DATE_FORMATS``).
    """
    if not value:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    language = _format_language()
    if format_name == "DATE_FORMAT":
        format_name = DATE_FORMATS.get(language, format_name)
    with translation.override(language):
        text = formats.date_format(value, format_name)
    if language in LOWERCASE_MONTHS:
        text = text.lower()
    return format_html(
        '<time datetime="{}">{}</time>',
        value.date().isoformat() if hasattr(value, "date") else value.isoformat(),
        text,
    )


@register.filter
def local_number(value):
    """A whole number with the reader's language's digit grouping: 12,345 · 12.345."""
    if value in (None, ""):
        return ""
    with translation.override(_format_language()):
        return numberformat.format(
            value,
            formats.get_format("DECIMAL_SEPARATOR"),
            decimal_pos=None,
            grouping=formats.get_format("NUMBER_GROUPING") or 3,
            thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
            force_grouping=True,
        )
