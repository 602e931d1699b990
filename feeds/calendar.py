"""Upcoming workshops as iCalendar (RFC 5545): one workshop's ``.ics`` and a listing's.

A one-day workshop with an agenda is a timed event, from the start of its day to the end of its last
session, in the site's time zone (a VTIMEZONE says which); a workshop over several days is an
all-day event from its first to its last day. Every translation of a workshop is the same event
(its UID is the translation key), so a calendar that took it in one language updates it in another.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from practices.language_versions import reader_url

PRODUCT_ID = "-//Kooperativa//Knowledge Hub//EN"


def event_times(workshop):
    """(start, end) of a dated workshop: aware datetimes for a one-day workshop with an agenda,
    else dates, the end exclusive as RFC 5545 wants for all-day events."""
    last_day = workshop.ends_on or workshop.starts_on
    slots = workshop.slots
    if last_day == workshop.starts_on and slots and slots[-1].day == 1:
        zone = ZoneInfo(settings.TIME_ZONE)
        starts = datetime.datetime.combine(workshop.starts_on, workshop.day_starts_at, tzinfo=zone)
        ends = datetime.datetime.combine(workshop.starts_on, slots[-1].ends, tzinfo=zone)
        if ends > starts:
            return starts, ends
    return workshop.starts_on, last_day + datetime.timedelta(days=1)


def workshop_event(workshop, request, organiser_name):
    url = request.build_absolute_uri(reader_url(workshop))
    starts, ends = event_times(workshop)
    event = Event()
    event.add("uid", f"{workshop.translation_key}@{request.get_host().split(':')[0]}")
    event.add("dtstamp", workshop.last_published_at)
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add("summary", workshop.title)
    if workshop.place:
        event.add("location", workshop.place)
    event.add("url", url)
    event.add("description", f"{workshop.summary}\n\n{url}")
    organiser = vCalAddress(organiser_address(workshop.organisation, url))
    organiser.params["cn"] = organiser_name
    event.add("organizer", organiser)
    return event


def organiser_address(organisation, fallback):
    """ORGANIZER is an address: the organisation's public e-mail, else its website, else the
    workshop's page."""
    if organisation.public_email:
        return f"mailto:{organisation.public_email}"
    return organisation.website or fallback


def calendar_response(request, workshops, organisations, name, filename):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for workshop in workshops:
        calendar.add_component(
            workshop_event(workshop, request, organisations.get(workshop.organisation_id, ""))
        )
    if workshops:
        # The time zone's rules for the years the events fall in, rather than icalendar's default of
        # every change since 1970.
        calendar.add_missing_timezones(
            first_date=datetime.date(min(workshop.starts_on for workshop in workshops).year, 1, 1),
            last_date=datetime.date(
                max(workshop.ends_on or workshop.starts_on for workshop in workshops).year + 1, 1, 1
            ),
        )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename) or "workshops"}.ics"'
    return response


def listing_calendar_name(listing):
    return f"{listing.title} · {_('Kooperativa Knowledge Hub')}"
