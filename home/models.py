from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from practices.cards import for_cards
from practices.language_versions import in_reader_language
from practices.models import GoodPracticePage, Organisation, TrainingMaterialPage
from practices.visibility import HubPageManager, RestrictionsReadOnce


class HomePage(RestrictionsReadOnce, Page):
    """The front page of one language: what the hub is, featured and latest knowledge, the network's story."""

    objects = HubPageManager()

    tagline = models.CharField(_("tagline"), max_length=200)
    introduction = models.TextField(_("introduction"), max_length=600)
    story = RichTextField(
        _("the network's story"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "blockquote"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("introduction"),
        FieldPanel("story"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "practices.PracticeIndexPage",
        "practices.MaterialIndexPage",
        "practices.OrganisationIndexPage",
        "practices.WorkshopIndexPage",
        "practices.LearningPathIndexPage",
    ]
    override_translatable_fields = [
        TranslatableField("tagline"),
        TranslatableField("introduction"),
        TranslatableField("story"),
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """A page of this language's tree found by its address in one lookup (Wagtail walks the tree
        with two queries a level); addresses no page has as its own, such as a workshop's
        printable agenda, are walked as Wagtail walks them. (The slug is indexed, the address not.)"""
        if path_components:
            address = f"{self.url_path}{'/'.join(path_components)}/"
            page = Page.objects.filter(slug=path_components[-1], url_path=address).first()
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)

    # What the page lists is read only when its cached fragment is not there (home_page.html).

    @cached_property
    def _practices(self):
        return for_cards(in_reader_language(GoodPracticePage.objects.live().public(), self.locale))

    @cached_property
    def _materials(self):
        return for_cards(
            in_reader_language(TrainingMaterialPage.objects.live().public(), self.locale), "material_format"
        )

    @cached_property
    def featured_practices(self):
        return list(self._practices.filter(featured=True).order_by("-start_year")[:3])

    @cached_property
    def latest_practices(self):
        featured = [practice.pk for practice in self.featured_practices]
        return list(self._practices.exclude(pk__in=featured).order_by("-first_published_at", "-pk")[:6])

    @cached_property
    def latest_materials(self):
        return list(self._materials.order_by("-first_published_at", "-pk")[:4])

    @cached_property
    def counts(self):
        return {
            "practices": self._practices.count(),
            "materials": self._materials.count(),
            "organisations": Organisation.objects.values("translation_key").distinct().count(),
            "countries": Organisation.objects.values("country__slug").distinct().count(),
        }
