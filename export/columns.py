"""The columns of every export, in order, and one page as a row of them.

The column set is stable (tools read it by name): new columns may be added at the end, none is
renamed or removed. docs/export.md describes each.
"""

from django.utils.translation import gettext

from search.documents import Relations, document_for

COLUMNS = [
    "id",
    "translation_key",
    "title",
    "type",
    "language",
    "url",
    "organisation",
    "countries",
    "themes",
    "summary",
    "year_from",
    "year_to",
    "first_published",
    "last_published",
    "licence",
]


def hub_licence():
    """What the licence column says of a page without a licence of its own."""
    return gettext("Quote and adapt with credit to the organisation")


def terms_of_use():
    """The hub's terms for what it publishes: the footer's words, in the reader's language."""
    return gettext(
        "Every case study and training material is written and published by the member organisation "
        "named on it. Quote and adapt it with credit to that organisation; the licence of each training "
        "material is stated on its page."
    )


def row(page, labels, absolute_url, hub_licence):
    """One live page as the export's columns: names in the reader's language (``labels``, as
    ``search.backends.facet_labels`` gives them), lists as lists, dates in ISO 8601; a training
    material's licence is its own, other pages' ``hub_licence``."""
    page_document = document_for(page)
    facets = page_document.facets(page, Relations(page))
    organisation = page.organisation
    return {
        "id": page.pk,
        "translation_key": str(page.translation_key),
        "title": page.title,
        "type": page_document.type,
        "language": page.locale.language_code,
        "url": absolute_url(page),
        "organisation": labels["organisation"].get(organisation.slug, organisation.name)
        if organisation
        else "",
        "countries": [labels["country"].get(slug, slug) for slug in facets.get("countries", [])],
        "themes": [labels["theme"].get(theme.slug, theme.name) for theme in page.themes.all()],
        "summary": page.summary,
        "year_from": facets.get("year_from"),
        "year_to": facets.get("year_to"),
        "first_published": page.first_published_at.isoformat() if page.first_published_at else None,
        "last_published": page.last_published_at.isoformat() if page.last_published_at else None,
        "licence": getattr(page, "licence", "") or hub_licence,
    }
