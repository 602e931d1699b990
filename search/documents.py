"""What each page type puts in the search index: one document class per page type.

A document class names its page model and its type in the index, the relations a document reads
(many-to-many ones are read for a whole batch of pages when rebuilding), the organisation and
taxonomy names it carries (so editing one of them updates the pages showing it), and the paths the
database fallback filters years and facets on. The page models know nothing of it; Wagtail's own
``search_fields`` stay on them for the admin search and the database fallback.
"""

import html
import re

from django.conf import settings
from wagtail.models import Site

from practices.language_versions import reading_order
from practices.models import (
    Country,
    GoodPracticePage,
    LearningPathPage,
    MaterialFormat,
    Organisation,
    Theme,
    TrainingMaterialPage,
    WorkshopPage,
)

from .glossary import indexed_forms

BLOCK_BOUNDARY = re.compile(r"<(?:/p|br|/li|/h[1-6]|/blockquote)\b[^>]*>")
TAG = re.compile(r"<[^>]*>")


def reading_ranks(language_code):
    """{reader: where a page in ``language_code`` stands in that reader's reading order}, the
    readers' languages not reading it last: what chooses the version of a result a reader gets
    (``query.reader_version``)."""
    ranks = {}
    for reader, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        order = reading_order(reader)
        ranks[reader] = order.index(language_code) if language_code in order else len(order)
    return ranks


def text_of(value):
    """Plain text of rich text or a plain value; block boundaries become spaces.

    Rich text here is Wagtail's own well-formed markup, so a pattern is enough (and many times
    faster than an HTML parser, which matters when rebuilding).
    """
    spaced = BLOCK_BOUNDARY.sub(" ", str(value or ""))
    return " ".join(html.unescape(TAG.sub("", spaced)).split())


class Relations:
    """A page's many-to-many relations as lists: those read for a batch of pages at once
    (``given``), the others read from the database when first asked for."""

    def __init__(self, page, given=None):
        self.page = page
        self.lists = dict(given or {})

    def __getitem__(self, name):
        if name not in self.lists:
            self.lists[name] = list(getattr(self.page, name).all())
        return self.lists[name]


class LocalizedNames:
    """Organisation and theme names in every language, read once for a batch of documents."""

    def __init__(self):
        self.names = {}
        self.every_language = {}
        for model in (Organisation, Theme):
            for key, locale_id, name in model.objects.values_list("translation_key", "locale_id", "name"):
                self.names[model, str(key), locale_id] = name
                self.every_language.setdefault((model, str(key)), set()).add(name)

    def __call__(self, snippet, locale):
        return self.names.get((type(snippet), str(snippet.translation_key), locale.pk), snippet.name)

    def in_every_language(self, snippet):
        return sorted(self.every_language.get((type(snippet), str(snippet.translation_key)), {snippet.name}))


class PageUrls:
    """``page.get_url()`` for a batch of pages with the sites' root paths read once: Wagtail keeps
    them on the object given to ``get_url_parts``, which need not be a request."""

    def __init__(self):
        self.single_site = len({root.site_id for root in Site.get_site_root_paths()}) == 1

    def __call__(self, page):
        parts = page.get_url_parts(request=self)
        if parts is None or parts[2] is None:
            return None
        _site_id, root_url, page_path = parts
        return page_path if self.single_site else root_url + page_path


class PageDocument:
    """What every indexed page type shares: its owner, its themes, its title and summary."""

    model = None
    type = ""
    # Relations a document reads, foreign keys and many-to-many.
    related = ["organisation", "themes"]
    # Snippet → the relations through which the document shows its name (or its slug).
    names = {Organisation: ["organisation"], Theme: ["themes"], Country: ["organisation__country"]}
    # The fields a year range is filtered on (start, end), or None when the type has no years.
    year_fields = None
    # Facet → the path of its value on the page, for the database fallback.
    facet_paths = {
        "theme": "themes__slug",
        "organisation": "organisation__slug",
        "language": "locale__language_code",
        "country": "organisation__country__slug",
    }

    def with_related(self, pages):
        """``pages`` with what their documents and facets read loaded alongside, a query per
        relation rather than per page."""
        fields = [pages.model._meta.get_field(name) for name in self.related]
        return pages.select_related(
            "locale", "organisation__country", *(field.name for field in fields if not field.many_to_many)
        ).prefetch_related(*(field.name for field in fields if field.many_to_many))

    def body_parts(self, page, relations):
        """The texts of the page beyond its title and summary (rich text or plain)."""
        return []

    def facets(self, page, relations):
        """Facet values and years of the page; ``partners`` as organisations (the builder adds
        their names)."""
        return {"countries": [page.organisation.country.slug] if page.organisation else []}

    def build(self, page, relations=None, names=None, urls=None):
        """The search document of one live page of this type."""
        relations = relations or Relations(page)
        names = names or LocalizedNames()
        urls = urls or PageUrls()
        locale = page.locale
        organisation = page.organisation
        themes = relations["themes"]
        source = {
            "_id": str(page.pk),
            "page_id": page.pk,
            "translation_key": str(page.translation_key),
            "locale": locale.language_code,
            "reading_rank": reading_ranks(locale.language_code),
            "type": self.type,
            "url": urls(page),
            "title": page.title,
            "summary": page.summary,
            "body": " ".join(text_of(part) for part in self.body_parts(page, relations)),
            "organisation": organisation.slug if organisation else None,
            "organisation_name": names(organisation, locale) if organisation else "",
            "themes": [theme.slug for theme in themes],
            "theme_names": [name for theme in themes for name in names.in_every_language(theme)],
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at,
        }
        words = " ".join([page.title, page.summary, source["body"]])
        source["concepts"], source["lemmas"] = indexed_forms(words, locale.language_code)
        source.update(self.facets(page, relations))
        if "partners" in source:
            partners = source.pop("partners")
            source["partners"] = [partner.slug for partner in partners]
            source["partner_names"] = [names(partner, locale) for partner in partners]
        return source


