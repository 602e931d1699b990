"""The workshops listing: what is coming up first, soonest first; then workshops to run any time;
then past ones, latest first, each group under its own heading."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from practices.models.listings import WorkshopTiming
from tests.factories import OrganisationFactory, WorkshopIndexPageFactory, WorkshopPageFactory

pytestmark = pytest.mark.django_db


def test_coming_up_first_then_any_time_then_past_ones():
    today = timezone.localdate()
    listing = WorkshopIndexPageFactory()
    organisation = OrganisationFactory()

    def workshop(title, starts_in=None, lasts=1):
        starts_on = today + datetime.timedelta(days=starts_in) if starts_in is not None else None
        ends_on = starts_on + datetime.timedelta(days=lasts - 1) if starts_on and lasts > 1 else None
        return WorkshopPageFactory(
            parent=listing, organisation=organisation, title=title, starts_on=starts_on, ends_on=ends_on
        )

    for title, starts_in, lasts in [
        ("Long past", -400, 1),
        ("Later", 60, 1),
        ("Under way", -1, 3),
        ("Any time", None, 1),
        ("Last month", -30, 2),
        ("Soon", 10, 1),
        ("Yesterday", -1, 1),
    ]:
        workshop(title, starts_in, lasts)

    request = RequestFactory().get("/", {"organisation": organisation.slug})
    sections = listing.get_context(request)["sections"]
    assert [(label, [item.title for item in items]) for label, items in sections] == [
        (WorkshopTiming.UPCOMING.label, ["Under way", "Soon", "Later"]),
        (WorkshopTiming.ANY_TIME.label, ["Any time"]),
        (WorkshopTiming.PAST.label, ["Yesterday", "Last month", "Long past"]),
    ]
