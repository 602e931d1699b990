"""The feeds and calendars, under each language's prefix (``/<lang>/feeds/…``)."""

from django.urls import path, re_path

from . import syndication, views

app_name = "feeds"

urlpatterns = [
    re_path(r"^(?P<kind>practices|materials|workshops)\.atom$", syndication.atom, name="atom"),
    re_path(r"^(?P<kind>practices|materials|workshops)\.rss$", syndication.rss, name="rss"),
    path("workshops.ics", views.listing_calendar, name="workshops_calendar"),
    path("workshops/<int:page_id>.ics", views.workshop_calendar, name="workshop_calendar"),
]
