"""The map of the region: each country's outline, name in the reader's language and the number of
pages of each type the search finds for it.

The numbers are the search's own country facet (``run_search``, on whichever backend answers), one
search per page type, so a country's figures are what ``/search/?country=<slug>&type=<type>``
says and their sum what ``/search/?country=<slug>`` says.
"""

import json
import math
from dataclasses import dataclass, field
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from search.backends import facet_labels, run_search
from search.params import SearchParams

GEOMETRY = Path(__file__).parent / "data" / "region.json"
COUNTED_TYPES = ("practice", "material", "workshop", "path")
COUNTS_CACHE_KEY = "regionmap-country-counts"
# An upper bound: publishing, unpublishing, moving or deleting a page forgets them at once.
COUNTS_CACHE_SECONDS = 300
# Shades besides "none", from the least to the most a country has: the range between them in quarters,
# so that countries with similar figures still differ.
SHADES = 4
# Names longer than this go on two lines.
LINE_LENGTH = 12


@once
def geometry():
    return json.loads(GEOMETRY.read_text())


def forget_counts():
    cache.delete(COUNTS_CACHE_KEY)


def country_counts():
    """{country slug: {page type: pages}}. The facet counts pages, not language versions, the same
    in every language, so one set serves every reader."""
    counts = cache.get(COUNTS_CACHE_KEY)
    if counts is None:
        counts = {}
        for kind in COUNTED_TYPES:
            params = SearchParams(locale=settings.LANGUAGE_CODE, filters={"type": [kind]}, per_page=1)
            for option in run_search(params).facets["country"]:
                counts.setdefault(option["value"], dict.fromkeys(COUNTED_TYPES, 0))[kind] = option["count"]
        cache.set(COUNTS_CACHE_KEY, counts, COUNTS_CACHE_SECONDS)
    return counts


def label_lines(name):
    """A long name in two lines, broken at the space nearest its middle."""
    if len(name) <= LINE_LENGTH or " " not in name:
        return [name]
    spaces = [index for index, character in enumerate(name) if character == " "]
    middle = min(spaces, key=lambda index: abs(index - len(name) / 2))
    return [name[:middle], name[middle + 1 :]]


@dataclass
class CountryFigures:
    slug: str
    name: str
    counts: dict
    search_url: str
    shade: int = 0
    path: str = ""
    label_x: int = 0
    label_y: int = 0
    lines: list = field(default_factory=list)

    @property
    def first_line_shift(self):
        """How far above the label's point its first line goes, so that the name and the number
        below it are centred there (in ems)."""
        return f"{0.35 - 0.55 * len(self.lines):.2f}em"

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def practices(self):
        return self.counts["practice"]

    @property
    def materials(self):
        return self.counts["material"]

    @property
    def workshops(self):
        return self.counts["workshop"]

    @property
    def paths(self):
        return self.counts["path"]

    @property
    def description(self):
        return _(
            "%(country)s — good practices: %(practices)s, training materials: %(materials)s, "
            "workshops: %(workshops)s, learning paths: %(paths)s"
        ) % {
            "country": self.name,
            "practices": self.practices,
            "materials": self.materials,
            "workshops": self.workshops,
            "paths": self.paths,
        }


@dataclass
class Legend:
    shade: int
    low: int
    high: int


@dataclass
class RegionMap:
    width: int
    height: int
    neighbours: str
    # Outlines of countries the hub does not list, drawn like the neighbours.
    unlisted: list
    drawn: list
    countries: list
    legend: list


def shade_of(total, least, most):
    """0 for none; else 1 to SHADES, as far as the total is from ``least`` towards ``most``."""
    if not total:
        return 0
    return 1 + (total - least) * SHADES // (most - least + 1)


def legend_for(least, most):
    """The range of totals each shade stands for; shades no whole number falls in are left out."""
    span = most - least + 1
    entries = []
    for shade in range(1, SHADES + 1):
        low = least + math.ceil((shade - 1) * span / SHADES)
        high = least + math.ceil(shade * span / SHADES) - 1
        if low <= high:
            entries.append(Legend(shade, low, high))
    return entries


def region_map(locale):
    """The map for readers of ``locale``: every country of the hub's list, those with an outline
    drawn, the others (such as "regional / other") in the table only."""
    names = facet_labels(locale)["country"]
    counts = country_counts()
    shapes = geometry()["countries"]
    search = reverse("search")
    countries = []
    for slug, name in names.items():
        figures = CountryFigures(
            slug=slug,
            name=name,
            counts=counts.get(slug, dict.fromkeys(COUNTED_TYPES, 0)),
            search_url=f"{search}?{urlencode({'country': slug})}",
        )
        if slug in shapes:
            figures.path = shapes[slug]["path"]
            figures.label_x, figures.label_y = shapes[slug]["label"]
            figures.lines = label_lines(name)
        countries.append(figures)
    totals = [country.total for country in countries if country.path and country.total]
    least, most = (min(totals), max(totals)) if totals else (0, 0)
    for country in countries:
        country.shade = shade_of(country.total, least, most)
    drawn = [country for country in countries if country.path]
    # The table: countries with an outline first, each group by name in the reader's language.
    countries.sort(key=lambda country: (not country.path, country.name))
    return RegionMap(
        width=geometry()["width"],
        height=geometry()["height"],
        neighbours=geometry()["neighbours"],
        unlisted=[shape["path"] for slug, shape in shapes.items() if slug not in names],
        drawn=drawn,
        countries=countries,
        legend=legend_for(least, most) if totals else [],
    )
