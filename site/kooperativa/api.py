"""Wagtail's read API at /api/v2/, limited to what a visitor can already see on the site.

Pages: Wagtail's own endpoint lists live, public pages only. Documents and images: only those a
live, public page uses (Wagtail's reference index knows which), and organisation logos, which
every organisation's public profile shows; never an upload attached to nothing or to a draft.
The browsable HTML renderer is for development; production answers in JSON only.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.functional import classproperty
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from practices.models import Organisation


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


class PublicPagesAPIViewSet(JSONInProduction, PagesAPIViewSet):
    pass


class PublicImagesAPIViewSet(JSONInProduction, ImagesAPIViewSet):
    def get_queryset(self):
        return used_publicly(super().get_queryset())


class PublicDocumentsAPIViewSet(JSONInProduction, DocumentsAPIViewSet):
    def get_queryset(self):
        return used_publicly(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
