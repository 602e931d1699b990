"""What the feeds and calendars list: the pages of a listing, as its readers see them.

A feed of practices, materials or workshops is its listing in another format: the same pages (live,
public, one version of each in the reading order of the feed's language), narrowed by the same
query-string filters, newest first. The querysets are built once per request and the few things
each entry needs that are not on its row (its organisation's and themes' names in the feed's
language) are read in bulk, so a feed costs the same number of queries whatever its length.
"""

from django.http import Http404
from django.utils import timezone
from wagtail.models import Locale

from practices.models import LISTINGS_BY_KIND, Organisation, Theme
from practices.models.listings import still_to_come

FEED_LENGTH = 30
CALENDAR_LENGTH = 200


class InvalidFilters(ValueError):
    """A feed's query string has values no listing filter could take."""

    def __init__(self, ignored):
        super().__init__(", ".join(str(message) for message in ignored))
        self.ignored = ignored


def listing_in(kind, locale):
    """The live listing page of ``kind`` in ``locale``, else in the default locale."""
    model = LISTINGS_BY_KIND.get(kind)
    if model is None:
        raise Http404
    listings = model.objects.live().public()
    listing = listings.filter(locale=locale).first() or listings.filter(locale=Locale.get_default()).first()
    if listing is None:
        raise Http404
    return listing


def filtered_pages(listing, params):
    """The listing's live, public pages in its readers' language, filtered by ``params``; raises
    ``InvalidFilters`` for values the listing would leave out."""
    filters = listing.filter_class(params, locale=listing.locale)
    pages = listing.listed_pages(filters)
    if filters.ignored:
        raise InvalidFilters(filters.ignored)
    return filters, pages.select_related("locale", "organisation", *listing.listing_related).prefetch_related(
        "themes"
    )


def newest(pages):
    return list(pages.order_by("-first_published_at", "-pk")[:FEED_LENGTH])


def upcoming(workshops):
    """Workshops with dates that have not ended yet, soonest first."""
    dated = workshops.filter(starts_on__isnull=False).filter(still_to_come(timezone.localdate()))
    return list(dated.order_by("starts_on", "title")[:CALENDAR_LENGTH])


def names_in(model, objects, locale):
    """``{object pk: name}`` for ``objects`` (translatable snippets), each named in ``locale`` when
    translated into it, else as it is: one query."""
    objects = list(objects)
    translated = {
        item.translation_key: item.name
        for item in model.objects.filter(
            locale=locale, translation_key__in={item.translation_key for item in objects}
        )
    }
    return {item.pk: translated.get(item.translation_key, item.name) for item in objects}


def entry_names(pages, locale):
    """The organisation and theme names of ``pages`` in ``locale``: two queries for any number."""
    organisations = names_in(Organisation, {page.organisation for page in pages}, locale)
    themes = names_in(Theme, {theme for page in pages for theme in page.themes.all()}, locale)
    return organisations, themes


def is_upcoming(workshop, today=None):
    if not workshop.starts_on:
        return False
    today = today or timezone.localdate()
    return (workshop.ends_on or workshop.starts_on) >= today