class PracticeDocument(PageDocument):
    model = GoodPracticePage
    type = "practice"
    related = [*PageDocument.related, "countries", "partners"]
    names = {Organisation: ["organisation", "partners"], Theme: ["themes"], Country: ["countries"]}
    year_fields = ("start_year", "end_year")
    facet_paths = {**PageDocument.facet_paths, "country": "countries__slug"}

    def body_parts(self, page, relations):
        # Stored block data: converting the blocks would look up every image and document.
        captions = [
            block["value"].get("caption") or block["value"].get("title") for block in page.media.raw_data
        ]
        return [
            page.context,
            page.approach,
            page.results,
            page.lessons,
            page.transferability,
            page.team_size,
            page.funding_sources,
            *captions,
        ]

    def facets(self, page, relations):
        return {
            "countries": [country.slug for country in relations["countries"]],
            "partners": relations["partners"],
            "year_from": page.start_year,
            "year_to": page.end_year,
        }


class MaterialDocument(PageDocument):
    model = TrainingMaterialPage
    type = "material"
    related = [*PageDocument.related, "material_format", "languages"]
    names = {**PageDocument.names, MaterialFormat: ["material_format"]}
    year_fields = ("published_year", "published_year")
    facet_paths = {**PageDocument.facet_paths, "format": "material_format__slug"}

    def body_parts(self, page, relations):
        outcomes = [block["value"] for block in page.learning_outcomes.raw_data]
        return [page.audience, page.description, *outcomes, page.authors]

    def facets(self, page, relations):
        return {
            **super().facets(page, relations),
            "format": page.material_format.slug,
            "level": page.level,
            "languages": [locale.language_code for locale in relations["languages"]],
            "year_from": page.published_year,
            "year_to": page.published_year,
        }


class WorkshopDocument(PageDocument):
    model = WorkshopPage
    type = "workshop"
    related = [*PageDocument.related, "partners"]
    names = {**PageDocument.names, Organisation: ["organisation", "partners"]}
    year_fields = ("starts_on__year", "ends_on__year")

    def body_parts(self, page, relations):
        # Stored block data: converting the sessions would look up every page and document they link.
        sessions = [
            text
            for block in page.agenda.raw_data
            for text in (block["value"].get("title"), block["value"].get("description"))
        ]
        return [
            page.audience,
            page.facilitators,
            page.place,
            *(block["value"] for block in page.objectives.raw_data),
            *sessions,
        ]

    def facets(self, page, relations):
        return {
            **super().facets(page, relations),
            "partners": relations["partners"],
            "level": page.level,
            "year_from": page.starts_on.year if page.starts_on else None,
            "year_to": page.ends_on.year if page.ends_on else None,
        }


class PathDocument(PageDocument):
    model = LearningPathPage
    type = "path"

    def body_parts(self, page, relations):
        return [page.compiled_by, page.steps_text()]


DOCUMENTS = [PracticeDocument(), MaterialDocument(), WorkshopDocument(), PathDocument()]
_BY_MODEL = {document.model: document for document in DOCUMENTS}


def indexed_models():
    """The page types that appear in the knowledge search."""
    return [document.model for document in DOCUMENTS]


def document_for(model_or_page):
    """The document class of a page type or page; None for a type that is not indexed."""
    model = model_or_page if isinstance(model_or_page, type) else type(model_or_page)
    return _BY_MODEL.get(model)


def named_snippets():
    """The organisation and taxonomy models whose names (or slugs) documents carry."""
    return list(dict.fromkeys(model for document in DOCUMENTS for model in document.names))


def document(page, relations=None, names=None, urls=None):
    """The search document of one live page of an indexed type."""
    return document_for(page).build(page, relations, names, urls)
