"""A number that changes whenever anything readers see may have changed: a page saved, moved or
deleted (publishing saves it), a term, organisation, image, document, language or site saved or
deleted, a page or collection made private or public again. It lives in the shared cache, so every
worker sees the same; what is cached under it (the site's chrome, fragments of pages, whole pages)
is never shown stale and needs no list of keys to forget.

It changes at once, for the process that made the change, and again when the change is committed:
a worker that read the old content before the commit cannot have cached it under the number a
reader gets afterwards."""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Locale, PageViewRestriction, Site, get_page_models
from wagtail.signals import post_page_move

from .per_request import current_request, forget_for_this_request, once_per_request

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


_kept_in_this_worker = (None, {})


def once_per_content_version(key, read):
    """``read()``, called once in this worker while the content version stays the same, for what
    every page shows and only a change of content changes (the vocabularies of terms, the restricted
    sections); every call reads afresh outside a request, as ``once_per_request``."""
    global _kept_in_this_worker
    if current_request() is None:
        return read()
    version = content_version()
    kept_version, kept = _kept_in_this_worker
    if kept_version != version:
        kept = {}
        _kept_in_this_worker = (version, kept)
    if key not in kept:
        kept[key] = read()
    return kept[key]


def age_in_seconds():
    """How long ago the content last changed (the version is the moment it did)."""
    return (time.time_ns() - content_version()) / 1e9


def _new_version():
    cache.set(CACHE_KEY, time.time_ns(), timeout=None)
    forget_for_this_request(CACHE_KEY)


# What Wagtail fills in on an image or document the first time a page shows its size or a download
# checks it: saved while a page is being built, and nothing a reader would see change.
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def content_changed(update_fields=None, **kwargs):
    if update_fields and BOOKKEEPING_FIELDS.issuperset(update_fields):
        return
    _new_version()
    transaction.on_commit(_new_version)


def connect():
    from .models import Country, MaterialFormat, Organisation, Theme

    models = [
        *get_page_models(),
        *(Theme, Country, MaterialFormat, Organisation),
        *(get_image_model(), get_document_model(), Locale, Site),
        *(PageViewRestriction, CollectionViewRestriction),
    ]
    for model in models:
        label = model._meta.label
        post_save.connect(content_changed, sender=model, dispatch_uid=f"content-saved-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-deleted-{label}")
    post_page_move.connect(content_changed, dispatch_uid="content-page-moved")
