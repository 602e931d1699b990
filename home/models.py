from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from practices.images import with_images
from practices.language_versions import in_reader_language
from practices.models import GoodPracticePage, Organisation, TrainingMaterialPage


class HomePage(Page):
    """The front page of one language: what the hub is, featured and latest knowledge, the network's story."""

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        practices = with_images(
            in_reader_language(GoodPracticePage.objects.live().public(), self.locale).select_related(
                "organisation", "locale"
            )
        )
        materials = with_images(
            in_reader_language(TrainingMaterialPage.objects.live().public(), self.locale).select_related(
                "organisation", "locale", "material_format"
            )
        )
        featured = list(practices.filter(featured=True).order_by("-start_year")[:3])
        context["featured_practices"] = featured
        context["latest_practices"] = practices.exclude(
            pk__in=[practice.pk for practice in featured]
        ).order_by("-first_published_at", "-pk")[:6]
        context["latest_materials"] = materials.order_by("-first_published_at", "-pk")[:4]
        context["counts"] = {
            "practices": practices.count(),
            "materials": materials.count(),
            "organisations": Organisation.objects.values("translation_key").distinct().count(),
            "countries": Organisation.objects.values("country__slug").distinct().count(),
        }
        return context
