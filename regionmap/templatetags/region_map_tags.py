from django import template

from practices.language_versions import reader_content_language

from ..region import region_map

register = template.Library()


@register.inclusion_tag("regionmap/compact.html")
def compact_region_map(heading_id="region-map-heading"):
    """The map in a box of its own, for the home page and the practices listing."""
    return {"map": region_map(reader_content_language()), "heading_id": heading_id}
