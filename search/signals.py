"""Keep the search index in step: publish, unpublish, delete, move, privacy and snippet changes,
and the learning paths leading to a page whose title or summary changed (their documents, and
their entries in the database's own index, carry them).

Updates run after the transaction commits, so the index never sees an edit that was rolled
back; engine failures end in the backlog, never in the editor's face (see ``indexing.py``).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import LearningPathPage
from practices.models.paths import paths_leading_to

from . import engine
from .backends import forget_facet_labels
from .documents import document_for, indexed_models, named_snippets
from .indexing import pages_naming, update_pages


def _later(page_ids):
    page_ids = list(page_ids)
    if engine.configured() and page_ids:
        transaction.on_commit(lambda: update_pages(page_ids))


def _paths_leading_to(page):
    """The learning paths leading to ``page`` (itself named by id, for a page just deleted), each
    put again in the database's own index now."""
    path_ids = paths_leading_to([page.translation_key], [page.pk])
    for path in LearningPathPage.objects.filter(pk__in=path_ids).select_related("locale"):
        insert_or_update_object(path)
    return path_ids


def page_changed(sender, instance, **kwargs):
    if document_for(instance):
        _later([instance.pk, *_paths_leading_to(instance)])


def page_deleted(sender, instance, **kwargs):
    _later([instance.pk, *_paths_leading_to(instance)])


def subtree_changed(sender, instance, **kwargs):
    _later(Page.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True))


def restriction_changed(sender, instance, **kwargs):
    subtree_changed(sender, instance.page)


def snippet_changed(sender, instance, **kwargs):
    forget_facet_labels()
    _later(pages_naming(sender, instance.translation_key))


def connect():
    page_published.connect(page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="search-page-unpublished")
    for model in indexed_models():
        post_delete.connect(page_deleted, sender=model, dispatch_uid=f"search-page-deleted-{model.__name__}")
    post_page_move.connect(subtree_changed, dispatch_uid="search-page-moved")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search-privacy-saved")
    post_delete.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search-privacy-deleted"
    )
    for model in named_snippets():
        post_save.connect(snippet_changed, sender=model, dispatch_uid=f"search-snippet-{model.__name__}")
