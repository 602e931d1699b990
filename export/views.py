"""Downloads of a result set, the search page's or a listing's, with the same filters and order.

Only live public pages are written, each in the version the reader's language gives (as on the
page), streamed so that memory stays flat however many there are. Malformed filters are refused
with 400 and named, rather than ignored as on the pages: a file should hold what was asked for.
"""

from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from practices.language_versions import in_reader_language, reader_content_language
from practices.models import LISTINGS_BY_KIND
from search.backends import facet_labels
from search.documents import PageUrls
from search.params import InvalidSearch, parse

from .columns import COLUMNS, hub_licence, row, terms_of_use
from .formats import csv_text, json_lines_text
from .sources import listing_pages, search_pages

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}


def _refused(problem):
    message = gettext("This export could not be made: %(problem)s") % {"problem": problem}
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _download(request, pages, file_format, name, source, **described):
    """The pages written in ``file_format`` as they are read, in the reader's language."""
    language = translation.get_language()
    reader = reader_content_language()
    labels = facet_labels(reader)
    urls = PageUrls()
    licence = hub_licence()
    metadata = {
        "title": gettext("Kooperativa Knowledge Hub"),
        "source": request.build_absolute_uri(source),
        "language": reader,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "licence": terms_of_use(),
        "columns": COLUMNS,
        **described,
    }

    def rows():
        # The stream is written after the view has returned: names stay in the reader's language.
        with translation.override(language):
            for page in pages:
                yield row(page, labels, lambda page: request.build_absolute_uri(urls(page)), licence)

    text = csv_text(rows()) if file_format == "csv" else json_lines_text(metadata, rows())
    filename = f"kooperativa-{name}-{language}-{timezone.localdate().isoformat()}.{file_format}"
    return StreamingHttpResponse(
        text,
        content_type=CONTENT_TYPES[file_format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@require_GET
def listing_export(request, kind, file_format):
    locale = Locale.objects.get(language_code=reader_content_language())
    index = in_reader_language(LISTINGS_BY_KIND[kind].objects.live().public(), locale).first()
    if index is None:
        raise Http404
    filters = index.filter_class(request.GET, locale=index.locale)
    pages = listing_pages(index, filters)
    if filters.ignored:
        return _refused(", ".join(str(problem) for problem in filters.ignored))
    query = filters.params.copy()
    query.pop("page", None)
    source = index.get_url(request) + (f"?{query.urlencode()}" if query else "")
    return _download(request, pages, file_format, kind, source)


@require_GET
def search_export(request, file_format):
    try:
        params = parse(request.GET, reader_content_language(), strict=True)
    except InvalidSearch as error:
        return _refused(str(error))
    backend, pages = search_pages(params)
    query = params.as_querydict()
    source = reverse("search") + (f"?{query.urlencode()}" if query else "")
    return _download(request, pages, file_format, "search", source, backend=backend)
