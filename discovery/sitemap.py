"""The sitemap: every live public page of every language tree, each with its translations.

Wagtail's own sitemap lists the descendants of the requesting site's root page, which is the English
home page: the other languages' trees (translations of that root, beside it) would be left out. Here
the pages are all live pages outside private sections, whichever tree they are in, cut into sections
of ``SITEMAP_SECTION_SIZE``. A section costs the same few queries however many pages it lists: its
pages, and the live public translations of all of them at once.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from .languages import hreflang


@dataclass
class Alternate:
    hreflang: str
    location: str


@dataclass
class SitemapEntry:
    location: str
    lastmod: str
    alternates: list[Alternate]


def public_pages():
    return (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .select_related("locale")
        .only("id", "url_path", "translation_key", "last_published_at", "locale__language_code")
        .order_by("path")
    )


def sections():
    return Paginator(public_pages(), settings.SITEMAP_SECTION_SIZE, allow_empty_first_page=True)


def entries(pages, request):
    """The entries of ``pages`` (one section), with their translations as alternates."""
    pages = list(pages)
    keys = {page.translation_key for page in pages}
    versions = {}
    for version in public_pages().filter(translation_key__in=keys):
        versions.setdefault(version.translation_key, []).append(version)
    # The first source a page was translated from is the original: ordered newest first, it is the
    # value dict() keeps.
    originals = dict(
        TranslationSource.objects.filter(object_id__in=keys)
        .order_by("-created_at", "-pk")
        .values_list("object_id", "locale__language_code")
    )

    found = []
    for page in pages:
        location = _location(page, request)
        if location is None:
            continue
        alternates = _alternates(versions.get(page.translation_key, []), originals, request)
        lastmod = page.last_published_at.replace(microsecond=0).isoformat() if page.last_published_at else ""
        found.append(SitemapEntry(location, lastmod, alternates))
    return found


def _location(page, request):
    """The page's absolute URL, or None for a page outside every site (which has none)."""
    url = page.get_url(request=request)
    return request.build_absolute_uri(url) if url else None


def _alternates(versions, originals, request):
    """Each language version's URL, and ``x-default``: English, or the original when there is no
    English version (the language wagtail-localize translated from, else the oldest version)."""
    located = {}
    for version in versions:
        location = _location(version, request)
        if location is not None:
            located[version.locale.language_code] = (version, location)
    if len(located) < 2:
        return []
    alternates = [
        Alternate(hreflang(code), located[code][1]) for code, _name in settings.LANGUAGES if code in located
    ]
    default = located.get(settings.LANGUAGE_CODE) or located.get(originals.get(versions[0].translation_key))
    if default is None:
        default = min(located.values(), key=lambda pair: pair[0].pk)
    alternates.append(Alternate("x-default", default[1]))
    return alternates
