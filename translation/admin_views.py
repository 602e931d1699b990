"""Admin views of translation: the translation status report (with its dashboard panel),
deriving the other Serbian script's translation of a page by transliteration, and submitting a
translation for review."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from .status import (
    MISSING,
    NEEDS_WORK,
    OUTDATED,
    STATUS_ICONS,
    STATUS_LABELS,
    STATUSES,
    TRANSLATED,
    StatusCollector,
    can_view_translation_status,
    translation_status,
)
from .transliteration import SERBIAN_SCRIPTS, derive_other_script

# --- the translation status report ------------------------------------------------------------


def _keep(queryset, name, value):
    return queryset  # the report filters its rows itself, see TranslationStatusView.get_queryset


class TranslationStatusFilterSet(WagtailFilterSet):
    organisation = django_filters.ChoiceFilter(
        label=gettext_lazy("Organisation"), empty_label=gettext_lazy("All"), method=_keep, widget=forms.Select
    )
    type = django_filters.ChoiceFilter(
        label=gettext_lazy("Type"), empty_label=gettext_lazy("All"), method=_keep, widget=forms.Select
    )
    locale = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"), empty_label=gettext_lazy("All"), method=_keep, widget=forms.Select
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        empty_label=gettext_lazy("Any"),
        method=_keep,
        widget=forms.RadioSelect,
        choices=[
            (NEEDS_WORK, gettext_lazy("Needs work (outdated or missing)")),
            (OUTDATED, STATUS_LABELS[OUTDATED]),
            (MISSING, STATUS_LABELS[MISSING]),
            (TRANSLATED, STATUS_LABELS[TRANSLATED]),
        ],
    )

    def __init__(self, *args, status_data=None, **kwargs):
        super().__init__(*args, **kwargs)
        if status_data is not None:
            self.filters["organisation"].extra["choices"] = status_data.organisation_choices
            self.filters["type"].extra["choices"] = status_data.type_choices
            self.filters["locale"].extra["choices"] = [
                (locale.language_code, locale.get_display_name()) for locale in status_data.locales
            ]


class TranslationStatusView(ReportView):
    template_name = "translation/admin/status.html"
    results_template_name = "translation/admin/status_results.html"
    index_url_name = "translation_status:index"
    index_results_url_name = "translation_status:index_results"
    page_title = gettext_lazy("Translation status")
    header_icon = "wagtail-localize-language"
    filterset_class = TranslationStatusFilterSet
    paginate_by = 50
    export_filename = "translation-status"
    verbose_name_plural = gettext_lazy("pages and snippets")

    @cached_property
    def all_rows(self):
        next_url = self.index_url
        if self.request.GET:
            params = self.request.GET.copy()
            params.pop("_w_filter_fragment", None)
            params.pop("export", None)
            if params:
                next_url += "?" + params.urlencode()
        return StatusCollector(self.request.user, next_url=next_url).collect()

    def get_filterset_kwargs(self):
        return {
            **super().get_filterset_kwargs(),
            "queryset": Page.objects.none(),
            "status_data": self.all_rows,
        }

    @cached_property
    def report(self):
        chosen = {}
        if self.filters is not None:
            self.filters.is_valid()  # an invalid value (an organisation the user cannot see) is left out
            chosen = {name: value for name, value in self.filters.form.cleaned_data.items() if value}
        return self.all_rows.filter(**chosen)

    def get_queryset(self):
        return self.report.rows

    def filter_queryset(self, queryset):
        return queryset

    @property
    def list_export(self):
        return ["title", "type_label", "organisation_name", "source_locale_code"] + [
            f"status_by_locale.{locale.language_code}" for locale in self.report.locales
        ]

    @property
    def export_headings(self):
        headings = {
            "title": gettext_lazy("Title"),
            "type_label": gettext_lazy("Type"),
            "organisation_name": gettext_lazy("Organisation"),
            "source_locale_code": gettext_lazy("Source language"),
        }
        for locale in self.report.locales:
            headings[f"status_by_locale.{locale.language_code}"] = locale.get_display_name()
        return headings

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["report"] = self.report
        context["statuses"] = [(status, STATUS_LABELS[status], STATUS_ICONS[status]) for status in STATUSES]
        return context


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_translation_status(request.user)


class TranslationStatusPanel(Component):
    """Dashboard panel: translated / outdated / missing per locale, with a link to the report."""

    name = "translation_status"
    template_name = "translation/admin/status_panel.html"
    order = 260

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        report = translation_status(self.user)
        return {
            "report": report,
            "report_url": reverse("translation_status:index"),
            "statuses": [(status, STATUS_LABELS[status]) for status in (TRANSLATED, OUTDATED, MISSING)],
        }


urlpatterns = [
    path("", TranslationStatusView.as_view(), name="index"),
    path("results/", TranslationStatusView.as_view(results_only=True), name="index_results"),
]


def admin_urls():
    return [path("reports/translation-status/", include((urlpatterns, "translation_status")))]


# --- Serbian in both scripts: derive one from the other ------------------------------------


def _target(page):
    """The other script's locale, and the page's existing version in it (or None)."""
    target_locale = Locale.objects.get(language_code=SERBIAN_SCRIPTS[page.locale.language_code])
    return target_locale, page.get_translation_or_none(target_locale)


def can_derive(page, user):
    if page.locale.language_code not in SERBIAN_SCRIPTS or not page.permissions_for_user(user).can_edit():
        return False
    target_locale, existing = _target(page)
    if existing is not None:
        return existing.permissions_for_user(user).can_edit()
    parent = page.get_parent().get_translation_or_none(target_locale)
    return parent is not None and parent.permissions_for_user(user).can_add_subpage()


def derive_script(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_derive(page, request.user):
        raise PermissionDenied
    target_locale, existing = _target(page)
    if request.method == "POST":
        try:
            derived = derive_other_script(page, user=request.user)
        except ValueError as error:
            messages.error(request, str(error))
            return redirect("wagtailadmin_pages:edit", page.pk)
        messages.success(
            request,
            _("“%(title)s” has a transliterated %(language)s draft. Review it and submit it for moderation.")
            % {
                "title": derived.get_latest_revision_as_object().title,
                "language": target_locale.get_display_name(),
            },
        )
        return redirect("wagtailadmin_pages:edit", derived.pk)
    return TemplateResponse(
        request,
        "translation/admin/derive_script.html",
        {"page": page, "target_locale": target_locale, "existing": existing},
    )


class DeriveOtherScriptMenuItem(PageMenuItem):
    icon_name = "globe"

    @property
    def label(self):
        target = SERBIAN_SCRIPTS.get(self.page.locale.language_code)
        if target == "sr":
            return gettext_lazy("Transliterate into Serbian Cyrillic")
        return gettext_lazy("Transliterate into Serbian Latin")

    def is_shown(self, user):
        return can_derive(self.page.specific, user)

    @property
    def url(self):
        return reverse("translation_derive_script", args=[self.page.pk])


# --- a translation submitted for review, as an original is ------------------------------------


def translation_of(page):
    """wagtail-localize's synced translation into the page's locale, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )


