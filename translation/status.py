"""Translation status: every translatable page and snippet × every locale, for the admin.

Each cell is one of

* ``source`` — the object was written in this locale and the others are translated from it;
* ``translated`` — a translation exists and is up to date;
* ``outdated`` — a translation exists but no longer matches its source: the source changed
  after the translation was last synced, or the source was synced and some of its strings
  still have no (error-free) translation in this locale;
* ``missing`` — there is no translation in this locale (an alias page, which only shows the
  source, counts as missing too).

How "the source changed after the last sync" is detected
--------------------------------------------------------
wagtail-localize keeps, per source object, a ``TranslationSource`` whose ``content_json`` is the
serialised source as it was when it was last extracted (on submission, or with "Sync translated
pages/snippets") and ``last_updated_at`` is when that happened. A sync extracts the source from
its database row, i.e. for pages the *live* content, not a draft. The report therefore asks the
same question a sync would answer: would extracting the source now give different content for
the fields wagtail-localize translates or synchronises (``get_translatable_fields``)? It
compares a fresh serialisation of those fields with ``content_json`` (the same comparison
``TranslationSource.update_or_create_from_instance`` makes before it re-extracts).

* Snippets have no revisions and no timestamps, so every snippet source is compared. They are
  few and small, and their many-to-many fields are prefetched: a fixed number of queries.
* Pages are compared only when a timestamp says their row may have changed since
  ``last_updated_at``: ``last_published_at`` (publishing writes the live content into the row),
  the latest revision's ``created_at`` or ``latest_revision_created_at``. Timestamps alone
  would be wrong both ways — a publish without changes, or changes only to fields that are not
  translated, would read "outdated" for ever (``update_or_create_from_instance`` does not touch
  ``last_updated_at`` when nothing changed), and a draft saved after the sync is not what a sync
  would take. The timestamp is a cheap filter, the content decides. Only candidates are loaded.

Lists of primary keys (many-to-many fields) are compared as sets, so a changed ordering of a
related model does not count as a change, and StreamField JSON is compared parsed (PostgreSQL
stores it as jsonb, which reorders keys). A field missing from an old ``content_json`` (the
model gained a field) does not count either: wagtail-localize reports schema changes itself.

"Strings still untranslated" uses the same test as ``Translation.get_progress()`` (a
``StringSegment`` of the source without an error-free ``StringTranslation`` in the target
locale and context), computed for every translation in one query.

Who sees what
-------------
Everyone with admin access may open the report, and sees the objects they may edit: pages on
which Wagtail's page permissions give them "change" in at least one locale (an organisation's
editors: its profile page, practices and materials in every language) and snippets whose
``change`` permission they hold (moderators: organisations and taxonomies). Moderators and
superusers see everything. This follows the hub's rule that Wagtail's own permissions decide
who may edit what (README, "Who may edit what"), so the links in the report lead only to
editors the user may open. Actions that create or sync translations are offered only with
wagtail-localize's ``submit_translation`` permission.

Queries
-------
A fixed number for the whole site (about a dozen, plus a few per page type that has a source
changed since its last sync), not one per object or cell.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel, get_all_child_relations, get_serializable_data_for_fields
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page, get_page_models, get_translatable_models
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from practices.language_versions import content_language
from practices.models import Organisation

SOURCE = "source"
TRANSLATED = "translated"
OUTDATED = "outdated"
MISSING = "missing"
STATUSES = (SOURCE, TRANSLATED, OUTDATED, MISSING)
NEEDS_WORK = "needs-work"  # filter value: outdated or missing

STATUS_LABELS = {
    SOURCE: _("Source"),
    TRANSLATED: _("Translated"),
    OUTDATED: _("Outdated"),
    MISSING: _("Missing"),
}
STATUS_ICONS = {SOURCE: "pick", TRANSLATED: "circle-check", OUTDATED: "warning", MISSING: "circle-plus"}

SUBMIT_PERMISSION = "wagtail_localize.submit_translation"


# --- what is tracked ---------------------------------------------------------------------------


def page_models():
    return [model for model in get_page_models() if model is not Page]


def snippet_models():
    """Translatable models that are not pages: the organisations and taxonomies.

    They are counted whether or not they are registered as snippets; links to their editors and
    to wagtail-localize's actions exist only for registered ones.
    """
    models = [model for model in get_translatable_models() if not issubclass(model, Page)]
    return sorted(models, key=lambda model: str(model._meta.verbose_name).casefold())


def is_registered_snippet(model):
    return model in get_snippet_models()


def type_key(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def type_label(model):
    return capfirst(model._meta.verbose_name)


def can_view_translation_status(user):
    """Whether the user has anything to see in the report (see the module docstring)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if PagePermissionPolicy().user_has_permission(user, "change"):
        return True
    return any(user.has_perm(_change_permission(model)) for model in snippet_models())


