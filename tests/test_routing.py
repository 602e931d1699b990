"""The way from an address to a page (home/routing.py): the site and the language's home page are
kept while the content stays the same, so what changes them must be seen on the next request, and
each host must still get its own site."""

import pytest
from wagtail.models import Site

from practices.models import GoodPracticePage, PracticeIndexPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_a_renamed_page_is_found_at_its_new_address_on_the_next_request(client):
    practice = GoodPracticePage.objects.live().filter(locale__language_code="en").first()
    old_url = practice.url
    assert client.get(old_url).status_code == 200

    practice.slug = f"{practice.slug}-renamed"
    practice.save_revision().publish()

    assert client.get(f"{old_url.removesuffix('/').rsplit('/', 1)[0]}/{practice.slug}/").status_code == 200
    assert client.get(old_url).status_code in (301, 302, 404)


def test_each_host_is_answered_by_its_own_site(client):
    practices = PracticeIndexPage.objects.get(locale__language_code="en")
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=practices, site_name="Practices only")

    home = client.get("/en/")
    on_the_practices_site = client.get("/en/", HTTP_HOST="127.0.0.1")

    assert home.status_code == on_the_practices_site.status_code == 200
    assert home.context["page"].specific_class.__name__ == "HomePage"
    assert on_the_practices_site.context["page"].pk == practices.pk
    # and in another language, the root's translation
    serbian = client.get("/sr/", HTTP_HOST="127.0.0.1")
    assert serbian.context["page"].pk == PracticeIndexPage.objects.get(locale__language_code="sr").pk


def test_a_site_given_another_root_serves_it_on_the_next_request(client):
    site = Site.objects.get(is_default_site=True)
    assert client.get("/en/").context["page"].specific_class.__name__ == "HomePage"

    site.root_page = PracticeIndexPage.objects.get(locale__language_code="en")
    site.save()

    assert client.get("/en/").context["page"].pk == site.root_page.pk


def test_an_address_no_page_has_is_not_found(client):
    assert client.get("/en/no-such-section/no-such-page/").status_code == 404
