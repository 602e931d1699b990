"""Practices, materials, workshops and learning paths have an image, described in the page's own
language."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import GoodPracticePageFactory, ImageFactory, WorkshopPageFactory

pytestmark = pytest.mark.django_db


# --- the page's alt text --------------------------------------------------------------------


def test_an_image_chosen_without_alt_text_gives_the_page_its_description():
    image = ImageFactory(description="Two actors on a stage in a spotlight")
    page = GoodPracticePageFactory(image=image)
    page.refresh_from_db()
    assert page.image_alt == "Two actors on a stage in a spotlight"


def test_the_pages_own_alt_text_is_kept():
    page = GoodPracticePageFactory(image=ImageFactory(), image_alt="Глумци на сцени под рефлектором")
    page.refresh_from_db()
    assert page.image_alt == "Глумци на сцени под рефлектором"


def test_an_image_nobody_described_is_refused_at_the_alt_text_field():
    page = WorkshopPageFactory()
    page.image = ImageFactory(description="")
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "image_alt" in refused.value.message_dict