def _change_permission(model):
    return f"{model._meta.app_label}.change_{model._meta.model_name}"


# --- the result --------------------------------------------------------------------------------


@dataclass
class Cell:
    locale: Locale
    status: str
    url: str = ""
    note: str = ""
    instance_id: int | None = None

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def icon(self):
        return STATUS_ICONS[self.status]

    @property
    def action(self):
        if not self.url:
            return ""
        if self.status == MISSING:
            return _("Translate")
        if self.status == SOURCE:
            return _("Edit the source")
        return _("Open the translation editor")

    @property
    def description(self):
        """The whole cell in words, for a title or a screen reader."""
        parts = [f"{self.locale.get_display_name()}: {self.label}"]
        if self.note:
            parts.append(str(self.note))
        if self.action:
            parts.append(str(self.action))
        return " — ".join(parts)


@dataclass
class Row:
    object: object  # the source: a (non-specific) Page or a snippet instance
    model: type
    title: str
    source_locale: Locale
    organisation: Organisation | None
    cells: list[Cell]
    edit_url: str = ""
    sync_url: str = ""
    source_changed: bool = False
    sort_key: tuple = ()

    @property
    def type_key(self):
        return type_key(self.model)

    @property
    def type_label(self):
        return type_label(self.model)

    @property
    def organisation_name(self):
        return self.organisation.name if self.organisation else ""

    @property
    def organisation_slug(self):
        return self.organisation.slug if self.organisation else ""

    @property
    def source_locale_code(self):
        return self.source_locale.language_code

    def cell(self, language_code):
        for cell in self.cells:
            if cell.locale.language_code == language_code:
                return cell
        return None

    @property
    def status_by_locale(self):
        """{language code: status label}, for the spreadsheet export."""
        return {
            cell.locale.language_code: f"{cell.label} ({cell.note})" if cell.note else str(cell.label)
            for cell in self.cells
        }

    def __str__(self):
        return self.title