def can_submit_translation(page, user):
    """Whether ``user`` sends this translation to review rather than publishing it: they may edit it
    but not publish it, and it is not already waiting."""
    permissions = page.permissions_for_user(user)
    return (
        permissions.can_edit()
        and not permissions.can_publish()
        and page.get_workflow() is not None
        and not page.workflow_in_progress
    )


@require_POST
def submit_translation(request, page_id):
    """Save the translated text as a draft and start the page's workflow ("Platform review"), as
    Wagtail's own "Submit for moderation" does for an original: the translation editor offers
    publishing only, to those who may publish."""
    page = get_object_or_404(Page, pk=page_id).specific
    translation = translation_of(page)
    if translation is None or not can_submit_translation(page, request.user):
        raise PermissionDenied
    try:
        translation.save_target(user=request.user, publish=False)
    except ValidationError:
        messages.error(
            request,
            _("The translation cannot be submitted yet: some required fields are still untranslated."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    page.refresh_from_db()
    workflow = page.get_workflow()
    workflow.start(page, request.user)
    messages.success(
        request,
        _("“%(title)s” in %(language)s was submitted to %(workflow)s.")
        % {
            "title": page.get_latest_revision_as_object().title,
            "language": page.locale.get_display_name(),
            "workflow": workflow.name,
        },
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
