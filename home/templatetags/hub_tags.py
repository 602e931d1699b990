"""Template helpers for the public site: language tags, the language switcher, listing links, pagination."""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale

register = template.Library()

# Language codes of the site mapped to BCP 47 tags that name the script where it matters.
BCP47 = {"sr-latn": "sr-Latn", "sr": "sr-Cyrl"}


@register.filter
def bcp47(value):
    """A language code ("sr-latn") or a Locale as a tag for HTML lang attributes ("sr-Latn")."""
    code = getattr(value, "language_code", value) or ""
    return BCP47.get(code.lower(), code)


def _locale_for(context):
    page = context.get("page")
    locale = getattr(page, "locale", None) if page is not None else None
    return locale or context.get("active_locale") or Locale.get_active()


@register.simple_tag(takes_context=True)
def index_page(context, kind):
    """The practice, material or organisation index page in the reader's language (else the default's).

    Usage: ``{% index_page "practices" as practice_index %}``.
    """
    from practices.models import MaterialIndexPage, OrganisationIndexPage, PracticeIndexPage

    model = {
        "practices": PracticeIndexPage,
        "materials": MaterialIndexPage,
        "organisations": OrganisationIndexPage,
    }[kind]
    locale = _locale_for(context)
    for candidate in context.get("navigation") or []:
        if isinstance(candidate, model) and candidate.locale_id == locale.pk:
            return candidate
    pages = model.objects.live()
    return pages.filter(locale=locale).first() or pages.filter(locale=Locale.get_default()).first()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: its name in that language and where to go to read in it.

    A page links to its live translation, else to that language's home page; a non-page view
    (such as search) links to the same view in that language, keeping the query string.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    if page is not None and getattr(page, "pk", None) and hasattr(page, "get_translations"):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation

    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = None
        is_translation = False
        if code in translations:
            url = translations[code].get_url(request=request)
            is_translation = True
        elif page is None and request is not None and _is_non_page_view(request.path):
            url = translate_url(request.path, code)
            if request.GET:
                url = f"{url}?{request.GET.urlencode()}"
        if not url:
            url = f"/{code}/"
        links.append(
            {
                "code": code,
                "lang": bcp47(code),
                "name_local": info["name_local"],
                "name": info["name_translated"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if request is not None else url,
                "is_current": code == current,
                "is_translation": is_translation,
            }
        )
    return links


def _is_non_page_view(path):
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name not in (None, "wagtail_serve")


@register.simple_tag
def elided_pages(page_obj, on_each_side=2, on_ends=1):
    """Page numbers around the current one; ``None`` stands for numbers left out."""
    return [
        number if isinstance(number, int) else None
        for number in page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    ]


@register.simple_tag(takes_context=True)
def nav_state(context, item):
    """``aria-current`` for a main navigation link: "page" on the index itself, "true" inside its section.

    Practices and materials live under their organisation's profile, but belong to their own sections.
    """
    from practices.models import GoodPracticePage, MaterialIndexPage, PracticeIndexPage, TrainingMaterialPage

    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return ""
    if page.pk == item.pk:
        return "page"
    if isinstance(page, GoodPracticePage):
        return "true" if isinstance(item, PracticeIndexPage) else ""
    if isinstance(page, TrainingMaterialPage):
        return "true" if isinstance(item, MaterialIndexPage) else ""
    if page.depth > item.depth and page.path.startswith(item.path):
        return "true"
    return ""


@register.simple_tag(takes_context=True)
def in_other_language(context, item):
    """Whether a page's text is in another language than the page being shown (or the active language).

    Usage: ``{% in_other_language item as other_language %}``.
    """
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None) or Locale.get_active().pk
    return item.locale_id != locale_id


CREATIVE_COMMONS = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC BY-NC-SA 4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
}


@register.filter
def licence_url(value):
    """The Creative Commons deed of a licence value, or an empty string."""
    return CREATIVE_COMMONS.get(value, "")
