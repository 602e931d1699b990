"""The small vocabularies every page shows (the languages, themes, countries and formats, the
network's member organisations), read whole once per content version in a worker while requests are
served (practices/content_version.py), so that a page and its lists of cards take them from memory
instead of reading them for each list."""

from collections import defaultdict

from django.db.models import CharField, Value, prefetch_related_objects

from .content_version import once_per_content_version
from .per_request import current_request


def versions_in(model, language_code):
    """{translation key: version} of every term or organisation of ``model`` in the language, in the
    model's order: the reader's versions of a page's terms, and of all its cards', cost no query."""

    def read():
        queryset = model.objects.filter(locale__language_code=language_code).select_related(
            *model.read_in_bulk_with
        )
        return {version.translation_key: version for version in queryset}

    return once_per_content_version(("term-versions", model._meta.label, language_code), read)


def rows_by_id(model):
    """{id: row} of every row of a vocabulary, in every language."""
    return once_per_content_version(("rows", model._meta.label), model.objects.in_bulk)


def take_from_vocabularies(objects, *foreign_keys):
    """Sets each of ``foreign_keys`` (to vocabularies) of each of ``objects`` from its vocabulary,
    read once per content version; outside a request, reads them for ``objects`` at once."""
    if not objects:
        return
    if current_request() is None:
        prefetch_related_objects(objects, *foreign_keys)
        return
    for name in foreign_keys:
        field = type(objects[0])._meta.get_field(name)
        rows = rows_by_id(field.related_model)
        for obj in objects:
            row = rows.get(getattr(obj, field.attname))
            if row is not None:
                setattr(obj, name, row)


def take_terms_from_vocabularies(page, *relations):
    """Sets each of ``relations`` (many-to-many fields of ``page`` to vocabularies) to its terms,
    held in memory as a preview's are (modelcluster's in-memory relations): which terms, read from
    the relations' tables in one query for all of them; the terms themselves from the vocabularies.
    Outside a request, prefetched as Django prefetches them."""
    if current_request() is None:
        prefetch_related_objects([page], *relations)
        return
    fields = [type(page)._meta.get_field(name) for name in relations]
    links = [
        field.remote_field.through.objects.filter(**{field.m2m_field_name(): page.pk})
        .annotate(relation=Value(field.name, output_field=CharField()))
        .values_list("relation", field.m2m_reverse_field_name())
        for field in fields
    ]
    chosen = defaultdict(set)
    for relation, term_id in links[0].union(*links[1:], all=True):
        chosen[relation].add(term_id)
    for field in fields:
        rows = rows_by_id(field.related_model)
        setattr(page, field.name, [rows[term_id] for term_id in chosen[field.name] if term_id in rows])
