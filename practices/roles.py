"""The hub's roles, expressed in Wagtail's own permission model.

* Moderators review every submission: they hold publish rights on the whole tree and are the
  reviewers of the "Platform review" workflow, which covers every page. They also keep the list of
  redirects (Settings → Redirects).
* Each member organisation has an editors group with add and edit rights (never publish) on
  its profile page in every language. Its practices and materials are children of that page,
  so the group can work on them and on nothing else; publishing goes through the workflow.
* Trainers may add workshops and learning paths in every language and edit the ones they
  created (Wagtail's "add" permission covers pages the user owns); moderators review them like
  everything else. They upload handouts, and the images their workshops and paths are listed
  with, into one collection of their own.
* Images and documents, with Wagtail's collection permissions: each organisation's editors add
  to and choose from their organisation's collection, so an upload lands there and another
  organisation's files stay out of their choosers; everyone chooses from the "Shared"
  collection, which moderators (who hold every collection) fill.
* Unpublished work stays with those who may edit or review it: the admin's explorer, page search
  and page chooser list another organisation's or trainer's pages only once they are live
  (``UnpublishedWorkPolicy``).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import LearningPathIndexPage, OrganisationPage, WorkshopIndexPage

MODERATORS = "Moderators"
TRAINERS = "Trainers"
HANDOUTS_COLLECTION = "Workshop handouts"
SHARED_COLLECTION = "Shared"
MEDIA_MODELS = [("wagtailimages", "image"), ("wagtaildocs", "document")]
REVIEW_WORKFLOW = "Platform review"
REVIEW_TASK = "Moderator review"
SNIPPET_MODELS = ["theme", "country", "materialformat", "organisation"]


class UnpublishedWorkPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, except that a page never published is explorable (listed in the
    explorer, found by the admin's page search and the chooser) only by those who may edit or
    publish it. Wagtail lets anyone with rights on a listing page see every page below it, so a
    trainer would otherwise read the titles of other trainers' unpublished workshops."""

    def explorable_instances(self, user):
        return self.without_others_unpublished(user, super().explorable_instances(user))

    def without_others_unpublished(self, user, pages):
        if user.is_superuser or self.user_has_permission(user, "publish"):
            return pages
        own = self.instances_user_has_any_permission_for(user, {"change", "publish"})
        return pages.filter(Q(live=True) | Q(pk__in=own.values("pk")))


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _admin_access():
    return _permission("wagtailadmin", "access_admin")


@transaction.atomic
def ensure_moderators():
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.add(_admin_access(), _permission("wagtail_localize", "submit_translation"))
    for model in SNIPPET_MODELS:
        for action in ("add", "change", "delete"):
            group.permissions.add(_permission("practices", f"{action}_{model}"))
    # Old addresses of moved pages are kept by Wagtail itself; moderators tend the list.
    for action in ("add", "change", "delete"):
        group.permissions.add(_permission("wagtailredirects", f"{action}_redirect"))
    root = Page.get_first_root_node()
    for codename in (
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=_permission("wagtailcore", codename)
        )
    root_collection = Collection.get_first_root_node()
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in ("add", "change", "choose", "delete"):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(app_label, f"{action}_{model}"),
            )
    # Wagtail's starter "Editors" group may edit the whole tree; the hub has no such role.
    Group.objects.filter(name="Editors", user__isnull=True).delete()
    return group


@transaction.atomic
def ensure_review_workflow():
    moderators = ensure_moderators()
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=Page.get_first_root_node(), defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).update(active=False)
    return workflow


def editors_group_name(organisation):
    return f"Editors: {organisation.name}"


@transaction.atomic
def ensure_organisation_editors(organisation, profile_page):
    """The editors group of one organisation, with rights on every translation of its profile page."""
    group, _ = Group.objects.get_or_create(name=editors_group_name(organisation))
    group.permissions.add(_admin_access(), _permission("wagtail_localize", "submit_translation"))
    for page in profile_page.get_translations(inclusive=True):
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_permission("wagtailcore", codename)
            )
    collection = organisation_collection(organisation)
    for app_label, model in MEDIA_MODELS:
        for action in ("add", "change", "choose"):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, f"{action}_{model}")
            )
    allow_choosing_shared_files(group)
    # Groups set up before the "Shared" collection could choose from the root, which holds every
    # organisation's collection.
    GroupCollectionPermission.objects.filter(
        group=group,
        collection=Collection.get_first_root_node(),
        permission__codename__in=[f"choose_{model}" for _app_label, model in MEDIA_MODELS],
    ).delete()
    return group


def organisation_collection(organisation):
    return top_level_collection(organisation.name)


def shared_collection():
    return top_level_collection(SHARED_COLLECTION)


def handouts_collection():
    return top_level_collection(HANDOUTS_COLLECTION)


def top_level_collection(name):
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def allow_choosing_shared_files(group):
    collection = shared_collection()
    for app_label, model in MEDIA_MODELS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app_label, f"choose_{model}")
        )


@transaction.atomic
def ensure_trainers(*index_pages):
    """The trainers group, with add rights on every translation of the given listing pages."""
    group, _ = Group.objects.get_or_create(name=TRAINERS)
    group.permissions.add(_admin_access(), _permission("wagtail_localize", "submit_translation"))
    for index_page in index_pages:
        for page in index_page.get_translations(inclusive=True):
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_permission("wagtailcore", "add_page")
            )
    collection = handouts_collection()
    for app_label, model in MEDIA_MODELS:
        for action in ("add", "choose"):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, f"{action}_{model}")
            )
    allow_choosing_shared_files(group)
    return group


def first_of_each_group(pages):
    """One page of each translation group: the first created (the source of the others)."""
    first = {}
    for page in pages.order_by("pk"):
        first.setdefault(page.translation_key, page)
    return list(first.values())


@transaction.atomic
def setup_roles():
    """Every role on the site as it stands: the moderators and the review workflow, the trainers'
    rights on the workshop and learning-path listings, the "Shared" collection everyone chooses
    from, and each member organisation's editors group and collection. Safe to run again; a member
    organisation added later gets its group when its profile page is created
    (``signals.give_new_member_its_editors``)."""
    ensure_review_workflow()
    ensure_trainers(
        *first_of_each_group(WorkshopIndexPage.objects.all()),
        *first_of_each_group(LearningPathIndexPage.objects.all()),
    )
    for profile in first_of_each_group(OrganisationPage.objects.select_related("organisation")):
        ensure_organisation_editors(profile.organisation, profile)
