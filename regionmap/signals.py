"""The map's counts are read again as soon as what they count may have changed."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import Organisation
from search.documents import indexed_models

from .region import forget_counts


def counts_changed(sender, **kwargs):
    forget_counts()


def connect():
    page_published.connect(counts_changed, dispatch_uid="regionmap-page-published")
    page_unpublished.connect(counts_changed, dispatch_uid="regionmap-page-unpublished")
    post_page_move.connect(counts_changed, dispatch_uid="regionmap-page-moved")
    for model in indexed_models():
        post_delete.connect(counts_changed, sender=model, dispatch_uid=f"regionmap-deleted-{model.__name__}")
    # A practice's country is its own; the other types' is their organisation's.
    post_save.connect(counts_changed, sender=Organisation, dispatch_uid="regionmap-organisation-saved")