@dataclass
class TranslationStatus:
    rows: list[Row]
    locales: list[Locale]
    organisation_choices: list[tuple[str, str]] = field(default_factory=list)
    type_choices: list[tuple[str, str]] = field(default_factory=list)

    @cached_property
    def counts(self):
        """{language code: {status: number}} over the rows and locales shown."""
        counts = {locale.language_code: dict.fromkeys(STATUSES, 0) for locale in self.locales}
        for row in self.rows:
            for cell in row.cells:
                counts[cell.locale.language_code][cell.status] += 1
        return counts

    @cached_property
    def totals(self):
        totals = Counter()
        for per_locale in self.counts.values():
            totals.update(per_locale)
        return {status: totals[status] for status in STATUSES}

    @property
    def summary(self):
        """One line per status: (status, label, icon, [(locale, number)], total), for templates."""
        return [
            (
                status,
                STATUS_LABELS[status],
                STATUS_ICONS[status],
                [(locale, self.counts[locale.language_code][status]) for locale in self.locales],
                self.totals[status],
            )
            for status in STATUSES
        ]

    @property
    def locale_counts(self):
        """[(locale, {status: number})] in the order of the locales, for templates."""
        return [(locale, self.counts[locale.language_code]) for locale in self.locales]

    def filter(self, organisation=None, type=None, locale=None, status=None):
        locales = self.locales
        if locale:
            locales = [item for item in self.locales if item.language_code == locale]
        codes = {item.language_code for item in locales}
        rows = []
        for row in self.rows:
            if organisation and row.organisation_slug != organisation:
                continue
            if type and row.type_key != type:
                continue
            cells = [cell for cell in row.cells if cell.locale.language_code in codes]
            if status == NEEDS_WORK:
                if not any(cell.status in (OUTDATED, MISSING) for cell in cells):
                    continue
            elif status and not any(cell.status == status for cell in cells):
                continue
            rows.append(row if len(cells) == len(row.cells) else _replace_cells(row, cells))
        return TranslationStatus(rows, locales, self.organisation_choices, self.type_choices)


def _replace_cells(row, cells):
    return Row(**{**row.__dict__, "cells": cells})


def translation_status(user=None, *, organisation=None, type=None, locale=None, status=None, next_url=""):
    """The status of every page and snippet the user may edit (everything when ``user`` is None).

    ``organisation`` is an organisation slug, ``type`` an ``app_label.model_name``, ``locale`` a
    language code, ``status`` one of the statuses or ``"needs-work"`` (outdated or missing).
    ``next_url`` is where "sync" sends the user back to.
    """
    report = StatusCollector(user, next_url=next_url).collect()
    return report.filter(organisation=organisation, type=type, locale=locale, status=status)


# --- building it -------------------------------------------------------------------------------


