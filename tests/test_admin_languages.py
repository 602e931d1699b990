"""The admin in the editors' languages: every one Wagtail's admin is translated into, and for the
others the nearest of those."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from practices.roles import editors_group_name
from tests.factories import OrganisationPageFactory, UserFactory
from translation.middleware import admin_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    profile = OrganisationPageFactory()
    return UserFactory(groups=[Group.objects.get(name=editors_group_name(profile.organisation))])


def html_lang(response):
    return BeautifulSoup(response.content, "html.parser").html["lang"]


def test_account_settings_offer_the_hubs_languages_the_admin_is_translated_into(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_account"))
    select = BeautifulSoup(response.content, "html.parser").find(
        "select", {"name": "locale-preferred_language"}
    )
    offered = [option["value"] for option in select.find_all("option") if option["value"]]
    assert sorted(offered) == ["en", "hr", "sl"]


def test_an_editor_who_chose_croatian_gets_the_dashboard_in_croatian(client, editor):
    client.force_login(editor)
    data = querydict_from_html(client.get(reverse("wagtailadmin_account")).content.decode())
    data["locale-preferred_language"] = "hr"
    client.post(reverse("wagtailadmin_account"), data)
    assert UserProfile.get_for_user(editor).preferred_language == "hr"

    response = client.get(reverse("wagtailadmin_home"), headers={"accept-language": "en"})
    assert response.status_code == 200
    assert html_lang(response) == "hr"
    assert "Kontrolna ploča" in response.content.decode()  # Wagtail's own Croatian for "Dashboard"


@pytest.mark.parametrize(
    ("browser_language", "admin"),
    [("bs", "hr"), ("cnr", "hr"), ("sr", "hr"), ("sr-latn", "hr"), ("sl", "sl"), ("mk", "en"), ("sq", "en")],
)
def test_an_editor_who_has_not_chosen_gets_the_nearest_language_the_admin_has(
    client, editor, browser_language, admin
):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"), headers={"accept-language": browser_language})
    assert response.status_code == 200
    assert html_lang(response) == admin


def test_an_editor_with_settings_but_no_choice_gets_the_nearest_language_too(client, editor):
    UserProfile.get_for_user(editor)
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"), headers={"accept-language": "bs"})
    assert html_lang(response) == "hr"


def test_every_hub_language_has_an_admin_language():
    assert {
        code: admin_language(code) for code in ["en", "bs", "hr", "sr-latn", "sr", "cnr", "mk", "sl", "sq"]
    } == {
        "en": "en",
        "bs": "hr",
        "hr": "hr",
        "sr-latn": "hr",
        "sr": "hr",
        "cnr": "hr",
        "mk": "en",
        "sl": "sl",
        "sq": "en",
    }
