"""A trainer's dashboard lists their own workshops and learning paths and starts new ones."""

import re

import pytest

from practices.models import WorkshopIndexPage
from practices.roles import ensure_trainers
from tests.factories import LearningPathPageFactory, UserFactory, WorkshopPageFactory, locale

pytestmark = pytest.mark.django_db


def test_a_trainer_sees_their_own_workshops_and_paths_and_can_start_new_ones(client):
    trainer = UserFactory()
    mine = WorkshopPageFactory(owner=trainer, title="Facilitating a budget clinic")
    WorkshopPageFactory(title="Someone else's workshop")
    path = LearningPathPageFactory(owner=trainer, title="From idea to festival")
    trainer.groups.add(ensure_trainers(mine.get_parent(), path.get_parent()))
    client.force_login(trainer)

    html = client.get("/admin/").content.decode()

    assert "Facilitating a budget clinic" in html
    # Each title is marked with its language, whatever the admin's.
    assert f'<td lang="{mine.locale.language_code}"><a href="/admin/pages/{mine.pk}/edit/">' in html
    assert f"/admin/pages/{mine.pk}/edit/" in html
    assert "From idea to festival" in html and f"/admin/pages/{path.pk}/edit/" in html
    assert "Someone else&#x27;s workshop" not in html and "Someone else's workshop" not in html
    # "New workshop" adds one under the workshops listing in the trainer's language.
    listing_id = re.search(r"/admin/pages/add/practices/workshoppage/(\d+)/", html).group(1)
    assert WorkshopIndexPage.objects.get(pk=listing_id).locale.language_code == "en"


def test_new_workshops_start_in_the_language_the_trainer_reads_not_the_admins(client):
    """The admin has no Macedonian (a Macedonian browser gets it in English), yet a Macedonian
    trainer's new workshop belongs in the Macedonian listing."""
    listing = WorkshopPageFactory().get_parent()
    listing.copy_for_translation(locale("mk"), copy_parents=True)
    client.force_login(UserFactory(groups=[ensure_trainers(listing)]))

    html = client.get("/admin/", headers={"accept-language": "mk"}).content.decode()

    assert re.search(r'<html lang="en"', html), "the admin itself is in English"
    listing_id = re.search(r"/admin/pages/add/practices/workshoppage/(\d+)/", html).group(1)
    assert WorkshopIndexPage.objects.get(pk=listing_id).locale.language_code == "mk"


def test_the_panel_is_only_for_trainers(client):
    client.force_login(UserFactory(is_superuser=True))
    assert "My workshops" not in client.get("/admin/").content.decode()
