"""What a list of cards shows besides each page's own fields, read for the whole list at once: its
image and renditions (practices/images.py), its themes, language and organisation. A list of any
length then costs the same few queries; each card's terms in the reader's language come from the
request's term versions (practices/language_versions.py)."""

from django.db.models import QuerySet, prefetch_related_objects

from .images import with_images


def for_cards(pages, *related):
    """``pages`` (a queryset, or a list of pages of one type) with what their cards show fetched in
    bulk; ``related`` names more foreign keys to select (a material's ``material_format``)."""
    if isinstance(pages, QuerySet):
        return with_images(
            pages.select_related("locale", "organisation", *related).prefetch_related("themes")
        )
    prefetch_related_objects(pages, "locale", "organisation", "themes", *related)
    return with_images(pages)
