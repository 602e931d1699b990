from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from practices.language_versions import reader_content_language, untranslated_url
from practices.models import WorkshopPage
from translation.views import MAX_PAGE_ID

from .calendar import calendar_response, listing_calendar_name
from .sources import InvalidFilters, entry_names, filtered_pages, is_upcoming, listing_in, upcoming


def bad_filters(invalid):
    return HttpResponseBadRequest(
        _("This feed's filters have values no page could have: %(values)s.") % {"values": invalid},
        content_type="text/plain; charset=utf-8",
    )


def persistent_link(request, page_id):
    """``/<lang>/p/<id>/``: wherever the page is now, in the reader's language (its translation
    when there is one, else the reader's-language view of the page). Only live, public pages."""
    if page_id > MAX_PAGE_ID:
        raise Http404
    page = Page.objects.live().public().filter(pk=page_id, depth__gt=2).first()
    if page is None:
        raise Http404
    translation = (
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key, locale__language_code=reader_content_language())
        .first()
    )
    url = translation.get_url(request) if translation else None
    if not url:
        if not page.get_url(request):
            raise Http404
        url = untranslated_url(page.pk)
    return redirect(url)


def workshop_calendar(request, page_id):
    """One workshop as an iCalendar file, while it is still to come."""
    if page_id > MAX_PAGE_ID:
        raise Http404
    workshop = (
        WorkshopPage.objects.live()
        .public()
        .filter(pk=page_id)
        .select_related("organisation", "locale")
        .first()
    )
    if workshop is None or not is_upcoming(workshop):
        raise Http404
    organisations, _themes = entry_names([workshop], Locale.get_active())
    return calendar_response(request, [workshop], organisations, name=workshop.title, filename=workshop.slug)


def listing_calendar(request):
    """The upcoming workshops of the workshops listing, with its filters, as an iCalendar file."""
    listing = listing_in("workshops", Locale.get_active())
    try:
        _filters, workshops = filtered_pages(listing, request.GET)
    except InvalidFilters as invalid:
        return bad_filters(invalid)
    workshops = upcoming(workshops)
    organisations, _themes = entry_names(workshops, listing.locale)
    return calendar_response(
        request, workshops, organisations, name=listing_calendar_name(listing), filename=listing.slug
    )
