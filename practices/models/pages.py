import itertools

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, TaskState
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..agenda import downloads
from ..blocks import RICH_TEXT_FEATURES, LearningOutcomesBlock, MediaStreamBlock
from ..cards import for_cards, similar_pages
from ..choices import BudgetRange, Level, Licence
from ..forms import HubPageForm
from ..images import with_images
from ..language_versions import live_versions, one_per_translation
from ..numbers import duration_display
from ..per_request import current_request
from ..visibility import HubPageManager, RestrictionsReadOnce
from ..vocabularies import take_from_vocabularies, take_terms_from_vocabularies

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class HubContentPage(RestrictionsReadOnce, Page):
    """What good practices, training materials, workshops and learning paths share: a summary for
    listings and search results, an image for their cards and the top of the page, the organisation
    behind the page, its themes, and how translation treats them.

    The image is the same in every language (a translator may choose another, for one with words
    in it); what it shows is told in the page's own words, ``image_alt``, which is translated with
    the page. An image is one file for every page that shows it, so its own description, in
    whichever language it was written, is only the starting point: the page takes it as its text
    when the editor leaves the field empty, and translators translate it from there.

    The organisation is kept in step across translations by the page types on which an editor
    chooses it (workshops, learning paths); practices and materials take it from their profile page,
    and declaring it there would offer translators an override of it.
    """

    objects = HubPageManager()
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("Plain text, at most 300 characters. Shown in listings and search results."),
    )
    organisation = models.ForeignKey(
        "practices.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    themes = ParentalManyToManyField("practices.Theme", verbose_name=_("themes"), related_name="+")
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown on the page's cards in listings and at the top of the page, cropped to 16:9 around "
            "the image's focal point."
        ),
    )
    image_alt = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it, in this page's language. Left "
            "empty, the image's description is used."
        ),
    )

    # What a link to the page is called in workshop agendas and learning paths (agenda.py).
    linked_as = "material"
    # The page's terms, which its facts box, its structured data and its similar pages all read.
    terms_shown = ("themes",)
    subpage_types = []
    base_form_class = HubPageForm
    api_fields = [APIField("summary"), APIField("image"), APIField("image_alt")]
    override_translatable_fields = [
        TranslatableField("summary"),
        TranslatableField("image_alt"),
        SynchronizedField("themes"),
        SynchronizedField("image"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image and not self.image_alt:
            self.image_alt = self.image.description
        if self.image and not self.image_alt:
            raise ValidationError(
                {
                    "image_alt": _(
                        "Say what the image shows, for readers who cannot see it (or give the image a "
                        "description)."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        take_from_vocabularies([self], "locale", "organisation")
        if not getattr(request, "is_preview", False):  # a preview's terms are the form's, in memory
            take_terms_from_vocabularies(self, *self.terms_shown)
        return super().get_context(request, *args, **kwargs)

    @property
    def image_alt_text(self):
        """What the image shows: the page's words, else the image's description."""
        return self.image_alt or (self.image.description if self.image else "")


IMAGE_PANEL = MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image"))


class KnowledgePage(HubContentPage):
    """What good practices and training materials share: a place under their organisation's profile
    page, which gives them their organisation, and the platform's review badge."""

    # Taken from the profile page the page sits under when it is saved, never chosen by the editor.
    organisation = models.ForeignKey(
        "practices.Organisation",
        verbose_name=_("organisation"),
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )

    parent_page_types = ["practices.OrganisationPage"]
    downloads_from = None  # the stream of blocks whose documents readers download

    class Meta:
        abstract = True

    def public_downloads(self, documents=None):
        """(title, document) for each document of the page anyone may download; ``documents``, the
        public documents of many pages read at once, when they were ({id: document})."""
        return downloads(getattr(self, self.downloads_from), documents)

    def save(self, *args, **kwargs):
        self.organisation = self.owning_organisation() or self.organisation
        super().save(*args, **kwargs)

    def owning_organisation(self):
        if not self.path:
            return None
        parent = self.get_parent()
        return getattr(parent.specific, "organisation", None) if parent else None

    def get_context(self, request, *args, **kwargs):
        from .paths import path_position
        from .workshops import workshops_using

        context = super().get_context(request, *args, **kwargs)
        context["path_position"] = path_position(request, self)
        cards = {"workshops": workshops_using(self), **self.more_cards()}
        context.update(cards)
        if any(cards.values()):  # with none, the page's picture is read alone where it is shown
            with_images([self, *itertools.chain.from_iterable(cards.values())])
        return context

    def more_cards(self):
        """{name in the context: list of cards} the page shows besides the workshops that use it, read
        without their pictures (``get_context`` reads them for all the lists and the page at once)."""
        return {}

    @property
    def profile_url(self):
        """The address of the organisation's profile page, the page's parent: the page's own address
        without its slug."""
        url = self.get_url(request=current_request())
        if url and url.endswith(f"/{self.slug}/"):
            return url.removesuffix(f"{self.slug}/")
        return self.get_parent().get_url(request=current_request())

    @cached_property
    def platform_review(self):
        """The moderator's approval of the live version, for the 'reviewed by the platform' badge."""
        if not self.live_revision_id:
            return None
        return (
            TaskState.objects.filter(
                workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
                workflow_state__object_id=str(self.pk),
                revision_id=self.live_revision_id,
                status=TaskState.STATUS_APPROVED,
            )
            .select_related("finished_by")
            .order_by("-finished_at")
            .first()
        )


class GoodPracticePage(KnowledgePage):
    linked_as = "practice"
    terms_shown = ("themes", "countries", "partners")
    downloads_from = "media"

    partners = ParentalManyToManyField(
        "practices.Organisation", verbose_name=_("partner organisations"), blank=True, related_name="+"
    )
    countries = ParentalManyToManyField("practices.Country", verbose_name=_("countries"), related_name="+")
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Leave empty if ongoing."),
    )
    context = RichTextField(_("context and challenge"), features=RICH_TEXT_FEATURES)
    approach = RichTextField(_("approach and activities"), features=RICH_TEXT_FEATURES)
    results = RichTextField(_("results and evidence of impact"), features=RICH_TEXT_FEATURES)
    lessons = RichTextField(
        _("lessons learned"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Include what did not work and why: it is what readers learn most from."),
    )
    transferability = RichTextField(
        _("transferability"),
        features=RICH_TEXT_FEATURES,
        help_text=_("What another organisation needs to adapt this practice."),
    )
    budget_range = models.CharField(_("budget range"), max_length=20, choices=BudgetRange.choices)
    team_size = models.CharField(_("team"), max_length=200, blank=True)
    funding_sources = models.CharField(_("funding sources"), max_length=300, blank=True)
    contact = models.TextField(_("contact"), max_length=500, blank=True)
    media = StreamField(
        MediaStreamBlock(), verbose_name=_("images, videos, attachments and links"), blank=True
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        IMAGE_PANEL,
        MultiFieldPanel(
            [
                FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
                FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")], heading=_("Period")),
            ],
            heading=_("Who, where, when"),
        ),
        FieldPanel("context"),
        FieldPanel("approach"),
        FieldPanel("results"),
        FieldPanel("lessons"),
        FieldPanel("transferability"),
        MultiFieldPanel(
            [FieldPanel("budget_range"), FieldPanel("team_size"), FieldPanel("funding_sources")],
            heading=_("Resources"),
        ),
        FieldPanel("contact"),
        FieldPanel("media"),
        InlinePanel("related_materials", label=_("Related training materials")),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("featured")]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("context"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.SearchField("transferability"),
        index.FilterField("start_year"),
        index.FilterField("end_year"),
        index.FilterField("organisation"),
    ]
    api_fields = [
        *HubContentPage.api_fields,
        APIField("start_year"),
        APIField("end_year"),
        APIField("context"),
        APIField("approach"),
        APIField("results"),
        APIField("lessons"),
        APIField("transferability"),
        APIField("budget_range"),
    ]
    override_translatable_fields = [
        *HubContentPage.override_translatable_fields,
        TranslatableField("context"),
        TranslatableField("approach"),
        TranslatableField("results"),
        TranslatableField("lessons"),
        TranslatableField("transferability"),
        TranslatableField("team_size"),
        TranslatableField("funding_sources"),
        TranslatableField("contact"),
        TranslatableField("media"),
        SynchronizedField("partners"),
        SynchronizedField("countries"),
        SynchronizedField("start_year"),
        SynchronizedField("end_year"),
        SynchronizedField("budget_range"),
        SynchronizedField("featured"),
        SynchronizedField("related_materials"),
    ]

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def clean(self):
        super().clean()
        if self.end_year and self.start_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})

    @property
    def is_ongoing(self):
        return self.end_year is None

    def more_cards(self):
        return {
            "related_materials": self.live_related_materials(),
            "similar_practices": for_cards(similar_pages(self), images=False),
        }

    def live_related_materials(self):
        """The related materials readers may see, each in the version the reader reads first (without
        their pictures: see ``more_cards``)."""
        linked = [
            link.material for link in self.related_materials.select_related("material") if link.material
        ]
        shown = live_versions(linked)
        return for_cards(
            [shown[material.translation_key] for material in linked if shown[material.translation_key]],
            "material_format",
            images=False,
        )


class TrainingMaterialPage(KnowledgePage):
    downloads_from = "files"

    material_format = models.ForeignKey(
        "practices.MaterialFormat", verbose_name=_("format"), on_delete=models.PROTECT, related_name="+"
    )
    audience = models.CharField(_("audience"), max_length=255)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    duration_minutes = models.PositiveIntegerField(
        _("duration in minutes"),
        validators=[MinValueValidator(5), MaxValueValidator(60 * 24 * 14)],
        help_text=_("Time needed to work through the material."),
    )
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES)
    learning_outcomes = StreamField(LearningOutcomesBlock(), verbose_name=_("learning outcomes"))
    languages = ParentalManyToManyField(
        "wagtailcore.Locale",
        verbose_name=_("available in"),
        related_name="+",
        help_text=_("Languages the material's files exist in."),
    )
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY_SA)
    authors = models.CharField(_("authors"), max_length=300)
    published_year = models.PositiveSmallIntegerField(_("year published"), validators=YEAR_VALIDATORS)
    files = StreamField(MediaStreamBlock(), verbose_name=_("files, videos and links"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        IMAGE_PANEL,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("material_format"), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("published_year")]),
                FieldPanel("audience"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("About this material"),
        ),
        FieldPanel("description"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel([FieldPanel("authors"), FieldPanel("licence")], heading=_("Authors and licence")),
        FieldPanel("files"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("audience"),
        index.SearchField("description"),
        index.SearchField("authors"),
        index.FilterField("published_year"),
        index.FilterField("level"),
        index.FilterField("organisation"),
    ]
    api_fields = [
        *HubContentPage.api_fields,
        APIField("audience"),
        APIField("level"),
        APIField("duration_minutes"),
        APIField("description"),
        APIField("licence"),
        APIField("authors"),
        APIField("published_year"),
    ]
    override_translatable_fields = [
        *HubContentPage.override_translatable_fields,
        TranslatableField("audience"),
        TranslatableField("description"),
        TranslatableField("learning_outcomes"),
        TranslatableField("files"),
        SynchronizedField("material_format"),
        SynchronizedField("level"),
        SynchronizedField("duration_minutes"),
        SynchronizedField("languages"),
        SynchronizedField("licence"),
        SynchronizedField("authors"),
        SynchronizedField("published_year"),
    ]

    class Meta:
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")

    @property
    def duration_display(self):
        return duration_display(self.duration_minutes)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_practices"] = self.practices_using_this()
        return context

    def practices_using_this(self):
        """Live good practices that list this material (in any language), shown in the reader's."""
        practices = for_cards(
            GoodPracticePage.objects.live()
            .public()
            .filter(related_materials__material__translation_key=self.translation_key)
            .distinct()
        )
        return sorted(one_per_translation(practices, self.locale.language_code), key=lambda page: page.title)


class PracticeRelatedMaterial(Orderable):
    practice = ParentalKey(GoodPracticePage, on_delete=models.CASCADE, related_name="related_materials")
    material = models.ForeignKey(
        TrainingMaterialPage, verbose_name=_("training material"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("material")]
