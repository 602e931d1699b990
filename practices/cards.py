"""What a list of cards shows besides each page's own fields, read for the whole list at once: its
image and renditions (practices/images.py), its themes, language and organisation. A list of any
length then costs the same few queries (a list of pages already read takes its language and
organisation from the vocabularies, practices/vocabularies.py); each card's terms in the reader's
language come from the terms read once per content version (practices/language_versions.py)."""

from django.db.models import QuerySet, prefetch_related_objects
from wagtail import hooks

from .images import with_images
from .vocabularies import take_from_vocabularies


def for_cards(pages, *related, images=True):
    """``pages`` (a queryset, or a list of pages of one type) with what their cards show fetched in
    bulk; ``related`` names more foreign keys to select (a material's ``material_format``). Read
    with ``images=False``, the cards' pictures are left to be read together with other pages' (one
    ``with_images`` for a page and all the cards it shows)."""
    if isinstance(pages, QuerySet):
        pages = pages.select_related("locale", "organisation", *related).prefetch_related("themes")
        return with_images(pages) if images else pages
    take_from_vocabularies(pages, "locale", "organisation", *related)
    prefetch_related_objects(pages, "themes")
    return with_images(pages) if images else pages


def similar_pages(page, size=4):
    """Pages like ``page`` in its language, for its "similar" cards, from the app that registered
    the ``similar_pages`` hook (the search, search/wagtail_hooks.py; practices do not import it);
    none without one."""
    finders = hooks.get_hooks("similar_pages")
    return finders[0](page, size) if finders else []
