"""The enquiries inbox in the admin: an organisation's editors read and delete the messages written
to their organisation; moderators and superusers get the number each organisation received."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import DeleteView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from .models import Enquiry
from .readers import EnquiryPermissionPolicy, counts_per_organisation, organisations_read_by, sees_counts

enquiry_policy = EnquiryPermissionPolicy(Enquiry)
register_permission_policy(Enquiry, enquiry_policy)


class ReadableOnlyMixin:
    def get_readable(self):
        return enquiry_policy.instances_user_has_permission_for(self.request.user, "view")


class InboxView(ReadableOnlyMixin, IndexView):
    def dispatch(self, request, *args, **kwargs):
        # Someone who may read no organisation's messages but may count them gets the counts.
        if not organisations_read_by(request.user).exists() and sees_counts(request.user):
            return redirect("enquiries_inbox:counts")
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return self.get_readable().select_related("organisation")


class EnquiryInspectView(ReadableOnlyMixin, InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.get_readable(), pk=self.pk)


class EnquiryDeleteView(ReadableOnlyMixin, DeleteView):
    def get_queryset(self):
        return self.get_readable()


def counts_view(request):
    if not sees_counts(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "enquiries/admin/counts.html",
        {
            "rows": counts_per_organisation(),
            "inbox_url": reverse("enquiries_inbox:index")
            if organisations_read_by(request.user).exists()
            else "",
        },
    )


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    name = "enquiries_inbox"
    url_prefix = "enquiries"
    icon = "mail"
    menu_label = _("Enquiries")
    menu_order = 250
    add_to_admin_menu = True
    permission_policy = enquiry_policy
    index_view_class = InboxView
    inspect_view_class = EnquiryInspectView
    delete_view_class = EnquiryDeleteView
    inspect_view_enabled = True
    # No one writes an enquiry in the admin (the policy refuses adding and editing); Wagtail still
    # builds the form of those views.
    form_fields = []
    copy_view_enabled = False
    # The sender's name opens the message; its menu has "Delete".
    list_display = [
        "sender_name",
        "page_title",
        "organisation",
        Column("language", label=capfirst(_("language")), accessor="get_language_display"),
        DateColumn("created_at", label=capfirst(_("received"))),
    ]
    inspect_view_fields = [
        "created_at",
        "organisation",
        "page_title",
        "page",
        "sender_name",
        "sender_email",
        "language",
        "message",
        "emailed",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("counts/", counts_view, name="counts")]


@hooks.register("register_admin_viewset")
def register_enquiry_viewset():
    return EnquiryViewSet()
