"""The admin's page search shows a user's colleagues' unpublished work only to those who review it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from practices.models import GoodPracticePage, WorkshopPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

DRAFT_TITLE = "Nacrt 4711 bez pregleda"


def draft_copy(page, owner):
    copy = page.copy(
        update_attrs={"title": DRAFT_TITLE, "draft_title": DRAFT_TITLE, "slug": "nacrt-4711", "live": False},
        keep_live=False,
        user=owner,
    )
    copy.owner = owner
    copy.save()
    return copy


def admin_search(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "4711"})
    assert response.status_code == 200
    return response.content.decode()


def test_editors_do_not_see_other_organisations_drafts(client):
    practice = GoodPracticePage.objects.filter(organisation__slug="pokret-tuzla").order_by("pk").first()
    draft_copy(practice, get_user_model().objects.get(username="editor-pokret-tuzla"))

    assert DRAFT_TITLE in admin_search(client, "editor-pokret-tuzla")
    assert DRAFT_TITLE in admin_search(client, "moderator")
    assert DRAFT_TITLE not in admin_search(client, "editor-kulturni-centar-most")


def test_trainers_do_not_see_other_trainers_drafts(client):
    ivana = get_user_model().objects.get(username="trainer-ivana")
    draft_copy(WorkshopPage.objects.filter(owner=ivana).order_by("pk").first(), ivana)

    assert DRAFT_TITLE in admin_search(client, "trainer-ivana")
    assert DRAFT_TITLE not in admin_search(client, "trainer-lejla")


def test_the_page_chooser_hides_other_organisations_drafts(client):
    practice = GoodPracticePage.objects.filter(organisation__slug="pokret-tuzla").order_by("pk").first()
    draft_copy(practice, get_user_model().objects.get(username="editor-pokret-tuzla"))
    client.force_login(get_user_model().objects.get(username="editor-kulturni-centar-most"))

    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "4711"})

    assert response.status_code == 200
    assert DRAFT_TITLE not in response.content.decode()
