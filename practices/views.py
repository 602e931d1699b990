"""Admin views: derive the other Serbian script's translation of a page by transliteration, and
duplicate a workshop as a trainer's own editable draft."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.actions.copy_page import CopyPageAction
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page

from .models import WorkshopPage
from .models.workshops import can_duplicate
from .transliteration import SERBIAN_SCRIPTS, derive_other_script


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
        "practices/admin/derive_script.html",
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
        return reverse("practices_derive_script", args=[self.page.pk])


# --- duplicate a workshop ----------------------------------------------------------------------


def _may_duplicate(user, workshop):
    """A trainer starts from any published workshop, or from one they can already edit."""
    visible = workshop.live or workshop.permissions_for_user(user).can_edit()
    return visible and can_duplicate(user, workshop)


def duplicate_workshop(request, page_id):
    workshop = get_object_or_404(WorkshopPage, pk=page_id)
    if not _may_duplicate(request.user, workshop):
        raise PermissionDenied
    if request.method == "POST":
        parent = workshop.get_parent()
        title = _("%(title)s (copy)") % {"title": workshop.title}
        # The copy is the trainer's: Wagtail's own copy would require edit rights on the original.
        copy = CopyPageAction(
            workshop,
            to=parent,
            update_attrs={
                "title": title,
                "draft_title": title,
                "slug": find_available_slug(parent, workshop.slug),
                "owner": request.user,
            },
            copy_revisions=False,
            keep_live=False,
            user=request.user,
        ).execute(skip_permission_checks=True)
        messages.success(
            request,
            _("“%(title)s” is your own draft copy. Adapt it, then submit it for moderation.")
            % {"title": title},
        )
        return redirect("wagtailadmin_pages:edit", copy.pk)
    return TemplateResponse(request, "practices/admin/duplicate_workshop.html", {"page": workshop})


class DuplicateWorkshopMenuItem(PageMenuItem):
    icon_name = "copy"
    label = gettext_lazy("Duplicate this workshop")

    def is_shown(self, user):
        return isinstance(self.page.specific, WorkshopPage) and _may_duplicate(user, self.page.specific)

    @property
    def url(self):
        return reverse("practices_duplicate_workshop", args=[self.page.pk])
