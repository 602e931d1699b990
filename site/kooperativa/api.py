"""Wagtail's read API at /api/v2/, limited to what a visitor can already see on the site.

Pages: Wagtail's own endpoint lists live, public pages only. Documents and images: only those a
live, public page uses (Wagtail's reference index knows which), and organisation logos, which
every organisation's public profile shows; never an upload attached to nothing or to a draft.
The browsable HTML renderer is for development; production answers in JSON only.

Query strings Wagtail does not check itself are checked before its code reads them, so that bad
input gets a 400 with a message, as Wagtail's own checks give, rather than a 500.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.functional import classproperty
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from practices.models import Organisation
from practices.numbers import LARGEST, parse_positive_int


def used_publicly(queryset):
    """The objects of ``queryset`` that a live, public page or an organisation profile shows."""
    public_pages = Page.objects.live().public().annotate(key=Cast("pk", CharField())).values("key")
    uses = ReferenceIndex.objects.filter(to_content_type=ContentType.objects.get_for_model(queryset.model))
    uses = uses.filter(
        Q(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=public_pages)
        | Q(content_type=ContentType.objects.get_for_model(Organisation))
    )
    used = queryset.annotate(key=Cast("pk", CharField())).filter(key__in=uses.values("to_object_id"))
    # On the primary key, not on the annotation: Wagtail's search (?search=) can apply only filters on fields.
    return queryset.filter(pk__in=used.values("pk"))


class JSONInProduction:
    @classproperty
    def renderer_classes(cls):
        return [JSONRenderer, BrowsableAPIRenderer] if settings.DEBUG else [JSONRenderer]


class CheckedQueryString:
    """Refuses, with Wagtail's 400, what Wagtail's read API would pass on to the database unchecked."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        query = request.GET
        if any("\x00" in text for name, values in query.lists() for text in (name, *values)):
            raise BadRequestError("null characters are not allowed in the query string")
        for name in ("offset", "limit"):
            if name in query and query[name] != "0" and parse_positive_int(query[name]) is None:
                raise BadRequestError(f"{name} must be a whole number from 0 to {LARGEST}")
        if "id" in query and parse_positive_int(query["id"]) is None:
            raise BadRequestError(f"id must be a whole number from 1 to {LARGEST}")
        if query.get("search_operator", "").lower() not in ("", "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")

    def filter_queryset(self, queryset):
        # Wagtail converts the values of boolean, integer and foreign key filters itself, and lets
        # the others (dates, times) fail inside Django.
        try:
            return super().filter_queryset(queryset)
        except ValidationError as error:
            raise BadRequestError(f"field filter error. {' '.join(error.messages)}") from error


class PublicPagesAPIViewSet(JSONInProduction, CheckedQueryString, PagesAPIViewSet):
    pass


class PublicImagesAPIViewSet(JSONInProduction, CheckedQueryString, ImagesAPIViewSet):
    def get_queryset(self):
        return used_publicly(super().get_queryset())


class PublicDocumentsAPIViewSet(JSONInProduction, CheckedQueryString, DocumentsAPIViewSet):
    def get_queryset(self):
        return used_publicly(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
