"""Workshops and learning paths: trainers turn the hub's practices and materials into sessions
people can run, and into routes for self-study.

A workshop's agenda is a stream of sessions; each session uses pages of the hub, handouts and
links. Start times are computed from the durations. Linked pages are shown in the reader's
language when a live translation exists; pages that were unpublished, restricted or deleted are
shown as unavailable, never as a broken link.
"""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..blocks import AgendaBlock, LearningOutcomesBlock, PathStepsBlock, SessionMethod
from ..language_versions import live_version, one_per_translation
from ..numbers import parse_positive_int
from .listing import PathFilters, WorkshopFilters
from .pages import GoodPracticePage, HubContentPage, Level, ListingPage, duration_display

DEFAULT_DAY_START = datetime.time(9, 30)


class Delivery(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


def is_public_document(document):
    return not document.collection.get_view_restrictions().exists()


def downloads(stream):
    """(title, document) for each document in a media stream that anyone may download."""
    found = []
    for block in stream:
        if block.block_type in ("document", "handout") and block.value["document"] is not None:
            document = block.value["document"]
            if is_public_document(document):
                found.append((block.value["title"] or document.title, document))
    return found


@dataclass
class LinkedItem:
    """Something a session or a path step points to, resolved for the reader."""

    kind: str  # "material", "practice", "workshop", "handout" or "link"
    title: str = ""
    url: str = ""
    summary: str = ""
    note: str = ""
    page: Page | None = None
    documents: list = field(default_factory=list)
    available: bool = True

    @property
    def kind_label(self):
        return ITEM_KIND_LABELS[self.kind]


ITEM_KIND_LABELS = {
    "material": _("Training material"),
    "practice": _("Good practice"),
    "workshop": _("Workshop"),
    "handout": _("Handout"),
    "link": _("Link"),
}


def item_kind(page):
    """What a linked page is called in agendas and paths."""
    if isinstance(page, GoodPracticePage):
        return "practice"
    if isinstance(page, WorkshopPage):
        return "workshop"
    return "material"


def resolve_page(page, note="", kind=None):
    """A linked page as the reader should see it: in their language if it is translated;
    unavailable when it was deleted, unpublished or restricted."""
    shown = live_version(page) if page is not None else None
    kind = kind or item_kind(page)
    if shown is None:
        return LinkedItem(kind, note=note, available=False)
    shown = shown.specific
    return LinkedItem(
        kind,
        title=shown.title,
        url=shown.get_url(),
        summary=getattr(shown, "summary", ""),
        note=note,
        page=shown,
        documents=shown.public_downloads() if hasattr(shown, "public_downloads") else [],
    )


def resolve_item(block):
    value = block.value
    if block.block_type in ("material", "practice"):
        return resolve_page(value["page"], value["note"], kind=block.block_type)
    if block.block_type == "handout":
        document = value["document"]
        if document is None or not is_public_document(document):
            return LinkedItem("handout", available=False)
        title = value["title"] or document.title
        return LinkedItem(
            "handout",
            title=title,
            url=document.url,
            summary=value["description"],
            documents=[(title, document)],
        )
    return LinkedItem("link", title=value["title"], url=value["url"], summary=value["description"])


@dataclass
class AgendaSlot:
    number: int
    day: int
    starts: datetime.time
    ends: datetime.time
    session: dict
    ends_after_midnight: bool = False

    @property
    def title(self):
        return self.session["title"]

    @property
    def duration(self):
        return self.session["duration"]

    @property
    def duration_display(self):
        return duration_display(self.duration)

    @property
    def method(self):
        return self.session["method"]

    @property
    def method_label(self):
        return SessionMethod(self.method).label if self.method in SessionMethod.values else ""

    @property
    def is_break(self):
        return self.method == SessionMethod.BREAK

    @property
    def description(self):
        return self.session["description"]

    @cached_property
    def items(self):
        return [resolve_item(block) for block in self.session["items"] or []]


def agenda_slots(agenda, day_starts_at):
    """The sessions with their day and start and end times, computed from the durations."""
    slots = []
    day = 1
    day_start = datetime.datetime.combine(datetime.date(2000, 1, 1), day_starts_at)
    clock = day_start
    for number, block in enumerate(agenda, start=1):
        session = block.value
        if session["starts_new_day"] and slots:
            day += 1
            day_start += datetime.timedelta(days=1)
            clock = day_start
        starts = clock
        clock += datetime.timedelta(minutes=session["duration"] or 0)
        midnight = datetime.datetime.combine(day_start.date() + datetime.timedelta(days=1), datetime.time(0))
        slots.append(AgendaSlot(number, day, starts.time(), clock.time(), session, clock > midnight))
    return slots


class WorkshopPage(RoutablePageMixin, HubContentPage):
    """A capacity-building workshop: objectives, and an agenda of sessions using the hub's content."""

    # The shared organisation, labelled for the part it plays here.
    organisation = models.ForeignKey(
        "practices.Organisation",
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    partners = ParentalManyToManyField(
        "practices.Organisation",
        verbose_name=_("co-organising organisations"),
        blank=True,
        related_name="+",
    )
    facilitators = models.CharField(
        _("facilitators"), max_length=300, blank=True, help_text=_("The people who run the sessions.")
    )
    audience = models.CharField(_("audience"), max_length=255)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    delivery = models.CharField(_("format"), max_length=20, choices=Delivery.choices)
    starts_on = models.DateField(
        _("first day"), null=True, blank=True, help_text=_("Leave empty for a workshop anyone can run.")
    )
    ends_on = models.DateField(_("last day"), null=True, blank=True, help_text=_("Leave empty for one day."))
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Town and venue, or online.")
    )
    day_starts_at = models.TimeField(_("each day starts at"), default=DEFAULT_DAY_START)
    objectives = StreamField(LearningOutcomesBlock(), verbose_name=_("learning objectives"))
    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"))

    parent_page_types = ["practices.WorkshopIndexPage"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("level"), FieldPanel("delivery")]),
                FieldPanel("audience"),
                FieldPanel("organisation"),
                FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
                FieldPanel("facilitators"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("About this workshop"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("day_starts_at")]),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("objectives"),
        FieldPanel("agenda"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("audience"),
        index.SearchField("facilitators"),
        index.FilterField("organisation"),
    ]
    api_fields = [
        *HubContentPage.api_fields,
        APIField("audience"),
        APIField("level"),
        APIField("delivery"),
        APIField("starts_on"),
        APIField("ends_on"),
        APIField("place"),
        APIField("day_starts_at"),
        APIField("facilitators"),
        APIField("objectives"),
        APIField("agenda"),
    ]
    override_translatable_fields = [
        *HubContentPage.override_translatable_fields,
        TranslatableField("audience"),
        TranslatableField("place"),
        TranslatableField("objectives"),
        TranslatableField("agenda"),
        SynchronizedField("organisation"),
        SynchronizedField("partners"),
        SynchronizedField("facilitators"),
        SynchronizedField("level"),
        SynchronizedField("delivery"),
        SynchronizedField("starts_on"),
        SynchronizedField("ends_on"),
        SynchronizedField("day_starts_at"),
    ]

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def clean(self):
        super().clean()
        if self.ends_on and not self.starts_on:
            raise ValidationError({"starts_on": _("Give the first day too, or leave both days empty.")})
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})
        late = [slot for slot in agenda_slots(self.agenda, self.day_starts_at) if slot.ends_after_midnight]
        if late:
            raise ValidationError(
                {
                    "agenda": _(
                        "Session %(number)d, “%(title)s”, would end after midnight: shorten the day "
                        "or start a new day with it."
                    )
                    % {"number": late[0].number, "title": late[0].title}
                }
            )

    def save(self, *args, **kwargs):
        if self.starts_on and not self.ends_on:
            self.ends_on = self.starts_on
        super().save(*args, **kwargs)

    @property
    def organisers(self):
        return [self.organisation.localized, *(partner.localized for partner in self.partners.all())]

    # --- the agenda --------------------------------------------------------------------------

    @cached_property
    def slots(self):
        return agenda_slots(self.agenda, self.day_starts_at)

    @property
    def days(self):
        return self.slots[-1].day if self.slots else 0

    @property
    def total_minutes(self):
        return sum(slot.duration for slot in self.slots)

    @property
    def break_minutes(self):
        return sum(slot.duration for slot in self.slots if slot.is_break)

    @property
    def total_display(self):
        return duration_display(self.total_minutes)

    @property
    def break_display(self):
        return duration_display(self.break_minutes)

    def linked_items(self):
        return [item for slot in self.slots for item in slot.items]

    # --- views -------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from ..kit import kit_contents

        context = super().get_context(request, *args, **kwargs)
        context["kit"] = kit_contents(self)
        context["path_position"] = path_position(request, self)
        context["can_duplicate"] = can_duplicate(request.user, self)
        return context

    @path("")
    def workshop(self, request):
        return self.render(request)

    @path("print/")
    def print_view(self, request):
        return render(request, "practices/workshop_print.html", {"page": self, "self": self})

    @path("kit/")
    def kit(self, request):
        from ..kit import kit_response

        return kit_response(request, self)


