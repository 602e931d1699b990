"""A number that changes whenever anything readers see may have changed: a page saved, moved or
deleted (publishing saves it), a term, organisation, image or language saved or deleted. It lives
in the shared cache, so every worker sees the same; what is cached under it (the site's chrome,
fragments of pages) is never shown stale and needs no list of keys to forget.

It changes at once, for the process that made the change, and again when the change is committed:
a worker that read the old content before the commit cannot have cached it under the number a
reader gets afterwards."""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Locale, get_page_models
from wagtail.signals import post_page_move

from .per_request import forget_for_this_request, once_per_request

CACHE_KEY = "content-version"


def _read_version():
    version = cache.get(CACHE_KEY)
    if version is None:
        version = time.time_ns()
        cache.set(CACHE_KEY, version, timeout=None)
    return version


def content_version():
    """The content version, read from the shared cache once a request."""
    return once_per_request(CACHE_KEY, _read_version)


def _new_version():
    cache.set(CACHE_KEY, time.time_ns(), timeout=None)
    forget_for_this_request(CACHE_KEY)


def content_changed(**kwargs):
    _new_version()
    transaction.on_commit(_new_version)


def connect():
    from .models import Country, MaterialFormat, Organisation, Theme

    models = [*get_page_models(), Theme, Country, MaterialFormat, Organisation, get_image_model(), Locale]
    for model in models:
        label = model._meta.label
        post_save.connect(content_changed, sender=model, dispatch_uid=f"content-saved-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-deleted-{label}")
    post_page_move.connect(content_changed, dispatch_uid="content-page-moved")