class StatusCollector:
    def __init__(self, user=None, next_url=""):
        self.user = user
        self.next_url = next_url
        self.can_translate = user is None or user.has_perm(SUBMIT_PERMISSION)

    def collect(self):
        self.locales = self.content_locales()
        self.locale_by_id = {locale.pk: locale for locale in self.locales}
        groups = self.page_groups() + self.snippet_groups()
        keys = [key for key, _model, _instances in groups]
        self.load_sources(keys)
        self.load_translations()
        self.find_changed_sources()
        self.load_organisations()
        rows = [row for row in (self.build_row(*group) for group in groups) if row is not None]
        rows.sort(key=lambda row: row.sort_key)
        organisations = {
            row.organisation.translation_key: row.organisation for row in rows if row.organisation
        }
        types = {row.model for row in rows}
        return TranslationStatus(
            rows,
            self.locales,
            organisation_choices=sorted(
                ((org.slug, org.name) for org in organisations.values()),
                key=lambda choice: choice[1].casefold(),
            ),
            type_choices=[
                (type_key(model), type_label(model)) for model in self.ordered_models if model in types
            ],
        )

    # locales and models

    def content_locales(self):
        order = list(get_content_languages())
        locales = [locale for locale in Locale.objects.all() if locale.language_code in order]
        return sorted(locales, key=lambda locale: order.index(locale.language_code))

    @cached_property
    def ordered_models(self):
        """Page types from the top of the tree down (home, listings, profiles, knowledge), then the rest."""
        pages = sorted(
            self.page_depths, key=lambda model: (self.page_depths[model], str(type_label(model)).casefold())
        )
        return pages + snippet_models()

    def model_order(self, model):
        try:
            return self.ordered_models.index(model)
        except ValueError:
            return len(self.ordered_models)

    # pages

    @cached_property
    def organisation_lookups(self):
        """Page.objects lookups that reach the organisation of a page, one per page type that has one."""
        lookups = []
        for model in page_models():
            try:
                organisation_field = model._meta.get_field("organisation")
            except FieldDoesNotExist:
                continue
            if organisation_field.related_model is Organisation and model._meta.get_parent_list() == [Page]:
                lookups.append(f"{model._meta.model_name}__organisation_id")
        return lookups

    def page_groups(self):
        pages = Page.objects.filter(depth__gt=1, locale_id__in=self.locale_by_id)
        if self.user is not None and not self.user.is_superuser:
            editable = PagePermissionPolicy().instances_user_has_any_permission_for(self.user, ["change"])
            pages = pages.filter(translation_key__in=editable.values("translation_key"))
        pages = pages.annotate(
            latest_revision_at=F("latest_revision__created_at"),
            **{
                f"_organisation_{number}": F(lookup)
                for number, lookup in enumerate(self.organisation_lookups)
            },
        ).order_by("path")
        groups = defaultdict(list)
        self.pages_by_key_locale = {}
        for page in pages:
            organisations = (
                getattr(page, f"_organisation_{number}") for number in range(len(self.organisation_lookups))
            )
            page.organisation_id_any = next((pk for pk in organisations if pk is not None), None)
            groups[page.translation_key].append(page)
            self.pages_by_key_locale[(page.translation_key, page.locale_id)] = page
        result = []
        self.page_depths = {}
        for key, instances in groups.items():
            model = _model_for(instances[0].content_type_id) or Page
            self.page_depths[model] = min(self.page_depths.get(model, instances[0].depth), instances[0].depth)
            result.append((key, model, instances))
        return result

    # snippets

    def snippet_groups(self):
        result = []
        self.snippets_loaded = defaultdict(dict)  # model -> {(translation key, locale id): instance}
        for model in snippet_models():
            if self.user is not None and not self.user.has_perm(_change_permission(model)):
                continue
            instances = model._default_manager.filter(locale_id__in=self.locale_by_id).prefetch_related(
                *prefetchable_relations(model)
            )
            groups = defaultdict(list)
            for instance in instances.order_by("pk"):
                groups[instance.translation_key].append(instance)
                self.snippets_loaded[model][(instance.translation_key, instance.locale_id)] = instance
            result.extend((key, model, members) for key, members in groups.items())
        return result

    # wagtail-localize records

    def load_sources(self, keys):
        self.sources_by_key = defaultdict(dict)
        self.sources = {}
        for source in TranslationSource.objects.filter(object_id__in=keys).defer("content_json"):
            self.sources_by_key[source.object_id][source.locale_id] = source
            self.sources[source.pk] = source

    def load_translations(self):
        segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
        untranslated = segments.filter(
            ~Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    context_id=OuterRef("context_id"),
                    locale_id=OuterRef(OuterRef("target_locale_id")),
                    has_error=False,
                )
            )
        )
        translations = Translation.objects.filter(source_id__in=self.sources).annotate(
            total_strings=Coalesce(_count(segments), 0),
            untranslated_strings=Coalesce(_count(untranslated), 0),
        )
        # (translation key, target locale id) -> the translation; an enabled one wins.
        self.translations = {}
        self.translation_count = Counter()
        for translation in translations.order_by("enabled", "created_at"):
            source = self.sources[translation.source_id]
            self.translations[(source.object_id, translation.target_locale_id)] = translation
            if translation.enabled:
                self.translation_count[source.pk] += 1

    def find_changed_sources(self):
        """The ids of the sources whose object would extract differently now (see the docstring)."""
        self.changed_sources = set()
        snippet_types = set(snippet_models())
        candidates = {}
        for source in self.sources.values():
            model = _model_for(source.specific_content_type_id)
            if model is None:
                continue
            is_page = issubclass(model, Page)
            if (is_page and self.page_changed_since(source)) or (not is_page and model in snippet_types):
                candidates[source.pk] = model
        if not candidates:
            return
        stored = dict(TranslationSource.objects.filter(pk__in=candidates).values_list("pk", "content_json"))
        by_model = defaultdict(list)
        for source_id, model in candidates.items():
            by_model[model].append(self.sources[source_id])
        for model, sources in by_model.items():
            fresh = self.current_instances(model, sources)
            for source in sources:
                instance = fresh.get((source.object_id, source.locale_id))
                if instance is not None and content_differs(instance, stored[source.pk]):
                    self.changed_sources.add(source.pk)

    def page_changed_since(self, source):
        page = self.pages_by_key_locale.get((source.object_id, source.locale_id))
        if page is None:
            return False
        moments = [page.last_published_at, page.latest_revision_created_at, page.latest_revision_at]
        return any(moment and moment > source.last_updated_at for moment in moments)

    def current_instances(self, model, sources):
        """The source objects as they are now, with everything their serialisation needs prefetched."""
        if model in self.snippets_loaded:
            return self.snippets_loaded[model]  # loaded above, with the same prefetching
        if issubclass(model, Page):
            ids = [self.pages_by_key_locale[(source.object_id, source.locale_id)].pk for source in sources]
            queryset = model._default_manager.filter(pk__in=ids)
        else:
            wanted = Q()
            for source in sources:
                wanted |= Q(translation_key=source.object_id, locale_id=source.locale_id)
            queryset = model._default_manager.filter(wanted)
        queryset = queryset.prefetch_related(*prefetchable_relations(model))
        return {(instance.translation_key, instance.locale_id): instance for instance in queryset}

    def load_organisations(self):
        self.organisations_by_pk = {}
        self.organisations = defaultdict(dict)
        if Organisation in self.snippets_loaded:
            organisations = self.snippets_loaded[Organisation].values()
        else:
            organisations = Organisation.objects.filter(locale_id__in=self.locale_by_id).order_by("pk")
        for organisation in organisations:
            self.organisations_by_pk[organisation.pk] = organisation
            self.organisations[organisation.translation_key][organisation.locale_id] = organisation

    @cached_property
    def active_locale(self):
        """The locale of the admin's interface language, to name organisations in it."""
        code = content_language(get_language())
        return next((locale for locale in self.locales if locale.language_code == code), None)

    def organisation_for(self, model, source_instance):
        """The organisation the object belongs to, named in the interface language when it can be."""
        if model is Organisation:
            key = source_instance.translation_key
        else:
            organisation = self.organisations_by_pk.get(getattr(source_instance, "organisation_id_any", None))
            if organisation is None:
                return None
            key = organisation.translation_key
        instances = self.organisations.get(key) or {}
        if self.active_locale and self.active_locale.pk in instances:
            return instances[self.active_locale.pk]
        return next(iter(instances.values()), None)

    # rows

    def build_row(self, key, model, instances):
        is_page = issubclass(model, Page)
        by_locale = {instance.locale_id: instance for instance in instances}
        real = {
            locale_id: instance
            for locale_id, instance in by_locale.items()
            if not (is_page and instance.alias_of_id)
        }
        if not real:
            return None
        sources = {
            locale_id: source
            for locale_id, source in self.sources_by_key.get(key, {}).items()
            if locale_id in real
        }
        if sources:
            primary = max(
                sources.values(),
                key=lambda source: (self.translation_count[source.pk], -source.created_at.timestamp()),
            )
            source_locale_id = primary.locale_id
        else:
            primary = None
            source_locale_id = min(real.values(), key=lambda instance: instance.pk).locale_id
        source_instance = real[source_locale_id]
        source_changed = primary is not None and primary.pk in self.changed_sources

        cells = []
        for locale in self.locales:
            cells.append(self.build_cell(key, model, locale, source_locale_id, source_instance, by_locale))

        sync_url = ""
        if (
            source_changed
            and self.can_translate
            and self.translation_count[primary.pk]
            and edit_url(source_instance)
        ):
            sync_url = reverse("wagtail_localize:update_translations", args=[primary.pk])
            if self.next_url:
                sync_url += "?" + urlencode({"next": self.next_url})
        title = source_instance.get_admin_display_title() if is_page else str(source_instance)
        return Row(
            object=source_instance,
            model=model,
            title=title,
            source_locale=self.locale_by_id[source_locale_id],
            organisation=self.organisation_for(model, source_instance),
            cells=cells,
            edit_url=edit_url(source_instance),
            sync_url=sync_url,
            source_changed=source_changed,
            sort_key=(self.model_order(model), title.casefold(), str(key)),
        )

    def build_cell(self, key, model, locale, source_locale_id, source_instance, by_locale):
        instance = by_locale.get(locale.pk)
        if locale.pk == source_locale_id:
            return Cell(locale, SOURCE, url=edit_url(instance), instance_id=instance.pk)
        if instance is None or getattr(instance, "alias_of_id", None):
            url = submit_url(source_instance, locale) if self.can_translate else ""
            note = _("alias of the source") if instance is not None else ""
            return Cell(locale, MISSING, url=url, note=note)
        translation = self.translations.get((key, locale.pk))
        if translation is None or not translation.enabled:
            # Made without wagtail-localize, or its synced translation was stopped: edited on its own.
            return Cell(
                locale, TRANSLATED, url=edit_url(instance), note=_("not synced"), instance_id=instance.pk
            )
        notes = []
        if translation.source_id in self.changed_sources:
            notes.append(str(_("source changed")))
        if translation.untranslated_strings:
            notes.append(
                ngettext(
                    "%(count)s string untranslated",
                    "%(count)s strings untranslated",
                    translation.untranslated_strings,
                )
                % {"count": translation.untranslated_strings}
            )
        status = OUTDATED if notes else TRANSLATED
        return Cell(locale, status, url=edit_url(instance), note=", ".join(notes), instance_id=instance.pk)


