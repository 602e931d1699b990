"""Where each page type may be created, and how many of it."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from home.models import HomePage
from practices.models import (
    GoodPracticePage,
    LearningPathIndexPage,
    LearningPathPage,
    MaterialIndexPage,
    OrganisationIndexPage,
    OrganisationPage,
    PracticeIndexPage,
    TrainingMaterialPage,
    WorkshopIndexPage,
    WorkshopPage,
)
from tests.factories import (
    GoodPracticePageFactory,
    HomePageFactory,
    OrganisationFactory,
    OrganisationPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    """A home page with its five listings, as every language of the site has."""
    return HomePageFactory(listings=True)


def test_home_page_sits_at_the_root_and_holds_only_the_listings():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert set(HomePage.allowed_subpage_models()) == {
        PracticeIndexPage,
        MaterialIndexPage,
        WorkshopIndexPage,
        LearningPathIndexPage,
        OrganisationIndexPage,
    }


@pytest.mark.parametrize(
    "model",
    [PracticeIndexPage, MaterialIndexPage, WorkshopIndexPage, LearningPathIndexPage, OrganisationIndexPage],
)
def test_each_listing_exists_once_per_home_page(home, model):
    assert model.allowed_parent_page_models() == [HomePage]
    assert not model.can_create_at(home), "a second listing of the same kind must not be creatable"


def test_listings_of_practices_and_materials_have_no_children():
    assert PracticeIndexPage.allowed_subpage_models() == []
    assert MaterialIndexPage.allowed_subpage_models() == []


@pytest.mark.parametrize(
    ("listing", "model"), [(WorkshopIndexPage, WorkshopPage), (LearningPathIndexPage, LearningPathPage)]
)
def test_workshops_and_paths_live_in_their_listing_and_have_no_children(home, listing, model):
    assert listing.allowed_subpage_models() == [model]
    assert model.allowed_parent_page_models() == [listing]
    assert model.allowed_subpage_models() == []
    assert not model.can_create_at(home)


def test_organisation_profiles_live_in_the_organisation_listing():
    assert OrganisationPage.allowed_parent_page_models() == [OrganisationIndexPage]
    assert set(OrganisationPage.allowed_subpage_models()) == {GoodPracticePage, TrainingMaterialPage}


@pytest.mark.parametrize("model", [GoodPracticePage, TrainingMaterialPage])
def test_knowledge_pages_belong_to_an_organisation(home, model):
    assert model.allowed_parent_page_models() == [OrganisationPage]
    assert model.allowed_subpage_models() == []
    assert not model.can_create_at(home)
    profile = OrganisationPageFactory(parent=OrganisationIndexPage.objects.child_of(home).get())
    assert model.can_create_at(profile)


def test_a_knowledge_page_takes_its_organisation_from_its_parent():
    practice = GoodPracticePageFactory(organisation=OrganisationFactory())  # the parent's wins
    assert (
        practice.organisation.translation_key == practice.get_parent().specific.organisation.translation_key
    )


def test_an_organisation_has_one_profile_per_language():
    profile = OrganisationPageFactory()
    duplicate = OrganisationPage(title="Copy", slug="copy", organisation=profile.organisation)
    duplicate.locale = profile.locale
    with pytest.raises(ValidationError) as refusal:
        duplicate.full_clean()
    assert "organisation" in refusal.value.message_dict


def test_end_year_before_start_year_is_refused():
    practice = GoodPracticePageFactory()
    practice.start_year, practice.end_year = 2020, 2018
    with pytest.raises(ValidationError) as refusal:
        practice.full_clean()
    assert "end_year" in refusal.value.message_dict
