"""The translation tools in the Wagtail admin: the status report, the Serbian transliteration
action, and wagtail-localize's views under the hub's permissions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import admin_views, localize_fixes, status

# --- translation status: report, menu item, dashboard panel -----------------------------------


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    return admin_views.admin_urls()


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return admin_views.TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translation_status:index"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=9010,
    )


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    if status.can_view_translation_status(request.user):
        panels.append(admin_views.TranslationStatusPanel(request.user))


# --- Serbian in both scripts: derive one from the other ---------------------------------------


@hooks.register("register_admin_urls")
def register_transliteration_urls():
    return [path("transliterate/<int:page_id>/", admin_views.derive_script, name="translation_derive_script")]


@hooks.register("register_page_header_buttons")
def transliteration_header_button(page, user, view_name, next_url=None):
    yield admin_views.DeriveOtherScriptMenuItem(page=page, priority=75)


@hooks.register("register_page_listing_more_buttons")
def transliteration_listing_button(page, user, next_url=None):
    yield admin_views.DeriveOtherScriptMenuItem(page=page, priority=75)


# --- a translation submitted for review by those who may not publish it -------------------------


@hooks.register("register_admin_urls")
def register_translation_review_urls():
    return [
        path("translation/submit/<int:page_id>/", admin_views.submit_translation, name="translation_submit")
    ]


# --- wagtail-localize's views under organisation-scoped permissions ---------------------------


@hooks.register("register_admin_urls")
def register_localize_guards():
    return localize_fixes.admin_urls()


@hooks.register("construct_reports_menu")
def hide_sitewide_translations_report(request, menu_items):
    if not localize_fixes.is_moderator(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "translations"]
