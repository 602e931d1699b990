"""Query-string filters and pagination for the public listings.

Filter values are slugs shared by every translation of a term, so a link such as
``?theme=digital`` means the same thing in every language. Malformed values are ignored
and reported; well-formed values that match nothing give an empty list, never an error.
"""

import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from ..choices import Delivery, Level
from ..language_versions import terms_in_locale
from ..numbers import parse_positive_int
from .taxonomy import Country, MaterialFormat, Theme

YEAR_RANGE = range(1990, 2101)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def paginate(request, queryset, per_page):
    """The requested page; what is not a page number gives the first page, numbers out of range the
    nearest page."""
    return Paginator(queryset, per_page).get_page(parse_positive_int(request.GET.get("page")) or 1)


@dataclass
class FilterOption:
    value: str
    label: str
    selected: bool


@dataclass
class Filter:
    name: str
    label: str
    options: list = field(default_factory=list)

    @property
    def selected_option(self):
        return next((option for option in self.options if option.selected), None)


class ListingFilters:
    """Reads filters from a query string and applies them to a queryset of pages."""

    def __init__(self, params, locale):
        self.params = params
        self.locale = locale
        self.ignored = []

    def value(self, name):
        """A filter value; anything that is not a slug cannot match, so it is ignored and reported."""
        raw = (self.params.get(name) or "").strip()
        if not raw or name == "year":
            return raw[:100]
        if SLUG.match(raw.lower()):
            return raw.lower()
        message = _("%(name)s “%(value)s”") % {"name": name, "value": raw[:20].replace("\x00", "")}
        if message not in self.ignored:
            self.ignored.append(message)
        return ""

    def year(self):
        raw = self.value("year")
        if not raw:
            return None
        year = parse_positive_int(raw)
        if year in YEAR_RANGE:
            return year
        self.ignored.append(_("year “%(value)s”") % {"value": raw})
        return None

    def is_active(self):
        return any(self.value(name) for name in self.names)

    def taxonomy_filter(self, name, label, model):
        selected = self.value(name)
        return Filter(
            name,
            label,
            [
                FilterOption(term.slug, term.name, term.slug == selected)
                for term in terms_in_locale(model, self.locale)
            ],
        )

    def choice_filter(self, name, label, choices):
        selected = self.value(name)
        return Filter(
            name, label, [FilterOption(value, text, value == selected) for value, text in choices.choices]
        )


class PracticeFilters(ListingFilters):
    names = ["theme", "country", "organisation", "year"]

    def apply(self, queryset):
        if theme := self.value("theme"):
            queryset = queryset.filter(themes__slug=theme)
        if country := self.value("country"):
            queryset = queryset.filter(countries__slug=country.lower())
        if organisation := self.value("organisation"):
            queryset = queryset.filter(Q(organisation__slug=organisation) | Q(partners__slug=organisation))
        if (year := self.year()) is not None:
            queryset = queryset.filter(start_year__lte=year).filter(
                Q(end_year__isnull=True) | Q(end_year__gte=year)
            )
        return queryset.distinct()

    def available(self):
        from .organisations import Organisation

        return [
            self.taxonomy_filter("theme", _("Theme"), Theme),
            self.taxonomy_filter("country", _("Country"), Country),
            self.taxonomy_filter("organisation", _("Organisation"), Organisation),
        ]


class MaterialFilters(ListingFilters):
    names = ["theme", "format", "level", "organisation", "language", "year"]

    def apply(self, queryset):
        if theme := self.value("theme"):
            queryset = queryset.filter(themes__slug=theme)
        if material_format := self.value("format"):
            queryset = queryset.filter(material_format__slug=material_format)
        if level := self.value("level"):
            queryset = queryset.filter(level=level)
        if organisation := self.value("organisation"):
            queryset = queryset.filter(organisation__slug=organisation)
        if language := self.value("language"):
            queryset = queryset.filter(languages__language_code=language)
        if (year := self.year()) is not None:
            queryset = queryset.filter(published_year=year)
        return queryset.distinct()

    def available(self):
        from .organisations import Organisation

        language = self.value("language")
        return [
            self.taxonomy_filter("theme", _("Theme"), Theme),
            self.taxonomy_filter("format", _("Format"), MaterialFormat),
            self.choice_filter("level", _("Level"), Level),
            Filter(
                "language",
                _("Language"),
                [
                    FilterOption(
                        locale.language_code, locale.get_display_name(), locale.language_code == language
                    )
                    for locale in Locale.objects.order_by("pk")
                ],
            ),
            self.taxonomy_filter("organisation", _("Organisation"), Organisation),
        ]


class OrganisationFilters(ListingFilters):
    names = ["country", "theme"]

    def apply(self, queryset):
        if country := self.value("country"):
            queryset = queryset.filter(organisation__country__slug=country.lower())
        if theme := self.value("theme"):
            queryset = queryset.filter(organisation__themes__slug=theme)
        return queryset.distinct()

    def available(self):
        return [
            self.taxonomy_filter("country", _("Country"), Country),
            self.taxonomy_filter("theme", _("Theme"), Theme),
        ]


class WorkshopFilters(ListingFilters):
    names = ["theme", "delivery", "level", "organisation", "year"]

    def apply(self, queryset):
        if theme := self.value("theme"):
            queryset = queryset.filter(themes__slug=theme)
        if delivery := self.value("delivery"):
            queryset = queryset.filter(delivery=delivery)
        if level := self.value("level"):
            queryset = queryset.filter(level=level)
        if organisation := self.value("organisation"):
            queryset = queryset.filter(Q(organisation__slug=organisation) | Q(partners__slug=organisation))
        if (year := self.year()) is not None:
            queryset = queryset.filter(starts_on__year__lte=year, ends_on__year__gte=year)
        return queryset.distinct()

    def available(self):
        from .organisations import Organisation

        return [
            self.taxonomy_filter("theme", _("Theme"), Theme),
            self.choice_filter("delivery", _("Format"), Delivery),
            self.choice_filter("level", _("Level"), Level),
            self.taxonomy_filter("organisation", _("Organisation"), Organisation),
        ]


class PathFilters(ListingFilters):
    names = ["theme", "organisation"]

    def apply(self, queryset):
        if theme := self.value("theme"):
            queryset = queryset.filter(themes__slug=theme)
        if organisation := self.value("organisation"):
            queryset = queryset.filter(organisation__slug=organisation)
        return queryset.distinct()

    def available(self):
        from .organisations import Organisation

        return [
            self.taxonomy_filter("theme", _("Theme"), Theme),
            self.taxonomy_filter("organisation", _("Organisation"), Organisation),
        ]
