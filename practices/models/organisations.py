from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..cards import for_cards
from ..content_version import once_per_content_version
from ..forms import HubPageForm, HubSnippetForm
from ..language_versions import LocalizedInBulk, in_reader_language
from ..visibility import HubPageManager, RestrictionsReadOnce
from ..vocabularies import take_from_vocabularies


class Organisation(LocalizedInBulk, TranslatableMixin, index.Indexed, ClusterableModel):
    """A member organisation of the network. Its pages live under its profile page."""

    read_in_bulk_with = ("country", "logo")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    country = models.ForeignKey(
        "practices.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    city = models.CharField(_("city"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public contact email"), blank=True)
    show_email = models.BooleanField(
        _("show contact email publicly"),
        default=True,
        help_text=_("Unticked, the address is kept off the site; visitors can still write through the form."),
    )
    enquiries_email = models.EmailField(
        _("address for enquiries"),
        blank=True,
        help_text=_(
            'Where messages from the "Ask about this practice" form go. Never shown on the site. Left '
            "empty, the public contact email is used."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("short description"), max_length=600)
    themes = ParentalManyToManyField(
        "practices.Theme", verbose_name=_("themes"), blank=True, related_name="+"
    )
    founding_member = models.BooleanField(_("founding member"), default=False)
    year_joined = models.PositiveSmallIntegerField(
        _("year joined"), validators=[MinValueValidator(2005), MaxValueValidator(2100)]
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
        FieldPanel("description"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("show_email"),
                FieldPanel("enquiries_email"),
                FieldPanel("logo"),
            ],
            heading=_("Contact and logo"),
        ),
        FieldRowPanel([FieldPanel("founding_member"), FieldPanel("year_joined")], heading=_("Membership")),
    ]
    base_form_class = HubSnippetForm
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.SearchField("description"),
        index.FilterField("locale_id"),
    ]
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("city"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("country"),
        SynchronizedField("website"),
        SynchronizedField("email"),
        SynchronizedField("show_email"),
        SynchronizedField("enquiries_email"),
        SynchronizedField("logo"),
        SynchronizedField("themes"),
        SynchronizedField("founding_member"),
        SynchronizedField("year_joined"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")

    def __str__(self):
        return self.name

    @property
    def public_email(self):
        return self.email if self.show_email else ""

    @property
    def enquiry_address(self):
        """Where the visitors' enquiries are sent; empty when the organisation gave no address."""
        return self.enquiries_email or self.email

    @property
    def profile_page(self):
        """The live profile page in the organisation's locale, or in any locale when it is not
        translated."""
        profiles = _live_profile_pages().get(self.translation_key, [])
        same_locale = (profile for profile in profiles if profile.locale_id == self.locale_id)
        return next(same_locale, profiles[0] if profiles else None)


def _live_profile_pages():
    """{organisation's translation key: its live profile pages, in tree order}, read once per
    content version while requests are served."""

    def read():
        profiles = defaultdict(list)
        for profile in OrganisationPage.objects.live().select_related("organisation").order_by("path"):
            profiles[profile.organisation.translation_key].append(profile)
        return profiles

    return once_per_content_version("profile-pages", read)


class OrganisationPage(RestrictionsReadOnce, Page):
    """The public profile of a member organisation; its practices and materials are its children."""

    objects = HubPageManager()
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    about = RichTextField(
        _("about"),
        blank=True,
        features=["h3", "bold", "italic", "ol", "ul", "link"],
        help_text=_("A longer story of the organisation: history, programme, spaces."),
    )

    content_panels = Page.content_panels + [FieldPanel("organisation"), FieldPanel("about")]
    base_form_class = HubPageForm
    parent_page_types = ["practices.OrganisationIndexPage"]
    subpage_types = ["practices.GoodPracticePage", "practices.TrainingMaterialPage"]
    search_fields = Page.search_fields + [index.SearchField("about")]
    override_translatable_fields = [SynchronizedField("organisation"), TranslatableField("about")]

    class Meta:
        verbose_name = _("organisation profile")

    def clean(self):
        super().clean()
        if not self.organisation_id:
            return
        duplicates = OrganisationPage.objects.filter(
            organisation__translation_key=self.organisation.translation_key, locale_id=self.locale_id
        ).exclude(pk=self.pk)
        if duplicates.exists():
            raise ValidationError({"organisation": _("This organisation already has a profile page.")})

    def get_context(self, request, *args, **kwargs):
        from .pages import GoodPracticePage, TrainingMaterialPage

        take_from_vocabularies([self], "locale", "organisation")
        context = super().get_context(request, *args, **kwargs)
        context["organisation"] = self.organisation.localized
        key = self.organisation.translation_key
        practices = GoodPracticePage.objects.live().public()
        materials = TrainingMaterialPage.objects.live().public()
        context["practices"] = for_cards(
            in_reader_language(practices.filter(organisation__translation_key=key), self.locale)
        ).order_by("-start_year", "title")
        context["materials"] = for_cards(
            in_reader_language(materials.filter(organisation__translation_key=key), self.locale),
            "material_format",
        ).order_by("title")
        context["partner_in"] = (
            for_cards(in_reader_language(practices.filter(partners__translation_key=key), self.locale))
            .distinct()
            .order_by("-start_year")
        )
        return context
