"""Workshops: trainers turn the hub's practices and materials into sessions people can run (the
agenda's links and time slots are worked out in ``practices/agenda.py``)."""

import datetime

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

from ..agenda import agenda_slots
from ..blocks import AgendaBlock, LearningOutcomesBlock
from ..cards import for_cards
from ..choices import Delivery, Level
from ..language_versions import one_per_translation
from ..numbers import duration_display
from .pages import IMAGE_PANEL, HubContentPage
from .paths import path_position

DEFAULT_DAY_START = datetime.time(9, 30)


class WorkshopPage(RoutablePageMixin, HubContentPage):
    """A capacity-building workshop: objectives, and an agenda of sessions using the hub's content."""

    linked_as = "workshop"
    terms_shown = ("themes", "partners")

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
        IMAGE_PANEL,
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
        # From the stored agenda: a learning path adds up its workshops without reading their links.
        return sum(session["value"]["duration"] or 0 for session in self.agenda.raw_data)

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


def workshops_using(page):
    """Live workshops whose agenda uses ``page`` in any language, one per workshop, in the version
    readers of the page's language read first (without their pictures: ``with_images`` reads them)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    references = ReferenceIndex.get_references_to_in_bulk(
        Page.objects.filter(translation_key=page.translation_key)
    ).filter(content_type=ContentType.objects.get_for_model(WorkshopPage))
    ids = {int(object_id) for object_id in references.values_list("object_id", flat=True)}
    workshops = for_cards(WorkshopPage.objects.live().public().filter(pk__in=ids), images=False)
    return sorted(
        one_per_translation(workshops, page.locale.language_code), key=lambda workshop: workshop.title
    )
