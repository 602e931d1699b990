"""What search engines and link previews read: the sitemap of every language tree, robots.txt, the
favicon, each detail page's schema.org description (checked against the vocabulary in
tests/schema_org_vocabulary.toml), OpenGraph and Twitter tags, canonical addresses, and redirects
that keep a moved or renamed page's old address working."""

import json
import re
import tomllib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Count
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

from discovery.templatetags.discovery_tags import json_ld
from practices.models import (
    GoodPracticePage,
    LearningPathPage,
    OrganisationPage,
    TrainingMaterialPage,
    WorkshopPage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
VOCABULARY = tomllib.loads((Path(__file__).parent / "schema_org_vocabulary.toml").read_text())["types"]
ORIGIN = "http://testserver"
# However many pages a sitemap file lists: the restrictions, the count, the pages, the restrictions
# and translations of those pages, their originals (8); the site and its root pages in each language,
# which Wagtail looks up once a request (8).
SITEMAP_QUERIES = 16


def absolute(page):
    return ORIGIN + page.url


def parse_xml(content):
    return ElementTree.fromstring(content)  # noqa: S314 - the site's own answer


def sitemap_entries(content):
    """{location: {hreflang: href}} of a sitemap file, and its lastmod values."""
    root = parse_xml(content)
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in root.iter(f"{SITEMAP}url"):
        location = url.findtext(f"{SITEMAP}loc")
        assert location not in entries, f"{location} is listed twice"
        entries[location] = {
            "alternates": {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")},
            "lastmod": url.findtext(f"{SITEMAP}lastmod"),
        }
    return entries


def live_public_page_urls():
    pages = Page.objects.live().public().filter(depth__gt=1)
    return {absolute(page) for page in pages}


def translated_with_serbian_cyrillic():
    """A practice with a Cyrillic Serbian version and an English one, and its versions by language."""
    keys = (
        GoodPracticePage.objects.live()
        .filter(locale__language_code__in=["sr", "en"])
        .order_by()
        .values("translation_key")
        .annotate(versions=Count("pk"))
        .filter(versions=2)
        .values_list("translation_key", flat=True)
    )
    key = sorted(keys)[0]
    return {
        page.locale.language_code: page
        for page in Page.objects.live().public().filter(translation_key=key).select_related("locale")
    }


# --- the sitemap ---------------------------------------------------------------------------------


def test_the_sitemap_lists_every_live_public_page_of_every_language_tree(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    entries = sitemap_entries(response.content)
    assert set(entries) == live_public_page_urls()
    for code in ["en", "sr", "sr-latn", "mk", "sq"]:
        assert f"{ORIGIN}/{code}/" in entries
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", entry["lastmod"])
        for entry in entries.values()
    )


def test_a_translated_page_names_each_language_version_and_english_as_the_default(client):
    versions = translated_with_serbian_cyrillic()
    entries = sitemap_entries(client.get("/sitemap.xml").content)
    expected = {
        {"sr": "sr-Cyrl", "sr-latn": "sr-Latn"}.get(code, code): absolute(page)
        for code, page in versions.items()
    }
    expected["x-default"] = absolute(versions["en"])
    for page in versions.values():
        assert entries[absolute(page)]["alternates"] == expected
    cyrillic = entries[absolute(versions["sr"])]
    assert cyrillic["alternates"]["sr-Cyrl"] == absolute(versions["sr"])
    assert versions["sr"].title != versions["sr-latn"].title if "sr-latn" in versions else True


def test_without_english_the_original_is_the_default(client):
    page = GoodPracticePage.objects.live().get(
        slug="skopje-bilingual-youth-podcast-studio", locale__language_code="mk"
    )
    versions = {
        version.locale.language_code: version for version in page.get_translations(inclusive=True).live()
    }
    english = versions.pop("en")
    english.unpublish()
    entries = sitemap_entries(client.get("/sitemap.xml").content)
    alternates = entries[absolute(page)]["alternates"]
    assert "en" not in alternates
    assert alternates["x-default"] == absolute(page)  # the demo wrote it in Macedonian


def test_private_and_unpublished_pages_are_left_out(client):
    private, unpublished = GoodPracticePage.objects.live().filter(locale__language_code="hr")[:2]
    entries = sitemap_entries(client.get("/sitemap.xml").content)
    assert absolute(private) in entries and absolute(unpublished) in entries
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    unpublished.unpublish()

    entries = sitemap_entries(client.get("/sitemap.xml").content)
    assert absolute(private) not in entries
    assert absolute(unpublished) not in entries
    listed_alternates = {href for entry in entries.values() for href in entry["alternates"].values()}
    assert absolute(private) not in listed_alternates
    assert absolute(unpublished) not in listed_alternates


def test_a_large_sitemap_becomes_an_index_of_sections(client, settings, django_assert_max_num_queries):
    settings.SITEMAP_SECTION_SIZE = 40
    response = client.get("/sitemap.xml")
    root = parse_xml(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    sections = [location.text for location in root.iter(f"{SITEMAP}loc")]
    expected = live_public_page_urls()
    assert len(sections) == -(-len(expected) // 40) > 2

    listed = {}
    for number, section in enumerate(sections, start=1):
        assert section == f"{ORIGIN}/sitemap-{number}.xml"
        with django_assert_max_num_queries(SITEMAP_QUERIES):
            content = client.get(section).content
        entries = sitemap_entries(content)
        assert len(entries) <= 40
        listed.update(entries)
    assert set(listed) == expected
    # a page's translations are named wherever its section ends
    versions = translated_with_serbian_cyrillic()
    assert len(listed[absolute(versions["sr"])]["alternates"]) == len(versions) + 1

    assert client.get(f"/sitemap-{len(sections) + 1}.xml").status_code == 404
    assert client.get("/sitemap-0.xml").status_code == 404


def test_the_whole_sitemap_costs_a_few_queries(client, django_assert_max_num_queries):
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(SITEMAP_QUERIES):
        assert client.get("/sitemap.xml").status_code == 200


# --- robots.txt and the favicon ------------------------------------------------------------------


def robots_rules(content):
    """robots.txt's Disallow lines as regular expressions, read as search engines read them: a rule is
    a prefix of the path, ``*`` any characters."""
    rules = []
    for line in content.splitlines():
        if line.startswith("Disallow:"):
            pattern = line.split(":", 1)[1].strip()
            rules.append(re.compile(".*".join(re.escape(part) for part in pattern.split("*"))))
    return rules


def test_robots_txt_points_to_the_sitemap_and_keeps_search_print_and_kit_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    content = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in content.splitlines()
    rules = robots_rules(content)

    def disallowed(path):
        return any(rule.match(path) for rule in rules)

    workshop = WorkshopPage.objects.live().filter(locale__language_code="hr").first()
    practice = GoodPracticePage.objects.live().filter(locale__language_code="sr").first()
    for path in [
        "/hr/search/?q=kazalište",
        "/sr/search/",
        "/api/search/?q=x",
        "/api/v2/pages/",
        "/admin/",
        workshop.url + "print/",
        workshop.url + "kit/",
    ]:
        assert disallowed(path), path
    for path in ["/", "/hr/", workshop.url, practice.url, "/sitemap.xml", "/favicon.ico"]:
        assert not disallowed(path), path


def test_robots_txt_names_the_host_it_was_asked_on(client, settings):
    settings.ALLOWED_HOSTS = ["hub.example.org"]
    response = client.get("/robots.txt", headers={"host": "hub.example.org"}, secure=True)
    assert "Sitemap: https://hub.example.org/sitemap.xml" in response.content.decode()


def test_the_favicon_is_served_at_its_usual_address_without_a_redirect(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    content = b"".join(response.streaming_content)
    assert content[:4] == b"\x00\x00\x01\x00"  # an icon resource
    assert int.from_bytes(content[4:6], "little") >= 2  # of several sizes

    page = BeautifulSoup(client.get("/hr/").content, "html.parser")
    icons = {link["href"]: link.get("type") for link in page.find_all("link", rel="icon")}
    assert "/favicon.ico" in icons
    svg = next(href for href, kind in icons.items() if kind == "image/svg+xml")
    assert finders.find(svg.removeprefix(settings.STATIC_URL))


# --- schema.org ----------------------------------------------------------------------------------


def properties_of(schema_type):
    allowed = set()
    while schema_type:
        allowed |= set(VOCABULARY[schema_type]["properties"])
        schema_type = VOCABULARY[schema_type].get("parent")
    return allowed


def check_against_vocabulary(data, where="the description"):
    """Every object's type is known, each property exists on its type, and what the hub promises for
    that type is present; nested objects alike."""
    schema_type = data["@type"]
    assert schema_type in VOCABULARY, f"{where}: unknown type {schema_type}"
    properties = {name for name in data if not name.startswith("@")}
    unknown = properties - properties_of(schema_type)
    assert not unknown, f"{where}: {schema_type} has no {sorted(unknown)}"
    missing = set(VOCABULARY[schema_type].get("required", [])) - properties
    assert not missing, f"{where}: {schema_type} lacks {sorted(missing)}"
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                check_against_vocabulary(item, f"{where} › {name}")
            else:
                assert item not in ("", None), f"{where} › {name} is empty"


def structured_data(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    scripts = BeautifulSoup(response.content, "html.parser").find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    check_against_vocabulary(data)
    assert data["url"] == absolute(page)
    return data


def demo_page(model, language, **filters):
    return model.objects.live().filter(locale__language_code=language, **filters).order_by("pk").first()


def test_a_practice_is_an_article_by_its_organisation(client):
    page = demo_page(GoodPracticePage, "sr", image__isnull=False)
    data = structured_data(client, page)
    assert data["@type"] == "Article"
    assert data["inLanguage"] == "sr-Cyrl"
    assert data["name"] == data["headline"] == page.title
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == page.organisation.localized.name
    assert data["author"]["url"] == absolute(page.get_parent())
    assert {country["name"] for country in data["spatialCoverage"]} == {
        country.localized.name for country in page.countries.all()
    }
    assert data["temporalCoverage"] == f"{page.start_year}/{page.end_year or '..'}"
    assert data["image"]["contentUrl"].startswith(ORIGIN) and data["image"]["width"] == 1200
    assert client.get(data["image"]["contentUrl"]).status_code == 200


def test_a_training_material_is_a_learning_resource(client):
    page = demo_page(TrainingMaterialPage, "hr")
    data = structured_data(client, page)
    assert data["@type"] == "LearningResource"
    assert data["inLanguage"] == "hr"
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?", data["timeRequired"])
    assert data["teaches"] == [block.value for block in page.learning_outcomes]
    assert data["audience"]["audienceType"] == page.audience
    assert data["learningResourceType"] == page.material_format.localized.name


def test_a_dated_workshop_is_an_event(client):
    page = demo_page(WorkshopPage, "en", starts_on__isnull=False)
    data = structured_data(client, page)
    assert data["@type"] == "Event"
    assert data["startDate"] == page.starts_on.isoformat()
    assert data["endDate"] == page.ends_on.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"].startswith("https://schema.org/") and data[
        "eventAttendanceMode"
    ].endswith("EventAttendanceMode")
    assert data["organizer"][0]["name"] == page.organisation.name


def test_a_workshop_anyone_can_run_is_a_learning_resource(client):
    page = demo_page(WorkshopPage, "en", starts_on__isnull=True)
    data = structured_data(client, page)
    assert data["@type"] == "LearningResource"
    assert data["teaches"] == [block.value for block in page.objectives]


def test_a_learning_path_is_a_course_of_its_steps(client):
    page = demo_page(LearningPathPage, "mk")
    data = structured_data(client, page)
    assert data["@type"] == "Course"
    assert data["provider"]["@type"] == "Organization"
    steps = data["hasPart"]
    assert [step["position"] for step in steps] == list(range(1, len(steps) + 1))
    for step in steps:
        assert client.get(step["url"].removeprefix(ORIGIN)).status_code == 200


def test_an_organisation_profile_is_an_organization_with_its_address(client):
    page = demo_page(OrganisationPage, "sq", organisation__website__gt="")
    data = structured_data(client, page)
    organisation = page.organisation.localized
    assert data["@type"] == "Organization"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressLocality": organisation.city,
        "addressCountry": organisation.country.localized.name,
    }
    assert data["sameAs"] == organisation.website


def test_listings_and_the_home_page_carry_no_schema_description(client):
    for url in ["/en/", "/hr/search/?q=kazalište"]:
        assert b"application/ld+json" not in client.get(url).content


def test_text_that_closes_the_script_stays_inside_it(client):
    page = demo_page(GoodPracticePage, "en")
    page.title = "Theatre </script><script>alert(1)</script> & co"
    page.save()
    response = client.get(page.url)
    document = BeautifulSoup(response.content, "html.parser")
    assert len(document.find_all("script", type="application/ld+json")) == 1
    assert b"<script>alert(1)" not in response.content
    assert json.loads(document.find("script", type="application/ld+json").string)["name"] == page.title
    assert json_ld({"name": "</script>"}) == '{"name": "\\u003C/script\\u003E"}'


# --- link previews and canonical addresses --------------------------------------------------------


def meta(document):
    found = {}
    for tag in document.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            found.setdefault(key, []).append(tag["content"])
    return found


def test_a_translated_page_has_opengraph_and_twitter_tags_with_its_image(client):
    versions = translated_with_serbian_cyrillic()
    page = versions["sr"].specific
    document = BeautifulSoup(client.get(page.url).content, "html.parser")
    tags = meta(document)
    assert document.find("link", rel="canonical")["href"] == absolute(page)
    assert tags["og:url"] == [absolute(page)]
    assert tags["og:title"] == [page.title]
    assert tags["og:description"] == [page.summary]
    assert tags["og:type"] == ["article"]
    assert tags["og:locale"] == ["sr_RS"]
    expected = {
        "en": "en_GB",
        "sr-latn": "sr_Latn_RS",
        "hr": "hr_HR",
        "bs": "bs_BA",
        "cnr": "cnr_ME",
        "sl": "sl_SI",
        "mk": "mk_MK",
        "sq": "sq_AL",
    }
    assert set(tags["og:locale:alternate"]) == {expected[code] for code in versions if code != "sr"}
    assert tags["twitter:card"] == ["summary_large_image"] if page.image else ["summary"]
    if page.image:
        assert tags["og:image:width"] == ["1200"] and tags["og:image:height"] == ["675"]
        assert tags["og:image"][0].startswith(ORIGIN)
        assert client.get(tags["og:image"][0].removeprefix(ORIGIN)).status_code == 200
        assert tags["og:image:alt"] == [page.image_alt_text]
    hreflangs = {link["hreflang"]: link["href"] for link in document.find_all("link", rel="alternate")}
    assert hreflangs["sr-Cyrl"] == absolute(page)
    assert hreflangs["x-default"] == absolute(versions["en"])


@pytest.mark.parametrize("url", ["/hr/", "/sl/practices/", "/mk/organisations/", "/sq/search/"])
def test_every_public_page_has_a_preview_and_a_canonical_address(client, url):
    response = client.get(url)
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    tags = meta(document)
    for name in ["og:title", "og:type", "og:url", "og:locale", "og:site_name", "twitter:card"]:
        assert tags.get(name), f"{url}: no {name}"
    assert tags["og:url"] == [ORIGIN + url]
    assert document.find("link", rel="canonical")["href"] == ORIGIN + url


def test_the_untranslated_view_points_to_the_original_and_describes_nothing(client):
    page = GoodPracticePage.objects.live().get(
        slug="skopje-bilingual-youth-podcast-studio", locale__language_code="mk"
    )
    missing = next(
        code
        for code in ["sq", "sl", "cnr", "bs"]
        if not page.get_translations().filter(locale__language_code=code).exists()
    )
    response = client.get(f"/{missing}/untranslated/{page.pk}/")
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    canonical = document.find_all("link", rel="canonical")
    assert len(canonical) == 1
    assert meta(document)["og:url"] == [canonical[0]["href"]]
    assert not document.find_all("script", type="application/ld+json")


# --- redirects ------------------------------------------------------------------------------------


def follow(client, url):
    response = client.get(url)
    assert response.status_code in (301, 302), f"{url} answers {response.status_code}"
    return response["Location"]


def test_a_renamed_translated_page_keeps_its_old_address(client, django_capture_on_commit_callbacks):
    page = demo_page(GoodPracticePage, "sr")
    old_url = page.url
    page.slug = page.slug + "-novo"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail says a slug changed once it is saved
        page.save_revision().publish()
    page.refresh_from_db()
    assert old_url.startswith("/sr/") and page.url != old_url
    assert client.get(page.url).status_code == 200
    assert follow(client, old_url) == page.url
    assert Redirect.objects.filter(redirect_page=page).exists()


def test_a_moved_page_keeps_its_old_address(client, django_capture_on_commit_callbacks):
    practice = demo_page(GoodPracticePage, "hr")
    old_url = practice.url
    other_profile = (
        OrganisationPage.objects.live()
        .filter(locale=practice.locale)
        .exclude(pk=practice.get_parent().pk)
        .first()
    )

    with django_capture_on_commit_callbacks(execute=True):
        practice.move(other_profile, pos="last-child", user=None)

    practice.refresh_from_db()
    assert practice.url.startswith(other_profile.url)
    assert follow(client, old_url) == practice.url
    assert client.get(practice.url).status_code == 200
