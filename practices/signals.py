"""Keep organisation ownership and organisation-scoped permissions right."""

from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission
from wagtail.signals import post_page_move

from . import roles
from .models import (
    GoodPracticePage,
    LearningPathIndexPage,
    OrganisationPage,
    TrainingMaterialPage,
    WorkshopIndexPage,
)


def update_owner_after_move(sender, instance, **kwargs):
    for model in (GoodPracticePage, TrainingMaterialPage):
        for page in model.objects.descendant_of(instance, inclusive=True):
            owner = page.owning_organisation()
            if owner and owner.pk != page.organisation_id:
                model.objects.filter(pk=page.pk).update(organisation=owner)


def share_permissions_with_new_translation(sender, instance, created, raw=False, **kwargs):
    """A translated profile or listing page gets the same group permissions as the page it translates."""
    if not created or raw:
        return
    translations = instance.get_translations()
    granted = GroupPagePermission.objects.filter(page__in=translations).values_list(
        "group_id", "permission_id"
    )
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group_id=group_id, permission_id=permission_id, page=instance)
            for group_id, permission_id in set(granted)
        ],
        ignore_conflicts=True,
    )


def give_new_member_its_editors(sender, instance, created, raw=False, **kwargs):
    """A new member organisation's profile page comes with its editors group and collection (its
    translations share the group's rights through ``share_permissions_with_new_translation``)."""
    if created and not raw and not instance.get_translations().exists():
        roles.ensure_organisation_editors(instance.organisation, instance)


def connect():
    post_page_move.connect(update_owner_after_move, dispatch_uid="practices-update-owner-after-move")
    post_save.connect(
        give_new_member_its_editors,
        sender=OrganisationPage,
        dispatch_uid="practices-give-new-member-its-editors",
    )
    for model in (OrganisationPage, WorkshopIndexPage, LearningPathIndexPage):
        post_save.connect(
            share_permissions_with_new_translation,
            sender=model,
            dispatch_uid=f"practices-share-permissions-with-translation-{model.__name__}",
        )
