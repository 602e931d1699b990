from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from feeds import views as feeds_views
from regionmap import views as regionmap_views
from search import views as search_views
from translation import views as translation_views

from . import headers
from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's own download view with its headers put right; its name, so documents' URLs are the same.
    re_path(r"^documents/(\d+)/(.*)$", headers.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/search/", search_views.search_api, name="search_api"),
    path("api/search/autocomplete/", search_views.autocomplete_api, name="search_autocomplete_api"),
    path("api/search/openapi.json", search_views.openapi_document, name="search_openapi"),
    path("api/search/docs/", search_views.api_docs, name="search_api_docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("discovery.urls")),
]

if settings.SERVE_MEDIA:
    # Images only: documents are served by Wagtail's view above, which checks their collection's
    # and their pages' privacy; their files under MEDIA_ROOT/documents/ are never served directly.
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>(?:{'|'.join(settings.PUBLIC_MEDIA_FOLDERS)})/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns += i18n_patterns(
    path("search/", search_views.search_page, name="search"),
    path("export/", include("export.urls")),
    path("map/", regionmap_views.region_map_page, name="region_map"),
    path("untranslated/<int:page_id>/", translation_views.untranslated_page, name="untranslated"),
    path("p/<int:page_id>/", feeds_views.persistent_link, name="persistent_link"),
    path("feeds/", include("feeds.urls")),
    path("enquiries/", include("enquiries.urls")),
    path("", include("home.urls")),
    prefix_default_language=True,
)