def _model_for(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model_class()


def _count(queryset):
    return Subquery(
        queryset.order_by().values("source_id").annotate(number=Count("pk")).values("number")[:1],
        output_field=IntegerField(),
    )


def prefetchable_relations(model):
    if not issubclass(model, ClusterableModel):
        return []
    relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    relations += [
        model_field.name
        for model_field in model._meta.get_fields()
        if isinstance(model_field, ParentalManyToManyField)
    ]
    return relations


def serialised_fields(instance):
    """The fields a sync would carry over, serialised the way ``TranslationSource.content_json`` is."""
    if isinstance(instance, ClusterableModel):
        data = instance.serializable_data()
    else:
        data = get_serializable_data_for_fields(instance)
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    names = {translatable.field_name for translatable in get_translatable_fields(type(instance))}
    return {name: _normalise(value) for name, value in data.items() if name in names}


def content_differs(instance, content_json):
    stored = json.loads(content_json)
    current = serialised_fields(instance)
    return any(name in stored and _normalise(stored[name]) != value for name, value in current.items())


def _normalise(value):
    """Make equal content compare equal.

    StreamFields serialise to a JSON string whose key order depends on where the value came from
    (PostgreSQL's jsonb reorders keys), so such strings are compared parsed; lists of primary keys
    (many-to-many fields) are compared as sets.
    """
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return _normalise(json.loads(value))
        except ValueError:
            return value
    if isinstance(value, list) and all(isinstance(item, int | str) for item in value):
        return sorted(value, key=str)
    return value


def edit_url(instance):
    if instance is None:
        return ""
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    if not is_registered_snippet(type(instance)):
        return ""
    meta = instance._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[quote(instance.pk)])


def submit_url(source_instance, locale):
    if isinstance(source_instance, Page):
        url = reverse("wagtail_localize:submit_page_translation", args=[source_instance.pk])
    elif not is_registered_snippet(type(source_instance)):
        return ""
    else:
        meta = source_instance._meta
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, quote(source_instance.pk)],
        )
    return f"{url}?{urlencode({'select_locale': locale.language_code})}"
