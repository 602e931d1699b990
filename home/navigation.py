"""The site's chrome in the reader's language: its home page and the main navigation, read once
and kept in the shared cache while the content stays the same (practices/content_version.py)."""

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Locale

from practices.content_version import content_version
from practices.models import (
    LearningPathIndexPage,
    MaterialIndexPage,
    OrganisationIndexPage,
    PracticeIndexPage,
    WorkshopIndexPage,
)

from .models import HomePage

NAVIGATION_MODELS = (
    PracticeIndexPage,
    MaterialIndexPage,
    WorkshopIndexPage,
    LearningPathIndexPage,
    OrganisationIndexPage,
)
CHROME_CACHE_SECONDS = 24 * 60 * 60


def _read_chrome(language_code):
    locale = Locale.objects.filter(language_code=language_code).first() or Locale.get_default()
    default_locale_id = (
        Locale.get_default().pk if locale.language_code != settings.LANGUAGE_CODE else locale.pk
    )

    def in_locale(model):
        pages = model.objects.live()
        return pages.filter(locale=locale).first() or pages.filter(locale_id=default_locale_id).first()

    return {
        "home_page": in_locale(HomePage),
        "navigation": [page for page in map(in_locale, NAVIGATION_MODELS) if page],
        "active_locale": locale,
    }


def site_chrome_in(language_code):
    """{"home_page", "navigation", "active_locale"} for readers of ``language_code``, each listing
    in the reader's language, else the default language's."""
    key = f"site-chrome-{language_code}-{content_version()}"
    chrome = cache.get(key)
    if chrome is None:
        chrome = _read_chrome(language_code)
        cache.set(key, chrome, CHROME_CACHE_SECONDS)
    return chrome
