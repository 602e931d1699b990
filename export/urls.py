from django.urls import path, register_converter

from practices.models import LISTINGS_BY_KIND

from . import views


class FileFormat:
    regex = "csv|jsonl"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class Listing:
    regex = "|".join(LISTINGS_BY_KIND)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FileFormat, "file_format")
register_converter(Listing, "listing")

urlpatterns = [
    path("search.<file_format:file_format>", views.search_export, name="export_search"),
    path("<listing:kind>.<file_format:file_format>", views.listing_export, name="export_listing"),
]
