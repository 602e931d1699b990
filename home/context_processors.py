from django.utils.translation import get_language
from wagtail.models import Locale

from practices.models import (
    LearningPathIndexPage,
    MaterialIndexPage,
    OrganisationIndexPage,
    PracticeIndexPage,
    WorkshopIndexPage,
)

from .models import HomePage


def site_chrome(request):
    """Navigation for the active language, with the default language's pages as a fallback."""
    try:
        locale = Locale.objects.get(language_code=get_language())
    except Locale.DoesNotExist:
        locale = Locale.get_default()

    def in_locale(model):
        pages = model.objects.live()
        return pages.filter(locale=locale).first() or pages.filter(locale=Locale.get_default()).first()

    navigation = [
        page
        for page in (
            in_locale(model)
            for model in (
                PracticeIndexPage,
                MaterialIndexPage,
                WorkshopIndexPage,
                LearningPathIndexPage,
                OrganisationIndexPage,
            )
        )
        if page
    ]
    return {
        "home_page": in_locale(HomePage),
        "navigation": navigation,
        "active_locale": locale,
    }
