"""Learning paths: ordered routes for self-study through the hub's materials, practices and
workshops, and where a reader who follows one stands on it."""

from dataclasses import dataclass

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..agenda import LinkedItem, LinkedPages
from ..blocks import PathStepsBlock
from ..numbers import duration_display, parse_positive_int
from .pages import IMAGE_PANEL, HubContentPage


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
        IMAGE_PANEL,
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("compiled_by")]),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("steps"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("steps_text"),
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
        return steps_of([self])[self.pk]

    def steps_text(self):
        """What the path is about, for the searches: its steps' notes, and the titles and summaries
        of the pages they lead to that are translated into its language (a path on money is found
        by "crowdfunding" when one of its steps is the crowdfunding guide)."""
        with translation.override(self.locale.language_code):
            steps = steps_of([self])[self.pk]
        linked = [
            text
            for step in steps
            if step.item.available and step.item.page.locale_id == self.locale_id
            for text in (step.item.title, step.item.summary)
        ]
        return " ".join([*(step.note for step in steps), *linked])

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


def steps_of(paths):
    """{path id: its steps}, resolved for all ``paths`` at once (a listing's cards count each path's
    steps and add up their time): the linked pages are read from the steps' stored ids, not one
    stream at a time."""
    stored = {
        path.pk: [
            (block["value"].get("page"), block["value"].get("note") or "") for block in path.steps.raw_data
        ]
        for path in paths
    }
    pages = Page.objects.in_bulk(
        {page_id for steps in stored.values() for page_id, _note in steps if page_id}
    )
    linked = LinkedPages(pages.values())
    return {
        path_id: [
            PathStep(number, linked.page_item(pages.get(page_id)), note)
            for number, (page_id, note) in enumerate(steps, start=1)
        ]
        for path_id, steps in stored.items()
    }


def paths_leading_to(translation_keys, page_ids=()):
    """Ids of the learning paths whose steps lead to a version of the pages with these translation
    keys, or to one of ``page_ids`` (a page just deleted has no version left to name it)."""
    versions = Page.objects.filter(translation_key__in=translation_keys).values_list("pk", flat=True)
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Page),
        to_object_id__in=[str(pk) for pk in {*versions, *page_ids}],
        content_type=ContentType.objects.get_for_model(LearningPathPage),
    )
    return {int(object_id) for object_id in references.values_list("object_id", flat=True)}


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
