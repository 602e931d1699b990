"""Themes, countries, formats and organisations in the admin: each offered once, in the editor's
language; the page stores the original copy, which its translations carry and the listings filter."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from practices.models import (
    Country,
    GoodPracticePage,
    Organisation,
    PracticeIndexPage,
    Theme,
    WorkshopPage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

EDITOR_ORGANISATION = "kulturni-centar-most"


def originals(model):
    """The first-created copy of each translation group, by group."""
    first = {}
    for term in model.objects.order_by("pk"):
        first.setdefault(term.translation_key, term)
    return first


def in_language(model, language_code):
    return {term.translation_key: term for term in model.objects.filter(locale__language_code=language_code)}


def prefers(user, language_code):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language_code
    profile.save()
    return user


def first_of(model, **filters):
    """The original version of the first page (by id) matching ``filters``: translations open in
    wagtail-localize's editor, not the page form."""
    return model.objects.filter(**filters).order_by("pk").first()


def latest_draft(page):
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def edit_page(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def checkboxes(html, name):
    """(value, label, checked) of each checkbox named ``name``."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        (box["value"], box.parent.get_text(strip=True), box.has_attr("checked"))
        for box in soup.find_all("input", {"type": "checkbox", "name": name})
    ]


def posted_form(html, **changes):
    data = querydict_from_html(html, form_id="page-edit-form")
    # StreamFields are drawn by JavaScript, so the HTML carries no inputs for them: post them empty.
    for stream in ("media", "files", "objectives", "agenda", "steps"):
        data.setdefault(f"{stream}-count", "0")
    for name, values in changes.items():
        data.setlist(name, [str(value) for value in values])
    # The test client posts a QueryDict's last value of each name only: post the lists.
    return dict(data.lists())


@pytest.fixture
def croatian_editor(editor_of):
    return prefers(editor_of(EDITOR_ORGANISATION), "hr")


@pytest.fixture
def practice():
    return first_of(GoodPracticePage, organisation__slug=EDITOR_ORGANISATION)


# --- the page form -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "model"), [("themes", Theme), ("countries", Country), ("partners", Organisation)]
)
def test_the_practice_form_offers_each_term_once_in_the_editors_language(
    client, croatian_editor, practice, field, model
):
    client.force_login(croatian_editor)
    offered = checkboxes(edit_page(client, practice), field)

    croatian = in_language(model, "hr")
    assert len(offered) == len(originals(model)) == len(croatian), "one choice per term"
    assert {int(value) for value, _label, _checked in offered} == {term.pk for term in croatian.values()}
    assert [label for _value, label, _checked in offered] == [term.name for term in croatian.values()]
    ticked = {int(value) for value, _label, checked in offered if checked}
    linked = getattr(practice, field).all()
    assert ticked == {croatian[term.translation_key].pk for term in linked}


def test_the_editor_ticks_croatian_terms_and_the_page_stores_the_originals_its_translations_carry(
    client, croatian_editor, moderator, practice
):
    croatian_themes = in_language(Theme, "hr")
    wanted = [croatian_themes[key] for key in list(croatian_themes)[:2]]
    client.force_login(croatian_editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[practice.pk]),
        posted_form(edit_page(client, practice), themes=[term.pk for term in wanted]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    expected = {originals(Theme)[term.translation_key] for term in wanted}
    draft = latest_draft(practice)
    assert set(draft.themes.all()) == expected

    # The moderator approves it; the translations are synced from it.
    draft.get_latest_revision().publish(user=moderator)
    published = GoodPracticePage.objects.get(pk=practice.pk)
    source, _created = TranslationSource.update_or_create_from_instance(published)
    translations = Translation.objects.filter(source=source)
    assert translations.exists(), "the demo translates this practice"
    for translation in translations:
        # wagtail-localize publishes when the outermost transaction commits, which a test's never
        # does: the translation's new revision is published here instead.
        translation.save_target(user=moderator, publish=False)
        translated = published.get_translation(translation.target_locale)
        translated.get_latest_revision().publish(user=moderator)
        assert set(GoodPracticePage.objects.get(pk=translated.pk).themes.all()) == expected

    slug = wanted[0].slug
    for language_code in ("en", "hr"):
        listing = PracticeIndexPage.objects.get(locale__language_code=language_code)
        listed = client.get(listing.url, {"theme": slug}).context["page_obj"].paginator.object_list
        assert practice.translation_key in {page.translation_key for page in listed}, language_code


def test_partners_all_removed_from_a_practice_leave_its_translations_on_sync(moderator):
    practice = next(
        page
        for page in GoodPracticePage.objects.order_by("pk")
        if page.partners.exists()
        and Translation.objects.filter(source__object_id=page.translation_key).exists()
    )
    practice.partners = []
    practice.save_revision(user=moderator).publish(user=moderator)

    source, _created = TranslationSource.update_or_create_from_instance(
        GoodPracticePage.objects.get(pk=practice.pk)
    )
    for translation in Translation.objects.filter(source=source):
        translation.save_target(user=moderator, publish=False)
        translated = practice.get_translation(translation.target_locale)
        assert not latest_draft(translated).partners.exists(), translation.target_locale


def test_a_link_to_another_copy_made_before_shows_as_its_term_and_is_saved_as_the_original(
    client, croatian_editor, practice
):
    partner = next(
        organisation
        for organisation in originals(Organisation).values()
        if organisation.slug != EDITOR_ORGANISATION
    )
    practice.partners = [partner.get_translation(Locale.objects.get(language_code="sl"))]
    practice.save()
    practice.save_revision()

    client.force_login(croatian_editor)
    html = edit_page(client, practice)
    ticked = [int(value) for value, _label, checked in checkboxes(html, "partners") if checked]
    assert ticked == [partner.get_translation(Locale.objects.get(language_code="hr")).pk]

    client.post(reverse("wagtailadmin_pages:edit", args=[practice.pk]), posted_form(html))
    assert list(latest_draft(practice).partners.all()) == [partner]


@pytest.mark.parametrize("bad", ["abc", "99999999", "-1", "1e3", "\x00"])
def test_a_bad_term_value_is_a_form_error_not_a_crash(client, croatian_editor, practice, bad):
    client.force_login(croatian_editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[practice.pk]),
        posted_form(edit_page(client, practice), themes=[bad]),
    )
    assert response.status_code == 200
    assert (
        BeautifulSoup(response.content, "html.parser")
        .select_one("[id$='-themes-errors']")
        .get_text(strip=True)
    )


# --- the snippet chooser and a ForeignKey ------------------------------------------------------


def chooser_rows(client, **params):
    """The names listed by the organisation chooser's results (its search and its pages)."""
    response = client.get(reverse("wagtailsnippetchoosers_practices_organisation:choose_results"), params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select("a[data-chooser-modal-choice]")]


@pytest.fixture
def slovenian_trainer(db):
    return prefers(get_user_model().objects.get(username="trainer-lejla"), "sl")


def test_the_organisation_chooser_lists_each_organisation_once_in_the_editors_language(
    client, slovenian_trainer
):
    client.force_login(slovenian_trainer)
    slovenian = in_language(Organisation, "sl")
    names = []
    for page in (1, 2, 3):
        names += chooser_rows(client, p=page)
    assert sorted(names) == sorted(organisation.name for organisation in slovenian.values())

    partner = next(iter(originals(Organisation).values()))
    croatian_name = partner.get_translation(Locale.objects.get(language_code="hr")).name
    found = chooser_rows(client, q=croatian_name)
    assert slovenian[partner.translation_key].name in found


def test_a_country_chosen_in_the_editors_language_is_stored_as_the_original(client, moderator):
    organisation = next(iter(originals(Organisation).values()))
    country = next(term for term in originals(Country).values() if term.pk != organisation.country_id)
    slovenian = Locale.objects.get(language_code="sl")
    client.force_login(prefers(moderator, "sl"))
    url = reverse("wagtailsnippets_practices_organisation:edit", args=[organisation.pk])
    html = client.get(url).content.decode()
    shown = BeautifulSoup(html, "html.parser").find("input", {"name": "country"})["value"]
    assert int(shown) == organisation.country.get_translation(slovenian).pk

    data = querydict_from_html(html, form_id="w-editor-form")
    data["country"] = str(country.get_translation(slovenian).pk)
    response = client.post(url, dict(data.lists()))
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation.refresh_from_db()
    assert organisation.country == country


# --- links made before: the data migration -------------------------------------------------------


def test_the_migration_points_links_to_other_copies_at_the_originals(practice):
    migration = importlib.import_module("practices.migrations.0003_links_to_original_terms")
    croatian = Locale.objects.get(language_code="hr")
    theme = practice.themes.first()
    country = practice.countries.first()
    practice.themes = [theme, theme.get_translation(croatian)]
    practice.countries = [country.get_translation(croatian)]
    practice.save()
    organiser = WorkshopPage.objects.order_by("pk").first()
    WorkshopPage.objects.filter(pk=organiser.pk).update(
        organisation=organiser.organisation.get_translation(croatian)
    )

    migration.link_to_originals(apps, None)

    practice = GoodPracticePage.objects.get(pk=practice.pk)
    assert list(practice.themes.all()) == [theme]
    assert list(practice.countries.all()) == [country]
    assert WorkshopPage.objects.get(pk=organiser.pk).organisation == organiser.organisation
