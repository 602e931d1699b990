"""The admin in the editor's language, or in the nearest language it is translated into."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.admin.localization import get_available_admin_languages

from practices.language_versions import reading_order


def admin_language(language_code):
    """The language the admin speaks to a reader of ``language_code``: the first of their reading
    order that the admin is translated into (Bosnian, Montenegrin and both Serbian scripts get
    Croatian; Macedonian and Albanian English)."""
    available = dict(get_available_admin_languages())
    return next((code for code in reading_order(language_code) if code in available), settings.LANGUAGE_CODE)


class AdminLanguageMiddleware:
    """Makes the request's language one the admin is translated into, before Wagtail picks the
    admin's language: an editor's choice in their account settings comes first, and without one
    Wagtail takes the request's language, when it offers it (or, for an editor who never opened
    the settings, in any case: a Bosnian browser got Wagtail's English around the hub's Bosnian).
    Now a Bosnian browser gets the admin in Croatian."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            language = admin_language(translation.get_language())
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