def can_duplicate(user, workshop):
    """Whoever may add workshops next to this one may start from a copy of it."""
    if not user.is_authenticated:
        return False
    parent = workshop.get_parent()
    return bool(parent) and parent.permissions_for_user(user).can_add_subpage()


class WorkshopIndexPage(ListingPage):
    listed_model = WorkshopPage
    filter_class = WorkshopFilters
    listing_related = ["organisation", "locale"]
    subpage_types = ["practices.WorkshopPage"]

    class Meta:
        verbose_name = _("workshop index")


# --- learning paths ----------------------------------------------------------------------------


@dataclass
class PathStep:
    number: int
    item: LinkedItem
    note: str


class LearningPathPage(HubContentPage):
    """An ordered route for self-study through materials, practices and workshops."""

    compiled_by = models.CharField(_("compiled by"), max_length=200, blank=True)
    steps = StreamField(PathStepsBlock(), verbose_name=_("steps"))

    parent_page_types = ["practices.LearningPathIndexPage"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("compiled_by")]),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("steps"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.FilterField("organisation"),
    ]
    api_fields = [*HubContentPage.api_fields, APIField("compiled_by"), APIField("steps")]
    override_translatable_fields = [
        *HubContentPage.override_translatable_fields,
        TranslatableField("steps"),
        SynchronizedField("organisation"),
        SynchronizedField("compiled_by"),
    ]

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    @cached_property
    def path_steps(self):
        return [
            PathStep(number, resolve_page(block.value["page"]), block.value["note"])
            for number, block in enumerate(self.steps, start=1)
        ]

    @property
    def total_minutes(self):
        """Time the steps take where it is known: a material's duration, a workshop's agenda."""
        pages = [step.item.page for step in self.path_steps if step.item.available]
        return sum(
            getattr(page, "duration_minutes", None) or getattr(page, "total_minutes", 0) for page in pages
        )

    @property
    def total_display(self):
        return duration_display(self.total_minutes) if self.total_minutes else ""


