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

from .models import WorkshopPage
from .models.workshops import can_duplicate


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
