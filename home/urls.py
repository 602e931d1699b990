"""Wagtail's public URLs, with its serve view replaced by the one that starts from the kept site and
home page (routing.py); the same address pattern and name, so every page's URL is as Wagtail makes it."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from . import routing

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]
