"""The Wagtail site answering a request, found as Wagtail finds it (by host and port) but kept in each
worker while the content version stays the same (a saved site moves it), where Wagtail reads it with
a query a request. Each request gets its own copy, so nothing one request does to it is seen by
another."""

import copy

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from .content_version import once_per_content_version


def _site_for_host(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def kept_site(request):
    """The site answering ``request``, also kept on the request where ``Site.find_for_request``
    keeps its answer, so that Wagtail's own calls (a page's address, its route) read nothing."""
    if not hasattr(request, "_wagtail_site"):
        hostname, port = split_domain_port(request.get_host())[0], request.get_port()
        site = once_per_content_version(("site", hostname, port), lambda: _site_for_host(hostname, port))
        request._wagtail_site = copy.copy(site)
    return request._wagtail_site
