"""Public views that are not Wagtail pages: the page shown when a translation is missing."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, get_language_info
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from practices.language_versions import public_versions, reading_order
from practices.sites import kept_site
from practices.visibility import only_public

from .templatetags.language_tags import bcp47, language_name_local
from .transliteration import SERBIAN_SCRIPTS, transliterate_html

# Page ids are 32-bit integers in every database the site runs on; larger ones are not pages
# (and would make SQLite and PostgreSQL raise instead of finding nothing).
MAX_PAGE_ID = 2**31 - 1


@require_safe
def untranslated_page(request, page_id):
    """A page in a language it has not been translated into yet: the original, with a notice.

    ``/<lang>/untranslated/<page_id>/`` is where the language switcher sends a reader who asks for a
    page in a language it does not exist in. ``page_id`` may be any live, public version of the page.
    If the translation exists (it may have been published since), the reader goes there; otherwise
    the version in the next language of the reader's reading order (else the original) is served as
    Wagtail serves it, with ``untranslated`` in the context for
    the notice (in the requested language, the interface's) and the links to the existing versions.
    """
    if page_id > MAX_PAGE_ID:
        raise Http404
    page = only_public(Page.objects.live().filter(pk=page_id)).first()
    if page is None:
        raise Http404

    language = get_language()
    kept_site(request)  # the versions' addresses are made for it
    versions = {
        version.locale.language_code: version for version in public_versions(page) if version.get_url(request)
    }
    if not versions:  # the page is live but outside every site, so it has no address
        raise Http404
    if language in versions:
        return redirect(versions[language].get_url(request))

    # The version the reader's listings and links chose: the first in the reader's reading order.
    original, has_source = _original_version(page, versions)
    shown = next((versions[code] for code in reading_order(language) if code in versions), original)
    is_original = has_source and shown.pk == original.pk
    shown_url = shown.get_url(request)
    # Serbian in the other script is shown in the reader's, transliterated as it is served.
    transliterated = SERBIAN_SCRIPTS.get(shown.locale.language_code) == language

    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(shown, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    response = shown.serve(request)
    if isinstance(response, TemplateResponse) and not response.is_rendered:
        if response.context_data is None:
            response.context_data = {}
        response.context_data["untranslated"] = {
            "language_code": language,
            "language": get_language_info(language)["name_translated"],
            "lang": bcp47(language),
            "page": shown,
            "page_lang": bcp47(language if transliterated else shown.locale),
            "transliterated": transliterated,
            "page_language": _in_sentence(get_language_info(shown.locale.language_code)["name_translated"]),
            "is_original": is_original,
            "canonical_url": request.build_absolute_uri(shown_url),
            "translations": [
                {
                    "code": code,
                    "lang": bcp47(code),
                    "name_local": language_name_local(code),
                    "url": versions[code].get_url(request),
                    "is_shown": versions[code].pk == shown.pk,
                }
                for code, _name in settings.LANGUAGES
                if code in versions
            ],
        }
        if transliterated:
            response.add_post_render_callback(lambda rendered: _into_script(rendered, language))
    response["X-Robots-Tag"] = "noindex"
    return response


def _into_script(response, language):
    """The page's own words (its title and what ``<main>`` holds) in the reader's Serbian script."""
    html = response.content.decode(response.charset)
    for opening, closing in (("<title", "</title>"), ("<main", "</main>")):
        start = html.find(">", html.find(opening)) + 1
        end = html.rfind(closing)
        if 0 < start <= end:
            html = html[:start] + transliterate_html(html[start:end], language) + html[end:]
    response.content = html.encode(response.charset)


def _original_version(page, versions):
    """The original live version, and whether it is known to be the original.

    The original is the version in the locale wagtail-localize translated from (the first source when
    there were several); failing that, the default language's version, else the oldest live one.
    """
    by_locale_id = {version.locale_id: version for version in versions.values()}
    source_locale_ids = (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .order_by("created_at", "pk")
        .values_list("locale_id", flat=True)
    )
    for locale_id in source_locale_ids:
        if locale_id in by_locale_id:
            return by_locale_id[locale_id], True
    if settings.LANGUAGE_CODE in versions:
        return versions[settings.LANGUAGE_CODE], False
    return min(versions.values(), key=lambda version: version.pk), False


def _in_sentence(name):
    """A language name as it stands inside a sentence of the active language.

    The interface names languages as menu items do, capitalised ("Bosanski", "Shqip"); every language
    of the site but English writes them in lower case within a sentence.
    """
    name = str(name)
    if get_language() == "en" or not name:
        return name
    return name[0].lower() + name[1:]
