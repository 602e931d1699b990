"""Where the hub corrects wagtail-localize, in one place, each with the upstream issue it answers.

Reviewed against wagtail-localize ``REVIEWED_LOCALIZE_VERSION``; a system check warns when another
version is installed, so an upgrade re-reads this module (and runs the guard tests) first.

1. **Organisation-scoped permissions on its admin views.** Several of those views check only the
   ``submit_translation`` permission, which every organisation editor has so that they can
   translate their own pages. Without these guards an editor could translate another
   organisation's page, publish a sync without review, turn a live translation into an alias of
   its source (new public text, no review), or read the site-wide translations report. Each guard
   checks the object first and then hands over to wagtail-localize's view; the routes shadow
   wagtail-localize's (same paths, registered earlier), so its links lead here. Every route
   wagtail-localize registers is either guarded here or listed in ``UPSTREAM_CHECKED_ROUTES``
   with the reason it needs no guard; a test compares both lists with wagtail-localize's URLconf,
   so a route added in an upgrade fails it.

2. **Privacy follows the source, never loosened by a sync.** wagtail-localize copies a source
   page's view restriction onto its translations when they are synced, and also *removes* or
   *replaces* a translation's own restriction (https://github.com/wagtail/wagtail-localize/pull/496,
   ``TranslationSource.sync_view_restrictions``). A sync is something an organisation editor may
   run, and Wagtail lets only publishers set privacy, so here a sync only ever makes a translation
   at least as private as its source: it adds the source's restriction to a translation that has
   none and leaves an existing one alone.

3. **Unreviewed translated text never reaches a live page.** wagtail-localize writes a page
   translation's new text into the page row itself even when it only saves a draft
   (https://github.com/wagtail/wagtail-localize/issues/655), and the row is what visitors see.
   ``keep_live_translation_until_published`` puts the row back to the live revision.

4. **A relation emptied on the source is emptied on its translations.** wagtail-localize copies a
   synchronised many-to-many field (a practice's partners, a workshop's co-organisers) only when
   the source has some (``if values:`` in ``wagtail_localize.fields.copy_synchronised_fields``,
   from https://github.com/wagtail/wagtail-localize/pull/564), so the last partner removed from a
   practice stayed on all its translations after a sync. ``copy_synchronised_fields`` here empties
   them too.
"""

from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_save
from django.shortcuts import get_object_or_404
from django.urls import path
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import Page, PageViewRestriction, Revision
from wagtail.signals import page_published
from wagtail_localize import __version__ as localize_version
from wagtail_localize import models as localize_models
from wagtail_localize.fields import copy_synchronised_fields as upstream_copy_synchronised_fields
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import NoViewRestrictionsError, TranslationSource
from wagtail_localize.views.convert import convert_to_alias as upstream_convert_to_alias
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from practices.roles import MODERATORS

# --- 1. organisation-scoped permissions on wagtail-localize's admin views ---------------------


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


# --- 2. privacy follows the source, never loosened by a sync ----------------------------------


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


# --- 3. the live row keeps the live text -------------------------------------------------------


def keep_live_translation_until_published(sender, instance, created, raw=False, **kwargs):
    """When a new revision of a live translated page is saved, the page row is put back to the
    live revision; the new text stays in the draft revision until it is published through the
    workflow (point 3 above)."""
    if not created or raw or instance.base_content_type_id != _page_content_type_id():
        return
    page = Page.objects.filter(pk=instance.object_id, live=True).exclude(live_revision=None).first()
    if page is None or page.live_revision_id == instance.pk or not _is_translation(page):
        return
    live = page.live_revision.as_object()
    live.latest_revision = instance
    live.draft_title = instance.content.get("title", live.title)
    live.has_unpublished_changes = True
    live.save(clean=False)


def _page_content_type_id():
    return ContentType.objects.get_for_model(Page).pk


def _is_translation(page):
    sources = TranslationSource.objects.filter(object_id=page.translation_key)
    return sources.exclude(locale=page.locale).exists()


# --- 4. a relation emptied on the source is emptied on its translations -----------------------


def copy_synchronised_fields(source, target):
    upstream_copy_synchronised_fields(source, target)
    for translatable_field in get_translatable_fields(type(source)):
        field = translatable_field.get_field(type(target))
        if (
            translatable_field.is_synchronized(source)
            and isinstance(field, ParentalManyToManyField)
            and not getattr(source, field.name).all()
        ):
            setattr(target, field.name, [])


def install_emptied_relations_rule():
    localize_models.copy_synchronised_fields = copy_synchronised_fields


def connect():
    install_privacy_rule()
    install_emptied_relations_rule()
    post_save.connect(
        keep_live_translation_until_published,
        sender=Revision,
        dispatch_uid="translation-keep-live-translation-until-published",
    )


# --- the version this module was checked against -----------------------------------------------

REVIEWED_LOCALIZE_VERSION = "1.14.5"


@checks.register()
def check_reviewed_localize_version(app_configs, **kwargs):
    if localize_version == REVIEWED_LOCALIZE_VERSION:
        return []
    return [
        checks.Warning(
            f"wagtail-localize {localize_version} is installed; translation/localize_fixes.py was "
            f"reviewed against {REVIEWED_LOCALIZE_VERSION}.",
            hint="Check its routes (the guard tests list them), TranslationSource."
            "sync_view_restrictions, how a translation's draft is saved and how synchronised "
            "many-to-many fields are copied, then update REVIEWED_LOCALIZE_VERSION.",
            id="translation.W001",
        )
    ]
