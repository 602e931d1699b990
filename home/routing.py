"""Wagtail's way from an address to a page, without reading for every page what every page of a
language shares: the site that answers the host (practices/sites.py), and the language's home page,
where the route starts (Wagtail reads them with four queries a request). Both are kept in each
worker while the content version stays the same (a saved site or page moves it); every request gets
its own copy, so nothing one request does to them is seen by another."""

import copy

from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views

from practices.content_version import once_per_content_version
from practices.sites import kept_site


def _language_home(site):
    """The home page of the active language (the site's root when the language has none)."""
    home = once_per_content_version(
        ("language-home", site.pk, get_language()), lambda: site.root_page.localized.specific
    )
    return copy.copy(home)


def serve(request, path):
    """Wagtail's serve view, its route started from the kept site and home page (and kept on the
    request where ``Page.route_for_request`` keeps it)."""
    site = kept_site(request)
    if site is not None:
        try:
            route = _language_home(site).route(request, [part for part in path.split("/") if part])
        except Http404:
            route = None
        request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)
