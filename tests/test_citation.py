"""Cite and share: practices and materials show a suggested citation with a persistent link
(``/<lang>/p/<id>/``) that leads to the page wherever it has moved, in the reader's language."""

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from practices.models import GoodPracticePage, OrganisationPage
from tests.factories import GoodPracticePageFactory, OrganisationPageFactory, TrainingMaterialPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def profile(code="en"):
    return OrganisationPage.objects.live().filter(locale__language_code=code).order_by("pk").first()


def test_a_practice_shows_its_citation_and_persistent_link(client):
    practice = publish(GoodPracticePageFactory(parent=profile(), title="Unit citing practice"))
    html = client.get(practice.url).content.decode()
    year = timezone.localtime(practice.first_published_at).year
    link = f"http://testserver/en/p/{practice.pk}/"
    assert (
        f"{practice.organisation.name} ({year}). <cite>Unit citing practice</cite> [Good practice]. "
        f'Kooperativa Knowledge Hub. <a href="{link}">{link}</a>'
    ) in html
    assert f'id="persistent-link" type="text" readonly value="{link}"' in html
    assert 'src="/static/feeds/copy-link.js"' in html
    assert "<script>" not in html


def test_a_material_is_cited_by_its_authors_for_its_organisation(client):
    material = publish(
        TrainingMaterialPageFactory(parent=profile(), authors="Ana Horvat & Ivo Ban", published_year=2021)
    )
    html = client.get(material.url).content.decode()
    assert (
        f"Ana Horvat &amp; Ivo Ban (2021). <cite>{material.title}</cite> [Training material]. "
        f"{material.organisation.name}, Kooperativa Knowledge Hub."
    ) in html


def test_the_citation_in_serbian_cyrillic(client):
    practice = GoodPracticePage.objects.live().filter(locale__language_code="sr").order_by("pk").first()
    html = client.get(practice.url).content.decode()
    assert "Кооператива – Центар знања" in html
    assert "[Добра пракса]" in html
    assert f"http://testserver/sr/p/{practice.pk}/" in html
    assert "Предложени цитат" in html


def test_the_persistent_link_follows_a_slug_change_and_a_move(client):
    practice = publish(GoodPracticePageFactory(parent=profile()))
    assert client.get(f"/en/p/{practice.pk}/").headers["Location"] == practice.url
    practice.slug = "unit-renamed-practice"
    publish(practice)
    practice.move(OrganisationPageFactory(parent=profile().get_parent()), pos="last-child")
    practice.refresh_from_db()
    response = client.get(f"/en/p/{practice.pk}/")
    assert response.status_code == 302
    assert response.headers["Location"] == practice.url
    assert practice.url.endswith("/unit-renamed-practice/")
    assert client.get(response.headers["Location"]).status_code == 200


def test_the_persistent_link_leads_to_the_reader_language(client):
    practice = publish(GoodPracticePageFactory(parent=profile()))
    serbian = publish(
        practice.copy_for_translation(Locale.objects.get(language_code="sr"), copy_parents=True)
    )
    serbian.slug = "пракса-на-српском"
    publish(serbian)
    assert client.get(f"/sr/p/{practice.pk}/").headers["Location"] == serbian.url
    assert client.get(f"/en/p/{serbian.pk}/").headers["Location"] == practice.url
    assert client.get(f"/mk/p/{practice.pk}/").headers["Location"] == f"/mk/untranslated/{practice.pk}/"
    # Without a language prefix, the reader's language decides (Django's locale middleware).
    response = client.get(f"/p/{practice.pk}/", headers={"accept-language": "sr"}, follow=True)
    assert response.redirect_chain[-1][0] == serbian.url


def test_private_unpublished_and_unknown_pages_have_no_persistent_link(client):
    unpublished = publish(GoodPracticePageFactory(parent=profile()))
    unpublished.unpublish()
    private = publish(GoodPracticePageFactory(parent=profile()))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    root = Page.get_first_root_node().pk
    for page_id in (unpublished.pk, private.pk, 987654321, 2**40, root):
        assert client.get(f"/en/p/{page_id}/").status_code == 404, page_id