class LearningPathIndexPage(ListingPage):
    listed_model = LearningPathPage
    filter_class = PathFilters
    listing_related = ["organisation", "locale"]
    subpage_types = ["practices.LearningPathPage"]

    class Meta:
        verbose_name = _("learning path index")


@dataclass
class PathPosition:
    path: LearningPathPage
    step: PathStep
    previous: PathStep | None
    next: PathStep | None

    @property
    def total(self):
        return len(self.path.path_steps)


def path_position(request, page):
    """Where ``page`` sits in the learning path the reader came from (``?path=<id>``), if any."""
    path_id = parse_positive_int(request.GET.get("path"))
    if path_id is None:
        return None
    learning_path = LearningPathPage.objects.live().public().filter(pk=path_id).first()
    if learning_path is None:
        return None
    learning_path = learning_path.localized.specific
    steps = learning_path.path_steps
    for position, step in enumerate(steps):
        if step.item.page is not None and step.item.page.translation_key == page.translation_key:
            return PathPosition(
                learning_path,
                step,
                steps[position - 1] if position else None,
                steps[position + 1] if position + 1 < len(steps) else None,
            )
    return None


def workshops_using(page):
    """Live workshops whose agenda uses ``page`` in any language, one per workshop, in the
    page's language where a translation exists."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    references = ReferenceIndex.get_references_to_in_bulk(
        Page.objects.filter(translation_key=page.translation_key)
    ).filter(content_type=ContentType.objects.get_for_model(WorkshopPage))
    ids = {int(object_id) for object_id in references.values_list("object_id", flat=True)}
    workshops = WorkshopPage.objects.live().public().filter(pk__in=ids).select_related("organisation")
    return sorted(one_per_translation(workshops, page.locale_id), key=lambda workshop: workshop.title)
