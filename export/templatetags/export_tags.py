from django import template
from django.urls import reverse

from practices.models import listing_kind

register = template.Library()


@register.inclusion_tag("export/links.html", takes_context=True)
def export_links(context, listing=None):
    """ "Download these results" as CSV and JSON Lines: the search page's (``search_query``, its
    clean parameters) or, given a listing page, that listing's with the filters of the address."""
    if listing is None:
        query = context["search_query"].copy()
        links = {
            file_format: reverse("export_search", args=[file_format]) for file_format in ("csv", "jsonl")
        }
    else:
        kind = listing_kind(listing)
        if kind is None:
            return {}
        query = context["request"].GET.copy()
        links = {
            file_format: reverse("export_listing", args=[kind, file_format])
            for file_format in ("csv", "jsonl")
        }
    query.pop("page", None)
    suffix = f"?{query.urlencode()}" if query else ""
    return {"links": {file_format: url + suffix for file_format, url in links.items()}}
