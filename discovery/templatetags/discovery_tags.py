"""The head of every public page: its canonical address, link previews (OpenGraph and Twitter
cards) and, on detail pages, its schema.org description."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from translation.transliteration import transliterate_text

from ..languages import opengraph_locale
from ..page_metadata import PageMetadata
from ..structured_data import structured_data

register = template.Library()

# Characters that could end the <script> element or start markup inside it, written as JSON escapes.
JSON_IN_HTML = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """``data`` as JSON safe to stand inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_IN_HTML))  # noqa: S308 (escaped just above)


@register.inclusion_tag("discovery/head.html", takes_context=True)
def page_metadata(context, languages):
    """Usage, in the head of base.html: ``{% page_metadata languages %}``, ``languages`` being the
    language switcher's links (``language_links``), which say which translations the page has."""
    request = context.get("request")
    page = context.get("page")
    untranslated = context.get("untranslated")
    if request is None:
        return {}
    is_page = page is not None and getattr(page, "pk", None) is not None and hasattr(page, "get_url")
    metadata = PageMetadata(page, request) if is_page else None
    if untranslated:
        url = untranslated["canonical_url"]
    elif metadata:
        url = metadata.url
    else:
        url = request.build_absolute_uri(request.path)
    language = get_language()
    title = (page.seo_title or page.title) if is_page else gettext("Kooperativa Knowledge Hub")
    description = _description(page, context) if is_page else ""
    if untranslated and untranslated["transliterated"]:
        # Serbian in the other script: the preview in the reader's script, as the page is shown.
        title, description = (transliterate_text(text, language) for text in (title, description))
    return {
        "canonical_url": "" if untranslated else url,
        "url": url,
        "title": title,
        "description": description,
        "kind": "article" if is_page and hasattr(page, "summary") else "website",
        "locale": opengraph_locale(language),
        "alternate_locales": [
            opengraph_locale(link["code"])
            for link in languages
            if link["is_translation"] and link["code"] != language and not untranslated
        ],
        "image": metadata.image if metadata else None,
        "image_url": metadata.image_url if metadata else "",
        "image_alt": metadata.image_alt if metadata else "",
        "structured_data": structured_data(page.specific, metadata)
        if metadata and not untranslated
        else None,
    }


def _description(page, context):
    organisation = context.get("organisation")
    return (
        page.search_description
        or getattr(page, "summary", "")
        or getattr(page, "introduction", "")
        or getattr(organisation, "description", "")
    )
