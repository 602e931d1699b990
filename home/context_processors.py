from django.utils.functional import SimpleLazyObject

from practices.content_version import content_version
from practices.language_versions import reader_content_language

from .navigation import site_chrome_in


def site_chrome(request):
    """The home page, navigation and locale of the reader's language, read (from the cache) only
    when a template uses them: the admin's pages never do."""
    chrome = SimpleLazyObject(lambda: site_chrome_in(reader_content_language()))
    return {
        "home_page": SimpleLazyObject(lambda: chrome["home_page"]),
        "navigation": SimpleLazyObject(lambda: chrome["navigation"]),
        "active_locale": SimpleLazyObject(lambda: chrome["active_locale"]),
        "content_version": SimpleLazyObject(content_version),
    }
