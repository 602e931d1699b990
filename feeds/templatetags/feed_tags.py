from django import template
from django.urls import reverse

from practices.models import LISTINGS_BY_KIND, listing_kind

from ..citation import citation as page_citation
from ..sources import is_upcoming
from ..syndication import FEED_TITLES, feed_query

register = template.Library()


def listing_query(listing, request):
    """The query string of the listing's filters that are set and valid, for its feed."""
    return feed_query(listing.filter_class(request.GET, locale=listing.locale))


def with_query(url, query):
    return f"{url}?{query}" if query else url


@register.inclusion_tag("feeds/feed_links.html", takes_context=True)
def feed_links(context, listing=None):
    """``<link rel="alternate">`` to the Atom feeds: a listing's own, with its current filters, or
    (without a listing, on the home page) every listing's."""
    if listing is None:
        feeds = [(FEED_TITLES[kind](), reverse("feeds:atom", args=[kind])) for kind in LISTINGS_BY_KIND]
    elif kind := listing_kind(listing):
        url = with_query(reverse("feeds:atom", args=[kind]), listing_query(listing, context["request"]))
        feeds = [(FEED_TITLES[kind](), url)]
    else:
        feeds = []
    return {"feeds": feeds}


@register.simple_tag(takes_context=True)
def listing_feed_url(context, listing, extension="atom"):
    """The feed (``atom`` or ``rss``) of a listing with its current filters, or "" if it has none."""
    kind = listing_kind(listing)
    if not kind:
        return ""
    return with_query(reverse(f"feeds:{extension}", args=[kind]), listing_query(listing, context["request"]))


@register.simple_tag(takes_context=True)
def listing_calendar_url(context, listing):
    """The workshops listing's upcoming workshops as iCalendar, with its current filters."""
    if listing_kind(listing) != "workshops":
        return ""
    return with_query(reverse("feeds:workshops_calendar"), listing_query(listing, context["request"]))


@register.simple_tag
def workshop_calendar_url(workshop):
    """A workshop's iCalendar file while it is to come, else ""."""
    return reverse("feeds:workshop_calendar", args=[workshop.pk]) if is_upcoming(workshop) else ""


@register.simple_tag(takes_context=True)
def citation(context, page):
    return page_citation(page, context["request"])
