from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from practices.language_versions import reader_content_language

from .region import region_map


@require_GET
def region_map_page(request):
    """Explore by map: the countries of the network, each linked to the search for its pages."""
    return TemplateResponse(
        request, "regionmap/map_page.html", {"map": region_map(reader_content_language())}
    )
