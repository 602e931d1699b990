"""The unit tests' factories make what the site itself would accept, where the page rules put it."""

import pytest

from tests.factories import (
    LISTING_FACTORIES,
    PASSWORD,
    GoodPracticePageFactory,
    HomePageFactory,
    LearningPathPageFactory,
    ModeratorFactory,
    OrganisationPageFactory,
    TrainingMaterialPageFactory,
    UserFactory,
    WorkshopPageFactory,
)

pytestmark = pytest.mark.django_db

PAGE_FACTORIES = [
    HomePageFactory,
    *LISTING_FACTORIES,
    OrganisationPageFactory,
    GoodPracticePageFactory,
    TrainingMaterialPageFactory,
    WorkshopPageFactory,
    LearningPathPageFactory,
]


@pytest.mark.parametrize("page_factory", PAGE_FACTORIES, ids=lambda factory: factory._meta.model.__name__)
def test_each_page_factory_makes_a_valid_live_page_under_an_allowed_parent(page_factory):
    page = page_factory()
    page.full_clean()
    assert page.live
    assert type(page).can_exist_under(page.get_parent().specific)


def test_related_terms_are_saved_with_the_page():
    practice = GoodPracticePageFactory()
    assert practice.themes.count() == 1
    assert practice.countries.count() == 1
    assert TrainingMaterialPageFactory().languages.count() == 1


def test_two_of_a_kind_do_not_collide():
    first, second = OrganisationPageFactory(), OrganisationPageFactory()
    assert first.organisation.slug != second.organisation.slug
    assert first.get_parent().get_parent().slug != second.get_parent().get_parent().slug


def test_users_have_the_factory_password_and_only_moderators_may_publish():
    user = UserFactory()
    assert user.check_password(PASSWORD)
    moderator = ModeratorFactory()
    assert GoodPracticePageFactory().permissions_for_user(moderator).can_publish()
    assert not GoodPracticePageFactory().permissions_for_user(user).can_publish()
