"""Template helpers for the site chrome: listing links, navigation state, pagination, licences,
absolute addresses and the inline styles the Content-Security-Policy allows."""

from django import template
from django.utils.html import format_html
from wagtail.models import Locale

from home.inline_styles import allow_inline_style
from translation.templatetags.language_tags import reader_locale

register = template.Library()


def _locale_for(context):
    if context.get("untranslated"):  # another language's page shown: links stay in the reader's
        return reader_locale(context)
    page = context.get("page")
    locale = getattr(page, "locale", None) if page is not None else None
    return locale or reader_locale(context)


@register.simple_tag(takes_context=True)
def index_page(context, kind):
    """A listing page (practices, materials, workshops, paths, organisations) in the reader's
    language (else the default's).

    Usage: ``{% index_page "practices" as practice_index %}``.
    """
    from practices import models

    model = {
        "practices": models.PracticeIndexPage,
        "materials": models.MaterialIndexPage,
        "workshops": models.WorkshopIndexPage,
        "paths": models.LearningPathIndexPage,
        "organisations": models.OrganisationIndexPage,
    }[kind]
    locale = _locale_for(context)
    for candidate in context.get("navigation") or []:
        if isinstance(candidate, model) and candidate.locale_id == locale.pk:
            return candidate
    pages = model.objects.live()
    return pages.filter(locale=locale).first() or pages.filter(locale=Locale.get_default()).first()


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


CREATIVE_COMMONS = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC BY-NC-SA 4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
}


@register.filter
def licence_url(value):
    """The Creative Commons deed of a licence value, or an empty string."""
    return CREATIVE_COMMONS.get(value, "")


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` with scheme and host, for printed handouts and the workshop kit."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None and url else url


@register.simple_tag(takes_context=True)
def request_origin(context):
    """The scheme and host the page was requested from ("https://hub.example.org"), or ""."""
    request = context.get("request")
    return f"{request.scheme}://{request.get_host()}" if request is not None else ""


@register.filter
def kit_file(kit, document):
    """Where ``document`` is inside a workshop kit (a ``practices.kit.KitFile``), or None."""
    return kit.file_for(document)


class InlineStyleNode(template.Node):
    def __init__(self, nodelist, media):
        self.nodelist = nodelist
        self.media = media

    def render(self, context):
        css = self.nodelist.render(context)
        request = context.get("request")
        if request is not None:
            allow_inline_style(request, css)
        if self.media:
            return format_html('<style media="{}">{}</style>', self.media, css)
        return format_html("<style>{}</style>", css)


@register.tag
def inline_style(parser, token):
    """A ``<style>`` block the page's Content-Security-Policy allows by its hash
    (home/inline_styles.py). Usage: ``{% inline_style "print" %}:root { ... }{% endinline_style %}``,
    the argument, optional, being the block's media."""
    bits = token.split_contents()
    if len(bits) > 2 or (len(bits) == 2 and bits[1][0] not in "\"'"):
        raise template.TemplateSyntaxError("inline_style takes one optional quoted media query")
    media = bits[1][1:-1] if len(bits) == 2 else ""
    nodelist = parser.parse(("endinline_style",))
    parser.delete_first_token()
    return InlineStyleNode(nodelist, media)
