"""Roles and the review workflow belong to the product: a site without the demo gets them too."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

from practices.models import Organisation, OrganisationPage
from practices.roles import MODERATORS, REVIEW_WORKFLOW, TRAINERS, editors_group_name
from tests.factories import CountryFactory, OrganisationIndexPageFactory, OrganisationPageFactory, locale

pytestmark = pytest.mark.django_db


def forget_all_roles():
    """The database as ``migrate`` leaves it, as far as roles go (the pages stay)."""
    WorkflowPage.objects.all().delete()
    Workflow.objects.all().delete()
    GroupApprovalTask.objects.all().delete()
    Group.objects.all().delete()


def page_rights(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def member_with_a_translated_profile():
    profile = OrganisationPageFactory()
    profile.copy_for_translation(locale("hr"), copy_parents=True)
    return profile


def test_setup_roles_gives_a_site_without_demo_its_roles_and_workflow():
    member_with_a_translated_profile()
    forget_all_roles()
    call_command("setup_roles", verbosity=0)

    root = Page.get_first_root_node()
    moderators = Group.objects.get(name=MODERATORS)
    assert {"add_page", "change_page", "publish_page"} <= page_rights(moderators, root)
    assert {"add_redirect", "change_redirect", "delete_redirect"} <= set(
        moderators.permissions.filter(content_type__app_label="wagtailredirects").values_list(
            "codename", flat=True
        )
    )
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW, active=True)
    assert WorkflowPage.objects.get(page=root).workflow == workflow
    assert list(workflow.tasks.specific()[0].groups.all()) == [moderators]
    assert Group.objects.filter(name=TRAINERS).exists()

    for profile in OrganisationPage.objects.select_related("organisation"):
        groups = Group.objects.filter(page_permissions__page=profile).distinct()
        editors = [group for group in groups if group.name.startswith("Editors: ")]
        assert len(editors) == 1, f"{profile} has one editors group"
        assert page_rights(editors[0], profile) == {"add_page", "change_page"}


def test_setup_roles_can_run_again_without_adding_anything():
    member_with_a_translated_profile()
    call_command("setup_roles", verbosity=0)
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count())
    call_command("setup_roles", verbosity=0)
    assert (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count()) == counts


def test_a_new_member_organisation_gets_its_editors_group_and_collection():
    organisation = Organisation.objects.create(
        name="Kino Otok",
        slug="kino-otok",
        locale=locale("en"),
        country=CountryFactory(),
        city="Vis",
        description="An island cinema run by its audience.",
        year_joined=2026,
    )
    index = OrganisationIndexPageFactory()
    profile = index.add_child(
        instance=OrganisationPage(title="Kino Otok", slug="kino-otok", organisation=organisation)
    )

    editors = Group.objects.get(name=editors_group_name(organisation))
    assert page_rights(editors, profile) == {"add_page", "change_page"}
    collection = Collection.objects.get(name=organisation.name)
    assert GroupCollectionPermission.objects.filter(
        group=editors, collection=collection, permission__codename="add_document"
    ).exists()

    croatian = profile.copy_for_translation(locale("hr"), copy_parents=True)
    assert page_rights(editors, croatian) == {"add_page", "change_page"}, "its translations too"
