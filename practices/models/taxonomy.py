from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..language_versions import LocalizedInBulk


class Taxonomy(LocalizedInBulk, TranslatableMixin, index.Indexed, models.Model):
    """A translatable term. The slug is shared by every translation and is what URLs filter on."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in filter links. Keep it the same in every language.")
    )
    description = models.TextField(_("description"), blank=True, max_length=500)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Theme(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class MaterialFormat(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("material format")
        verbose_name_plural = _("material formats")


class Country(Taxonomy):
    """A country of the network, or 'regional / other' for work that spans borders."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
