"""Atom and RSS feeds of new practices, materials and workshops (Django's syndication framework),
one per listing, language and set of filters: ``/<lang>/feeds/<kind>.atom`` and ``….rss``."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from practices.language_versions import reader_url
from translation.templatetags.language_tags import bcp47

from .sources import InvalidFilters, entry_names, filtered_pages, listing_in, newest
from .views import bad_filters

FEED_TITLES = {
    "practices": lambda: _("New good practices"),
    "materials": lambda: _("New training materials"),
    "workshops": lambda: _("New workshops"),
}


class AtomWithEntryLanguages(Atom1Feed):
    """Atom whose entries say their own language: a feed lists pages not yet translated into its
    language in the language they were written in."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("entry_language"):
            attributes["xml:lang"] = item["entry_language"]
        return attributes


def feed_query(filters):
    """The query string of a feed or listing with ``filters``' values that are set."""
    values = {name: filters.value(name) for name in filters.names}
    return urlencode({name: value for name, value in values.items() if value})


class ListingFeed(Feed):
    feed_type = AtomWithEntryLanguages
    extension = "atom"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidFilters as invalid:
            return bad_filters(invalid)

    def get_object(self, request, kind):
        # The feed's language is an attribute, not a method, in Django's Feed.
        self.language = bcp47(translation.get_language() or settings.LANGUAGE_CODE)
        listing = listing_in(kind, Locale.get_active())
        filters, pages = filtered_pages(listing, request.GET)
        entries = newest(pages)
        organisations, themes = entry_names(entries, listing.locale)
        return {
            "kind": kind,
            "listing": listing,
            "filters": filters,
            "entries": entries,
            "organisations": organisations,
            "themes": themes,
            "query": feed_query(filters),
            "request": request,
        }

    def with_query(self, url, feed):
        return f"{url}?{feed['query']}" if feed["query"] else url

    def title(self, feed):
        selected = [
            option.label
            for option_filter in feed["filters"].available()
            if (option := option_filter.selected_option)
        ]
        parts = [FEED_TITLES[feed["kind"]](), *selected, _("Kooperativa Knowledge Hub")]
        return " · ".join(str(part) for part in parts)

    def subtitle(self, feed):
        return feed["listing"].title

    description = subtitle

    def link(self, feed):
        return self.with_query(feed["listing"].get_url(feed["request"]), feed)

    def feed_url(self, feed):
        return self.with_query(reverse(f"feeds:{self.extension}", args=[feed["kind"]]), feed)

    def feed_guid(self, feed):
        return feed["request"].build_absolute_uri(self.feed_url(feed))

    def items(self, feed):
        # The entries' own methods are given only the entry: what they share is kept here, on this
        # request's instance (see ``atom`` and ``rss``).
        self.current = feed
        return feed["entries"]

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return page.summary

    def item_link(self, page):
        return reader_url(page)

    def item_guid(self, page):
        return self.current["request"].build_absolute_uri(reverse("persistent_link", args=[page.pk]))

    item_guid_is_permalink = True

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at

    def item_author_name(self, page):
        return self.current["organisations"].get(page.organisation_id)

    def item_categories(self, page):
        return [self.current["themes"][theme.pk] for theme in page.themes.all()]

    def item_extra_kwargs(self, page):
        return {"entry_language": bcp47(page.locale.language_code)}


class ListingRssFeed(ListingFeed):
    feed_type = Rss201rev2Feed
    extension = "rss"


def atom(request, kind):
    return ListingFeed()(request, kind=kind)


def rss(request, kind):
    return ListingRssFeed()(request, kind=kind)
