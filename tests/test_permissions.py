"""The permission matrix, exercised through Wagtail's own admin views with a user of each role."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from practices.models import GoodPracticePage, OrganisationPage

ORG_A = "kulturni-centar-most"
ORG_B = "pokret-tuzla"

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def practice_of(organisation_slug):
    """The organisation's first practice in the language it was written in.

    Translations open in wagtail-localize's translation editor instead of the page form.
    """
    return GoodPracticePage.objects.live().filter(organisation__slug=organisation_slug).order_by("pk").first()


def edit_form_data(client, user, page, **changes):
    """The edit form of ``page`` as ``user`` sees it, with some values changed."""
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # StreamFields are drawn by JavaScript, so the HTML carries no inputs for them: post them empty.
    data["media-count"] = "0"
    for name, value in changes.items():
        data[name] = value
    return data


@pytest.fixture
def page_a():
    return practice_of(ORG_A)


@pytest.fixture
def page_b():
    return practice_of(ORG_B)


def test_editor_opens_own_page_but_not_another_organisations(client, editor_of, page_a, page_b):
    client.force_login(editor_of(ORG_A))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page_a.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page_b.pk]))
    assert response.status_code in (302, 403)
    assert page_b.title.encode() not in response.content


def test_editor_cannot_edit_another_organisations_page(client, editor_of, moderator, page_b):
    data = edit_form_data(client, moderator, page_b, title="Hijacked")
    client.force_login(editor_of(ORG_A))
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page_b.pk]), data)
    assert response.status_code in (302, 403)
    page_b.refresh_from_db()
    assert page_b.get_latest_revision_as_object().title != "Hijacked"


def test_editor_cannot_delete_another_organisations_page(client, editor_of, page_b):
    client.force_login(editor_of(ORG_A))
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page_b.pk]))
    assert response.status_code in (302, 403)
    assert GoodPracticePage.objects.filter(pk=page_b.pk).exists()


def test_editor_cannot_move_another_organisations_page_into_their_own(client, editor_of, page_a, page_b):
    own_profile = page_a.get_parent()
    client.force_login(editor_of(ORG_A))
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[page_b.pk, own_profile.pk]))
    assert response.status_code in (302, 403)
    page_b.refresh_from_db()
    assert page_b.get_parent().specific.organisation.slug == ORG_B


def test_editor_cannot_move_own_page_to_another_organisation(client, editor_of, page_a, page_b):
    client.force_login(editor_of(ORG_A))
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[page_a.pk, page_b.get_parent().pk]))
    page_a.refresh_from_db()
    assert page_a.get_parent().specific.organisation.slug == ORG_A


def test_editor_cannot_publish_another_organisations_page(client, editor_of, moderator, page_b):
    data = edit_form_data(client, moderator, page_b, title="Published by a stranger")
    data["action-publish"] = "action-publish"
    client.force_login(editor_of(ORG_A))
    client.post(reverse("wagtailadmin_pages:edit", args=[page_b.pk]), data)
    page_b.refresh_from_db()
    assert page_b.title != "Published by a stranger"


def test_editor_cannot_publish_own_page_directly(client, editor_of, page_a):
    editor = editor_of(ORG_A)
    assert not page_a.permissions_for_user(editor).can_publish()
    data = edit_form_data(client, editor, page_a, title="Published without review")
    data["action-publish"] = "action-publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[page_a.pk]), data)
    page_a.refresh_from_db()
    assert page_a.title != "Published without review"


def test_editor_can_add_pages_only_under_own_organisation(client, editor_of, page_a, page_b):
    client.force_login(editor_of(ORG_A))
    own = reverse("wagtailadmin_pages:add", args=["practices", "goodpracticepage", page_a.get_parent().pk])
    other = reverse("wagtailadmin_pages:add", args=["practices", "goodpracticepage", page_b.get_parent().pk])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code in (302, 403)


def test_editor_permissions_follow_the_translations_of_their_profile(editor_of, page_a):
    editor = editor_of(ORG_A)
    for profile in page_a.get_parent().get_translations(inclusive=True):
        assert profile.permissions_for_user(editor).can_add_subpage()
    other_profile = OrganisationPage.objects.get(organisation__slug=ORG_B, locale=Locale.get_default())
    assert not other_profile.permissions_for_user(editor).can_add_subpage()


def test_submission_is_reviewed_and_approval_publishes_with_badge(client, editor_of, moderator, page_a):
    editor = editor_of(ORG_A)
    data = edit_form_data(client, editor, page_a, title="Shared Stage, revised")
    data["action-submit"] = "action-submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page_a.pk]), data)
    assert response.status_code == 302
    page_a.refresh_from_db()
    assert page_a.title != "Shared Stage, revised"
    state = WorkflowState.objects.get(object_id=str(page_a.pk), status=WorkflowState.STATUS_IN_PROGRESS)

    client.force_login(moderator)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page_a.pk, "approve", state.current_task_state.pk]
    )
    response = client.post(url, {"comment": "Clear and useful."})
    assert response.status_code in (200, 302)
    page_a.refresh_from_db()
    assert page_a.title == "Shared Stage, revised"
    review = page_a.specific.platform_review
    assert review.finished_by == moderator

    client.logout()
    public = client.get(page_a.url)
    assert public.status_code == 200
    assert "Shared Stage, revised" in public.content.decode()


def test_moderator_can_request_changes(client, editor_of, moderator, page_a):
    editor = editor_of(ORG_A)
    data = edit_form_data(client, editor, page_a, title="Needs work")
    data["action-submit"] = "action-submit"
    client.post(reverse("wagtailadmin_pages:edit", args=[page_a.pk]), data)
    state = WorkflowState.objects.get(object_id=str(page_a.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    client.force_login(moderator)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page_a.pk, "reject", state.current_task_state.pk]
    )
    client.post(url, {"comment": "Please add figures."})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    page_a.refresh_from_db()
    assert page_a.title != "Needs work"


def test_anonymous_visitor_sees_only_live_pages(client, page_a):
    url = page_a.url
    assert client.get(url).status_code == 200
    page_a.unpublish()
    assert client.get(url).status_code == 404


def test_anonymous_visitor_does_not_see_drafts(client, editor_of, page_a):
    draft = page_a.get_latest_revision_as_object()
    draft.title = "Unreviewed draft title"
    draft.save_revision(user=editor_of(ORG_A))
    response = client.get(page_a.url)
    assert response.status_code == 200
    assert "Unreviewed draft title" not in response.content.decode()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page_a.pk])).status_code == 302
