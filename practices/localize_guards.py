"""wagtail-localize's own admin views, held to the hub's organisation-scoped permissions.

Those views check only the ``submit_translation`` permission, which every organisation editor
has so that they can translate their own pages. Without these guards an editor could translate
another organisation's page, publish a sync without review, or read the site-wide translations
report. Each guard checks the object first and then hands over to wagtail-localize's view; the
routes shadow wagtail-localize's (same paths, registered earlier), so its links lead here.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
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


def translations_report(request, results_only=False):
    if not is_moderator(request.user):
        raise PermissionDenied
    return TranslationsReportView.as_view(results_only=results_only)(request)


def admin_urls():
    return [
        path("localize/submit/page/<int:page_id>/", submit_page_translation),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            submit_snippet_translation,
        ),
        path("localize/update/<int:translation_source_id>/", update_translations),
        path("localize/reports/translations/", translations_report),
        path("localize/reports/translations/results/", translations_report, {"results_only": True}),
    ]
