"""Upcoming workshops as iCalendar: one workshop's file and the listing's (with its filters) parse as
RFC 5545 and say when, where, what and who, in the site's time zone; past, undated and private
workshops are not offered."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Locale, PageViewRestriction

from practices.models import WorkshopIndexPage
from tests.factories import OrganisationFactory, WorkshopPageFactory, agenda, session

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def listing(code="en"):
    return WorkshopIndexPage.objects.get(locale__language_code=code)


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def workshop(**fields):
    fields.setdefault("parent", listing())
    return publish(WorkshopPageFactory(**fields))


def calendar(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    return raw, Calendar.from_ical(raw)


def events(parsed):
    return list(parsed.walk("VEVENT"))


def test_a_one_day_workshop_is_a_timed_event_in_the_site_time_zone(client):
    organisation = OrganisationFactory(name="Unit Organisers, Zagreb", email="hello@example.org")
    page = workshop(
        title="Ugovori; budžeti, i \u201cplan\u201d za jesen",
        organisation=organisation,
        starts_on=in_days(10),
        place="Pogon, Zagreb",
        summary="A day on contracts.",
        day_starts_at=datetime.time(10, 0),
        agenda=agenda(session("Opening", 30), session("Work", 150, "exercise")),
    )
    raw, parsed = calendar(client, f"/en/feeds/workshops/{page.pk}.ics")
    assert str(parsed["PRODID"]) and str(parsed["VERSION"]) == "2.0"
    assert list(parsed.walk("VTIMEZONE"))[0]["TZID"] == "Europe/Zagreb"
    [event] = events(parsed)
    assert str(event["UID"]) == f"{page.translation_key}@testserver"
    assert event["SUMMARY"] == page.title
    assert b"Ugovori\\; bud" in raw and b"bud\xc5\xbeeti\\, i" in raw  # escaped in the file
    assert event["LOCATION"] == "Pogon, Zagreb"
    assert event["URL"] == f"http://testserver{page.url}"
    assert event["DESCRIPTION"] == f"A day on contracts.\n\nhttp://testserver{page.url}"
    assert event["ORGANIZER"] == "mailto:hello@example.org"
    assert event["ORGANIZER"].params["CN"] == "Unit Organisers, Zagreb"
    assert event.decoded("DTSTAMP") == page.last_published_at.replace(microsecond=0)
    starts, ends = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (starts.date(), starts.time(), ends.time()) == (in_days(10), datetime.time(10), datetime.time(13))
    assert str(starts.tzinfo) == "Europe/Zagreb"
    assert b"DTSTART;TZID=Europe/Zagreb:" in raw


def test_an_organisation_that_keeps_its_email_off_the_site_is_named_by_its_website(client):
    organisation = OrganisationFactory(
        email="private@example.org", show_email=False, website="https://organisers.example.org/"
    )
    page = workshop(organisation=organisation, starts_on=in_days(5), place="Zagreb")
    raw, parsed = calendar(client, f"/en/feeds/workshops/{page.pk}.ics")
    [event] = events(parsed)
    assert event["ORGANIZER"] == "https://organisers.example.org/"
    assert b"private@example.org" not in raw


def test_a_workshop_over_days_is_an_all_day_event(client):
    page = workshop(
        starts_on=in_days(20),
        ends_on=in_days(21),
        agenda=agenda(session("Day one", 120), session("Day two", 120, new_day=True)),
    )
    _raw, parsed = calendar(client, f"/en/feeds/workshops/{page.pk}.ics")
    [event] = events(parsed)
    assert event.decoded("DTSTART") == in_days(20)
    assert event.decoded("DTEND") == in_days(22)  # exclusive


def test_the_translation_is_the_same_event_in_its_language(client):
    page = workshop(starts_on=in_days(5))
    serbian = page.copy_for_translation(Locale.objects.get(language_code="sr"), copy_parents=True)
    serbian.title = "Радионица о буџетима"
    publish(serbian)
    _raw, parsed = calendar(client, f"/sr/feeds/workshops/{serbian.pk}.ics")
    [event] = events(parsed)
    assert event["SUMMARY"] == "Радионица о буџетима"
    assert str(event["UID"]) == f"{page.translation_key}@testserver"
    assert event["URL"] == f"http://testserver{serbian.url}"


def test_past_undated_private_and_unknown_workshops_have_no_calendar(client):
    past = workshop(starts_on=in_days(-3))
    undated = workshop(starts_on=None)
    private = workshop(starts_on=in_days(3))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for page_id in (past.pk, undated.pk, private.pk, 99999999, 2**40):
        assert client.get(f"/en/feeds/workshops/{page_id}.ics").status_code == 404


def test_the_listing_calendar_holds_upcoming_workshops_only_with_its_filters(client):
    organisation = OrganisationFactory()
    soon = workshop(organisation=organisation, starts_on=in_days(2), title="Unit soon")
    under_way = workshop(
        organisation=organisation, starts_on=in_days(-1), ends_on=in_days(1), title="Unit now"
    )
    workshop(organisation=organisation, starts_on=in_days(-10), title="Unit past")
    workshop(organisation=organisation, starts_on=None, title="Unit any time")
    workshop(organisation=organisation, starts_on=in_days(4), delivery="online", title="Unit online")
    _raw, parsed = calendar(
        client, "/en/feeds/workshops.ics", organisation=organisation.slug, delivery="in-person"
    )
    assert [str(event["SUMMARY"]) for event in events(parsed)] == [under_way.title, soon.title]
    _raw, everything = calendar(client, "/en/feeds/workshops.ics")
    today = timezone.localdate()
    for event in events(everything):
        ends = event.decoded("DTEND")
        assert (ends.date() if isinstance(ends, datetime.datetime) else ends) >= today
    response = client.get("/en/feeds/workshops.ics", {"level": "<b>"})
    assert response.status_code == 400


def test_workshop_pages_offer_their_calendar_while_upcoming(client):
    upcoming = workshop(starts_on=in_days(7))
    past = workshop(starts_on=in_days(-7))
    assert f'href="/en/feeds/workshops/{upcoming.pk}.ics"' in client.get(upcoming.url).content.decode()
    assert ".ics" not in client.get(past.url).content.decode()
    html = client.get(listing("hr").url, {"level": "introductory"}).content.decode()
    assert 'href="/hr/feeds/workshops.ics?level=introductory"' in html
