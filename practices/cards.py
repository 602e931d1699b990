"""What a list of cards shows besides each page's own fields, read for the whole list at once: its
image and renditions (practices/images.py), its themes, language and organisation. A list of any
length then costs the same few queries (a list of pages already read takes its language and
organisation from the vocabularies, practices/vocabularies.py); each card's terms in the reader's
language come from the terms read once per content version (practices/language_versions.py)."""

from django.db.models import QuerySet, prefetch_related_objects

from .images import with_images
from .vocabularies import take_from_vocabularies


def for_cards(pages, *related):
    """``pages`` (a queryset, or a list of pages of one type) with what their cards show fetched in
    bulk; ``related`` names more foreign keys to select (a material's ``material_format``)."""
    if isinstance(pages, QuerySet):
        return with_images(
            pages.select_related("locale", "organisation", *related).prefetch_related("themes")
        )
    take_from_vocabularies(pages, "locale", "organisation", *related)
    prefetch_related_objects(pages, "themes")
    return with_images(pages)
