"""The listing pages: one per kind of content and language, each filtered by the query string
(``filters.py``) and showing every page once, in the reader's language where it can."""

from itertools import groupby

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from ..cards import for_cards
from ..language_versions import in_reader_language
from ..visibility import HubPageManager, RestrictionsReadOnce
from .filters import (
    MaterialFilters,
    OrganisationFilters,
    PathFilters,
    PracticeFilters,
    WorkshopFilters,
    paginate,
)
from .organisations import OrganisationPage
from .pages import GoodPracticePage, TrainingMaterialPage
from .paths import LearningPathPage, steps_of
from .workshops import WorkshopPage


class ListingPage(RestrictionsReadOnce, Page):
    objects = HubPageManager()

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    content_panels = Page.content_panels + [FieldPanel("intro")]
    override_translatable_fields = [TranslatableField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    listed_model = None
    filter_class = None
    listing_related = []
    per_page = 12

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = self.filter_class(request.GET, locale=self.locale)
        pages = for_cards(self.listed_pages(filters), *self.listing_related)
        context["filters"] = filters
        context["page_obj"] = paginate(request, self.ordered(pages), self.per_page)
        return context

    def listed_pages(self, filters):
        """Every page the listing shows with ``filters`` (its feeds and exports too): live, public,
        one version of each in its readers' reading order."""
        return filters.apply(in_reader_language(self.listed_model.objects.live().public(), self.locale))

    def ordered(self, pages):
        return pages.order_by("-first_published_at", "title")


class PracticeIndexPage(ListingPage):
    listed_model = GoodPracticePage
    filter_class = PracticeFilters

    class Meta:
        verbose_name = _("good practice index")


class MaterialIndexPage(ListingPage):
    listed_model = TrainingMaterialPage
    filter_class = MaterialFilters
    listing_related = ["material_format"]

    class Meta:
        verbose_name = _("training material index")


class WorkshopTiming(models.IntegerChoices):
    """Where a workshop stands today, in the order the listing shows them."""

    UPCOMING = 0, _("Upcoming workshops")
    ANY_TIME = 1, _("Workshops to run any time, with your own group")
    PAST = 2, _("Past workshops")


def still_to_come(today):
    """Workshops with dates that have not ended by ``today`` (those under way included)."""
    return Q(ends_on__gte=today) | Q(ends_on__isnull=True, starts_on__gte=today)


class WorkshopIndexPage(ListingPage):
    listed_model = WorkshopPage
    filter_class = WorkshopFilters
    subpage_types = ["practices.WorkshopPage"]

    class Meta:
        verbose_name = _("workshop index")

    def ordered(self, pages):
        """Coming up (or under way) first, soonest first; then those to run any time, newest
        first; then past ones, latest first."""
        today = timezone.localdate()
        timing = Case(
            When(starts_on__isnull=True, then=Value(WorkshopTiming.ANY_TIME)),
            When(still_to_come(today), then=Value(WorkshopTiming.UPCOMING)),
            default=Value(WorkshopTiming.PAST),
        )
        upcoming_date = Case(When(timing=WorkshopTiming.UPCOMING, then=F("starts_on")))
        return pages.annotate(timing=timing).order_by(
            "timing",
            upcoming_date.asc(nulls_last=True),
            F("starts_on").desc(),
            "-first_published_at",
            "title",
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = [
            (WorkshopTiming(timing).label, list(workshops))
            for timing, workshops in groupby(
                context["page_obj"].object_list, key=lambda workshop: workshop.timing
            )
        ]
        return context


class LearningPathIndexPage(ListingPage):
    listed_model = LearningPathPage
    filter_class = PathFilters
    subpage_types = ["practices.LearningPathPage"]

    class Meta:
        verbose_name = _("learning path index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_obj = context["page_obj"]
        page_obj.object_list = list(page_obj.object_list)
        steps = steps_of(page_obj.object_list)
        for path in page_obj.object_list:
            path.path_steps = steps[path.pk]
        return context


# The listings that have feeds and downloads, by the name in their addresses.
LISTINGS_BY_KIND = {
    "practices": PracticeIndexPage,
    "materials": MaterialIndexPage,
    "workshops": WorkshopIndexPage,
}


def listing_kind(listing):
    """The name in the addresses of a listing page's feeds and downloads; None when it has none."""
    return next((kind for kind, model in LISTINGS_BY_KIND.items() if isinstance(listing, model)), None)


class OrganisationIndexPage(RestrictionsReadOnce, Page):
    objects = HubPageManager()

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    override_translatable_fields = [TranslatableField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.OrganisationPage"]
    max_count_per_parent = 1
    filter_class = OrganisationFilters

    class Meta:
        verbose_name = _("organisation index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = self.filter_class(request.GET, locale=self.locale)
        pages = filters.apply(in_reader_language(OrganisationPage.objects.live(), self.locale))
        pages = pages.select_related("organisation", "organisation__logo", "locale").order_by("title")
        context["filters"] = filters
        context["page_obj"] = paginate(request, pages, per_page=24)
        return context
