"""Keep organisation ownership, organisation-scoped permissions and the live translations right."""

from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission, Page, Revision
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


def keep_live_translation_until_published(sender, instance, created, raw=False, **kwargs):
    """Unreviewed translated text never reaches a live page.

    wagtail-localize writes a page translation's new text into the page row itself, even when
    it only saves a draft (wagtail-localize #655), and the row is what visitors see. When a new
    revision of a live translated page is saved, the row is put back to the live revision; the
    new text stays in the draft revision until it is published through the workflow.
    """
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
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Page).pk


def _is_translation(page):
    from wagtail_localize.models import TranslationSource

    sources = TranslationSource.objects.filter(object_id=page.translation_key)
    return sources.exclude(locale=page.locale).exists()


def connect():
    post_page_move.connect(update_owner_after_move, dispatch_uid="practices-update-owner-after-move")
    post_save.connect(
        keep_live_translation_until_published,
        sender=Revision,
        dispatch_uid="practices-keep-live-translation-until-published",
    )
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
