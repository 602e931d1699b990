"""wagtail-localize's own admin views, held to the hub's organisation-scoped permissions.

Several of those views check only the ``submit_translation`` permission, which every
organisation editor has so that they can translate their own pages. Without these guards an
editor could translate another organisation's page, publish a sync without review, turn a live
translation into an alias of its source (new public text, no review), or read the site-wide
translations report. Each guard checks the object first and then hands over to
wagtail-localize's view; the routes shadow wagtail-localize's (same paths, registered earlier),
so its links lead here. Every route wagtail-localize registers is either guarded here or listed
in ``UPSTREAM_CHECKED_ROUTES`` with the reason it needs no guard; a test compares both lists
with wagtail-localize's URLconf, so a route added in an upgrade fails it.

Privacy: wagtail-localize copies a source page's view restriction onto its translations when
they are synced, and also *removes* or *replaces* a translation's own restriction
(wagtail-localize PR #496, ``TranslationSource.sync_view_restrictions``). A sync is something
an organisation editor may run, and Wagtail lets only publishers set privacy, so here a sync
only ever makes a translation at least as private as its source: it adds the source's
restriction to a translation that has none and leaves an existing one alone.
"""

from django.core import checks
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published
from wagtail_localize import __version__ as localize_version
from wagtail_localize.models import NoViewRestrictionsError, TranslationSource
from wagtail_localize.views.convert import convert_to_alias as upstream_convert_to_alias
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .roles import MODERATORS


def is_moderator(user):
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


def _can_change(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    meta = instance._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


def _can_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return _can_change(user, instance)


def submit_page_translation(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not _can_change(request.user, page):
        raise PermissionDenied
    return SubmitPageTranslationView.as_view()(request, page_id=page_id)


def submit_snippet_translation(request, app_label, model_name, pk):
    if not request.user.has_perm(f"{app_label}.change_{model_name}"):
        raise PermissionDenied
    return SubmitSnippetTranslationView.as_view()(request, app_label=app_label, model_name=model_name, pk=pk)


def update_translations(request, translation_source_id):
    source = get_object_or_404(TranslationSource, pk=translation_source_id)
    instance = source.get_source_instance()
    if not _can_change(request.user, instance):
        raise PermissionDenied
    if request.method == "POST" and not _can_publish(request.user, instance):
        # Synced translations of someone who may not publish are saved as drafts for review.
        request.POST = request.POST.copy()
        request.POST.pop("publish_translations", None)
    return UpdateTranslationsView.as_view()(request, translation_source_id=translation_source_id)


def convert_to_alias(request, page_id):
    """Replacing a translation's text with its source's changes a live page: publishers only.

    wagtail-localize announces the change only when the page was not live before, so search and
    caches would keep the old text; the guard announces it as Wagtail does for an alias that
    follows its source.
    """
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    response = upstream_convert_to_alias(request, page_id)
    page.refresh_from_db()
    if request.method == "POST" and page.alias_of_id and page.live:
        page = page.specific
        page_published.send(sender=page.specific_class, instance=page, revision=None, alias=True)
    return response


def translations_report(request, results_only=False):
    if not is_moderator(request.user):
        raise PermissionDenied
    return TranslationsReportView.as_view(results_only=results_only)(request)


GUARDED_ROUTES = {
    "submit_page_translation": path("localize/submit/page/<int:page_id>/", submit_page_translation),
    "submit_snippet_translation": path(
        "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/", submit_snippet_translation
    ),
    "update_translations": path("localize/update/<int:translation_source_id>/", update_translations),
    "convert_to_alias": path("localize/page/<int:page_id>/convert_to_alias/", convert_to_alias),
    "translations_report": path("localize/reports/translations/", translations_report),
    "translations_report_results": path(
        "localize/reports/translations/results/", translations_report, {"results_only": True}
    ),
}

# Routes that need no guard, and why. The translation memory they write reaches a page only
# when a translation is published, which checks publish rights (the editor's "publish" action)
# or goes through update_translations above.
UPSTREAM_CHECKED_ROUTES = {
    "javascript_catalog": "the translation editor's interface strings",
    "edit_string_translation": "translation memory; checks edit rights on the translated object",
    "edit_override": "translation memory; checks edit rights on the translated object",
    "download_pofile": "reads; checks edit rights on the translated object",
    "upload_pofile": "translation memory; checks edit rights on the translated object",
    "machine_translate": "translation memory; checks edit rights on the translated object",
    "preview_translation": "reads; checks edit rights on the translated object",
    "stop_translation": "stops syncing, changes no page; checks edit rights on the translated object",
    "snippets_api_listing": "reads snippets for the editor's choosers",
    "snippets_api_detail": "reads snippets for the editor's choosers",
}


def admin_urls():
    return [
        path(str(route.pattern), route.callback, route.default_args, name=f"guarded_{name}")
        for name, route in GUARDED_ROUTES.items()
    ]


# --- privacy follows the source, never loosened by a sync -------------------------------------

REVIEWED_LOCALIZE_VERSION = "1.14.5"


def sync_view_restrictions(self, original, translation_page):
    if not isinstance(original, Page) or not isinstance(translation_page, Page):
        raise NoViewRestrictionsError
    source_restriction = original.view_restrictions.first()
    if source_restriction is None or translation_page.view_restrictions.exists():
        return
    restriction = PageViewRestriction.objects.create(
        page=translation_page,
        restriction_type=source_restriction.restriction_type,
        password=source_restriction.password,
    )
    restriction.groups.set(source_restriction.groups.all())


def install_privacy_rule():
    TranslationSource.sync_view_restrictions = sync_view_restrictions


@checks.register()
def check_reviewed_localize_version(app_configs, **kwargs):
    if localize_version == REVIEWED_LOCALIZE_VERSION:
        return []
    return [
        checks.Warning(
            f"wagtail-localize {localize_version} is installed; practices/localize_guards.py was "
            f"reviewed against {REVIEWED_LOCALIZE_VERSION}.",
            hint="Check its routes (the guard tests list them) and TranslationSource."
            "sync_view_restrictions, then update REVIEWED_LOCALIZE_VERSION.",
            id="practices.W001",
        )
    ]
