from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from practices.models import GoodPracticePage, TrainingMaterialPage
from practices.models.listing import paginate

MAX_QUERY_LENGTH = 200


def search_page(request):
    """Search the good practices and training materials of the active language."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    locale = Locale.objects.filter(language_code=get_language()).first() or Locale.get_default()
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .type(GoodPracticePage, TrainingMaterialPage)
        .specific()
    )
    results = pages.search(query) if query else pages.order_by("-first_published_at")
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "page_obj": paginate(request, results, per_page=20)},
    )
