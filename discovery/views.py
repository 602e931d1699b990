"""What search engines and browsers ask a site for at fixed addresses: the sitemap, robots.txt and
the favicon."""

from pathlib import Path

from django.core.paginator import InvalidPage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import sitemap

FAVICON = Path(__file__).resolve().parent / "static" / "discovery" / "favicon.ico"


@require_safe
def sitemap_xml(request):
    """The whole sitemap, or, once it outgrows one section, an index of its sections."""
    sections = sitemap.sections()
    if sections.num_pages > 1:
        locations = [
            request.build_absolute_uri(reverse("sitemap_section", args=[number]))
            for number in sections.page_range
        ]
        return render(
            request, "discovery/sitemap_index.xml", {"locations": locations}, content_type="application/xml"
        )
    return _urlset(request, sections.page(1))


@require_safe
def sitemap_section(request, number):
    try:
        section = sitemap.sections().page(number)
    except InvalidPage as error:
        raise Http404 from error
    return _urlset(request, section)


def _urlset(request, section):
    entries = sitemap.entries(section.object_list, request)
    return render(request, "discovery/sitemap.xml", {"entries": entries}, content_type="application/xml")


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "discovery/robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


@require_safe
def favicon(request):
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
