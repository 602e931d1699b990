"""Who may read enquiries. A message is for the organisation it was written to: its editors (the
group with edit rights on the organisation's profile page, practices/roles.py) read and delete it.
Moderators and superusers of the platform see how many messages each organisation receives, never
their contents, because the privacy notice promises the sender that only the organisation reads them."""

from django.db.models import Count
from wagtail.permission_policies.base import BasePermissionPolicy

from practices.models import Organisation, OrganisationPage
from practices.roles import MODERATORS

from .models import Enquiry


def organisations_read_by(user):
    """The organisations whose editors group the user is in: rights granted on their profile page
    itself (a moderator's rights come from the root, so they do not count here)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    keys = OrganisationPage.objects.filter(
        group_permissions__group__user=user, group_permissions__permission__codename="change_page"
    ).values("organisation__translation_key")
    return Organisation.objects.filter(translation_key__in=keys)


def sees_counts(user):
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


def counts_per_organisation():
    """(organisation, number of messages) for every organisation, the most written to first."""
    totals = {}
    for row in Enquiry.objects.values("organisation__translation_key").annotate(total=Count("pk")):
        totals[row["organisation__translation_key"]] = row["total"]
    originals = {}
    for organisation in Organisation.objects.order_by("pk"):
        originals.setdefault(organisation.translation_key, organisation)
    rows = [(organisation, totals.get(key, 0)) for key, organisation in originals.items()]
    return sorted(rows, key=lambda row: (-row[1], row[0].name))


class EnquiryPermissionPolicy(BasePermissionPolicy):
    """Editors view and delete their organisation's messages; nobody adds or changes one in the admin."""

    def user_has_permission(self, user, action):
        if action == "view":
            return sees_counts(user) or organisations_read_by(user).exists()
        if action == "delete":
            return organisations_read_by(user).exists()
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        if not {"view", "delete"} & set(actions):
            return Enquiry.objects.none()
        return Enquiry.objects.for_organisations(organisations_read_by(user))

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()
