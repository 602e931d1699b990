"""Every page type answers in all nine languages, says which language it is in, and the language
switcher never leads to a 404: a missing translation shows the version its readers read first,
with a notice."""

import datetime
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from home.models import HomePage
from practices.language_versions import in_reader_language, reading_order
from practices.models import (
    GoodPracticePage,
    LearningPathIndexPage,
    LearningPathPage,
    MaterialIndexPage,
    OrganisationIndexPage,
    OrganisationPage,
    PracticeIndexPage,
    Theme,
    TrainingMaterialPage,
    WorkshopIndexPage,
    WorkshopPage,
)
from translation.templatetags.language_tags import local_date, local_number
from translation.transliteration import SERBIAN_SCRIPTS, transliterate_text

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

LANGUAGES = [code for code, _name in settings.LANGUAGES]
HTML_LANG = {
    "en": "en",
    "bs": "bs",
    "hr": "hr",
    "sr-latn": "sr-Latn",
    "sr": "sr-Cyrl",
    "cnr": "cnr",
    "mk": "mk",
    "sl": "sl",
    "sq": "sq",
}
PAGE_KINDS = [
    "home",
    "practices",
    "materials",
    "workshops",
    "paths",
    "organisations",
    "practice",
    "material",
    "organisation",
]
ORIGIN = "http://testserver"
UNTRANSLATED_NOTICE = "This page has not been translated into English yet."


@cache
def catalogue(language):
    """The interface translations of a language, straight from its .po file."""
    path = Path(settings.BASE_DIR, "locale", translation.to_locale(language), "LC_MESSAGES", "django.po")
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.translated()}


def interface_text(language, msgid):
    """The interface text as the page shows it: the .po translation (English as is), HTML-escaped."""
    text = msgid if language == "en" else catalogue(language)[msgid]
    if language != "en":
        assert text and text != msgid, f"{msgid!r} is not translated into {language}"
    return str(escape(text))


class PageParser(HTMLParser):
    """What these tests read from a page: <html lang>, <main lang>, head links, switcher and notice links."""

    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.main_lang = None
        self.alternates = {}
        self.canonical = None
        self.robots = None
        self.switcher = {}
        self.notice_links = {}
        self._in = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "main":
            self.main_lang = attrs.get("lang")
        elif tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            assert attrs["hreflang"] not in self.alternates, f"two alternates for {attrs['hreflang']}"
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        elif tag == "meta" and attrs.get("name") == "robots":
            self.robots = attrs.get("content")
        elif tag == "ul" and "lang-switch__list" in classes:
            self._in.append("switcher")
        elif tag == "ul" and "untranslated-notice__list" in classes:
            self._in.append("notice")
        elif tag == "ul" and self._in:
            self._in.append("other")
        elif tag == "a" and self._in and self._in[-1] == "switcher":
            self.switcher[attrs["hreflang"]] = attrs["href"]
        elif tag == "a" and self._in and self._in[-1] == "notice":
            self.notice_links[attrs["hreflang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "ul" and self._in:
            self._in.pop()


def parse(response):
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


def page_of_kind(kind, language):
    """A live page of the given kind in the given language, from the demo content."""
    model = {
        "home": HomePage,
        "practices": PracticeIndexPage,
        "materials": MaterialIndexPage,
        "workshops": WorkshopIndexPage,
        "paths": LearningPathIndexPage,
        "organisations": OrganisationIndexPage,
        "practice": GoodPracticePage,
        "material": TrainingMaterialPage,
        "organisation": OrganisationPage,
    }[kind]
    page = model.objects.live().filter(locale__language_code=language).order_by("pk").first()
    assert page is not None, f"the demo content has no live {kind} in {language}"
    return page


def expected_alternates(page):
    """hreflang → absolute URL for every live translation of the page, plus x-default for English."""
    alternates = {}
    for version in page.get_translations(inclusive=True).live().select_related("locale"):
        url = ORIGIN + version.url
        alternates[HTML_LANG[version.locale.language_code]] = url
        if version.locale.language_code == settings.LANGUAGE_CODE:
            alternates["x-default"] = url
    return alternates


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_answers_in_every_language(client, language, kind):
    page = page_of_kind(kind, language)
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    html = response.content.decode()
    found = parse(response)

    assert found.html_lang == HTML_LANG[language]
    assert interface_text(language, "Skip to main content") in html
    assert f">{interface_text(language, 'Search')}</button>" in html
    assert found.alternates == expected_alternates(page)
    if kind == "home":
        assert len(found.alternates) == len(LANGUAGES) + 1  # the home page exists in every language
    # A translated page names no other version and is indexed normally.
    assert found.robots is None
    assert found.main_lang is None


def test_workshops_and_paths_speak_the_readers_language(client):
    """Every demo workshop and path, in each language it exists in, with the interface in that language."""
    for page in [*WorkshopPage.objects.live(), *LearningPathPage.objects.live()]:
        language = page.locale.language_code
        response = client.get(page.url)
        html = response.content.decode()
        assert parse(response).html_lang == HTML_LANG[language]
        if isinstance(page, WorkshopPage):
            for msgid in ("Learning objectives", "Printable handout", "Download the kit"):
                assert interface_text(language, msgid) in html, (page.url, msgid)
            printed = client.get(page.url + "print/")
            assert printed.status_code == 200
            assert interface_text(language, "Learning objectives") in printed.content.decode()
        else:
            assert interface_text(language, "The path") in html, page.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_page_answers_in_every_language(client, language):
    response = client.get(f"/{language}/search/", {"q": "kultura"})
    assert response.status_code == 200
    html = response.content.decode()
    found = parse(response)
    assert found.html_lang == HTML_LANG[language]
    assert interface_text(language, "Skip to main content") in html
    assert f">{interface_text(language, 'Search')}</button>" in html
    # The switcher keeps the search and its query in every language.
    assert found.switcher == {HTML_LANG[code]: f"/{code}/search/?q=kultura" for code in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_listings_give_each_page_in_the_first_language_its_readers_read(language):
    order = reading_order(language)
    versions = {}
    for key, code in (
        GoodPracticePage.objects.live().public().values_list("translation_key", "locale__language_code")
    ):
        versions.setdefault(key, set()).add(code)
    listed = in_reader_language(
        GoodPracticePage.objects.live().public(), Locale.objects.get(language_code=language)
    )
    for page in listed.select_related("locale"):
        wanted = next((code for code in order if code in versions[page.translation_key]), None)
        assert page.locale.language_code == (wanted or page.locale.language_code), page.url


def test_a_serbian_reader_gets_a_neighbouring_language_before_english():
    assert reading_order("sr-latn")[:2] == ["sr-latn", "sr"]
    assert reading_order("sr")[-1] == reading_order("sq")[-1] == settings.LANGUAGE_CODE
    assert reading_order("en") == ["en"]


def test_a_card_in_another_language_keeps_the_reader_in_theirs(client):
    listing = PracticeIndexPage.objects.get(locale__language_code="mk")
    response = client.get(listing.url)
    foreign = [page for page in response.context["page_obj"] if page.locale.language_code != "mk"]
    assert foreign
    for page in foreign:
        link = f"/mk/untranslated/{page.pk}/"
        assert f'href="{link}"' in response.content.decode()
        shown = client.get(link)
        assert parse(shown).html_lang == "mk"
        assert escape(page.title) in shown.content.decode()


def test_switching_language_on_a_filtered_listing_keeps_the_filters(client):
    listing = PracticeIndexPage.objects.get(locale__language_code="en")
    theme = Theme.objects.filter(locale__language_code="en").first()
    found = parse(client.get(listing.url, {"theme": theme.slug, "country": "rs", "page": "2"}))
    for code in LANGUAGES:
        translated = listing.get_translation(Locale.objects.get(language_code=code))
        assert found.switcher[HTML_LANG[code]] == f"{translated.url}?theme={theme.slug}&country=rs"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_has_one_name_for_the_hub(client, language):
    """Its title is the hub's name as the interface writes it, once."""
    html = client.get(f"/{language}/").content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title == interface_text(language, "Kooperativa Knowledge Hub")


@pytest.mark.parametrize("model", [GoodPracticePage, TrainingMaterialPage])
def test_practices_and_materials_say_when_they_were_last_updated(client, model):
    for page in model.objects.live().filter(locale__language_code__in=["mk", "sq"]):
        html = client.get(page.url).content.decode()
        language = page.locale.language_code
        assert interface_text(language, "Last updated") in html, page.url
        with translation.override(language):
            assert local_date(page.last_published_at) in html, page.url


def test_the_home_page_lists_no_practice_both_as_featured_and_as_latest(client):
    home = client.get("/en/").context["page"]
    featured = {practice.pk for practice in home.featured_practices}
    assert featured
    assert not featured & {practice.pk for practice in home.latest_practices}


@pytest.mark.parametrize("language", LANGUAGES)
def test_listing_navigation_is_in_the_readers_language(client, language):
    """The navigation names the listings with their titles in the reader's language."""
    response = client.get(f"/{language}/")
    html = response.content.decode()
    for model in (PracticeIndexPage, MaterialIndexPage, OrganisationIndexPage):
        index = model.objects.live().get(locale__language_code=language)
        assert f'href="{index.url}"' in html
        assert f">{escape(index.title)}</a>" in html
        if language != settings.LANGUAGE_CODE:
            english = model.objects.live().get(locale__language_code=settings.LANGUAGE_CODE)
            assert index.title != english.title


def partly_translated_practice():
    """A practice that exists in some languages but not all, with its versions by language."""
    keys = (
        GoodPracticePage.objects.live()
        .values("translation_key")
        .annotate(n=Count("pk"))
        .filter(n__lt=len(LANGUAGES), n__gt=1)
        .order_by("translation_key")
    )
    assert keys, "the demo content has no partly translated practice"
    versions = {
        page.locale.language_code: page
        for page in GoodPracticePage.objects.live()
        .filter(translation_key=keys[0]["translation_key"])
        .select_related("locale")
    }
    return versions


def source_version(versions):
    key = next(iter(versions.values())).translation_key
    source = TranslationSource.objects.filter(object_id=key).order_by("created_at").first()
    if source and source.locale.language_code in versions:
        return versions[source.locale.language_code]
    return versions.get(settings.LANGUAGE_CODE) or min(versions.values(), key=lambda page: page.pk)


def test_switcher_links_to_translations_and_to_the_untranslated_view(client):
    versions = partly_translated_practice()
    missing = [code for code in LANGUAGES if code not in versions]
    assert missing
    for code, page in versions.items():
        found = parse(client.get(page.url))
        assert found.html_lang == HTML_LANG[code]
        assert set(found.switcher) == set(HTML_LANG.values())
        for other in LANGUAGES:
            link = found.switcher[HTML_LANG[other]]
            if other in versions:
                assert link == versions[other].url
            else:
                assert link == f"/{other}/untranslated/{page.pk}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_untranslated_view_shows_the_version_its_readers_read_first_with_a_notice(client, language):
    versions = partly_translated_practice()
    any_version = next(iter(versions.values()))
    with translation.override(language):
        url = reverse("untranslated", args=[any_version.pk])
    assert url == f"/{language}/untranslated/{any_version.pk}/"
    response = client.get(url)

    if language in versions:  # the translation exists: go there
        assert response.status_code == 302
        assert response["Location"] == versions[language].url
        return

    assert response.status_code == 200
    html = response.content.decode()
    found = parse(response)
    shown = next((versions[code] for code in reading_order(language) if code in versions), None)
    shown = shown or source_version(versions)
    assert response.context["page"].pk == shown.pk
    # Serbian in the other script reads in the reader's, transliterated.
    shown_language = language if SERBIAN_SCRIPTS.get(shown.locale.language_code) == language else None
    assert escape(transliterate_text(shown.title, language) if shown_language else shown.title) in html

    # The notice, in the language asked for, which is also the interface's.
    assert found.html_lang == HTML_LANG[language]
    assert interface_text(language, UNTRANSLATED_NOTICE) in html
    assert interface_text(language, "Skip to main content") in html
    # The content is marked with its own language; links go to every existing version.
    assert found.main_lang == HTML_LANG[shown_language or shown.locale.language_code]
    assert found.notice_links == {HTML_LANG[code]: page.url for code, page in versions.items()}
    # Not for search engines: they get the shown version's own address.
    assert found.robots == "noindex"
    assert response["X-Robots-Tag"] == "noindex"
    assert found.canonical == ORIGIN + shown.url
    assert found.alternates == expected_alternates(shown)
    # The switcher keeps working from here: translations, and this view for the other missing ones.
    for other in LANGUAGES:
        link = found.switcher[HTML_LANG[other]]
        assert link == (versions[other].url if other in versions else f"/{other}/untranslated/{shown.pk}/")
    # Navigation stays in the reader's language.
    index = PracticeIndexPage.objects.live().get(locale__language_code=language)
    assert f'href="{index.url}"' in html


def only_in_one_serbian_script(script):
    """A live practice in Serbian written in ``script`` and not in the other one."""
    other = SERBIAN_SCRIPTS[script]
    for page in GoodPracticePage.objects.live().filter(locale__language_code=script):
        if (
            not GoodPracticePage.objects.live()
            .filter(translation_key=page.translation_key, locale__language_code=other)
            .exists()
        ):
            return page
    raise AssertionError(f"the demo has no practice in {script} alone")


@pytest.mark.parametrize("script", ["sr", "sr-latn"])
def test_serbian_in_the_other_script_is_shown_transliterated(client, script):
    page = only_in_one_serbian_script(script)
    reader = SERBIAN_SCRIPTS[script]
    response = client.get(f"/{reader}/untranslated/{page.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    found = parse(response)
    assert found.main_lang == found.html_lang == HTML_LANG[reader]
    assert escape(transliterate_text(page.title, reader)) in html
    assert escape(page.title) not in html
    assert (
        interface_text(
            reader,
            "It is written in the other Serbian script: you are reading it transliterated automatically.",
        )
        in html
    )
    # Where the reader meets it among their language's cards, it is in their script too.
    listing = client.get(
        page.get_parent().specific.get_translation(Locale.objects.get(language_code=reader)).url
    )
    listed = listing.content.decode()
    assert escape(transliterate_text(page.title, reader)) in listed
    assert f'href="/{reader}/untranslated/{page.pk}/"' in listed


def test_untranslated_view_without_a_source_shows_the_default_language(client):
    versions = partly_translated_practice()
    # A reader none of whose nearer languages has a version either.
    missing = next(
        code
        for code in LANGUAGES
        if code not in versions and not any(nearer in versions for nearer in reading_order(code)[:-1])
    )
    TranslationSource.objects.filter(object_id=next(iter(versions.values())).translation_key).delete()
    response = client.get(f"/{missing}/untranslated/{next(iter(versions.values())).pk}/")
    assert response.status_code == 200
    expected = versions.get(settings.LANGUAGE_CODE) or min(versions.values(), key=lambda page: page.pk)
    assert response.context["page"].pk == expected.pk


@pytest.mark.parametrize(
    "path",
    [
        "/en/untranslated/999999999/",
        "/mk/untranslated/0/",
        "/sr/untranslated/99999999999999999999999999/",
        "/cnr/untranslated/abc/",
        "/sq/untranslated/12abc/",
        "/hr/untranslated/-5/",
        "/hr/untranslated/",
    ],
)
def test_untranslated_view_gives_404_for_what_is_not_a_page(client, path):
    assert client.get(path).status_code == 404


def test_untranslated_view_gives_404_for_a_page_that_is_not_live(client):
    versions = partly_translated_practice()
    missing = next(code for code in LANGUAGES if code not in versions)
    page = next(iter(versions.values()))
    page.unpublish()
    assert client.get(f"/{missing}/untranslated/{page.pk}/").status_code == 404
    root = Page.objects.get(depth=1)
    assert client.get(f"/{missing}/untranslated/{root.pk}/").status_code == 404


def test_untranslated_view_answers_only_reading_methods(client):
    versions = partly_translated_practice()
    missing = next(code for code in LANGUAGES if code not in versions)
    page = next(iter(versions.values()))
    assert client.head(f"/{missing}/untranslated/{page.pk}/").status_code == 200
    assert client.post(f"/{missing}/untranslated/{page.pk}/").status_code == 405


REVIEW_DATE = datetime.datetime(2024, 7, 19, 22, 30, tzinfo=datetime.UTC)  # 20 July in Zagreb
EXPECTED_DATES = {
    "en": "July 20, 2024",
    "bs": "20. juli 2024.",
    "hr": "20. srpnja 2024.",
    "sr-latn": "20. jul 2024.",
    "sr": "20. јул 2024.",
    "cnr": "20. jul 2024.",
    "mk": "20 јули 2024",
    "sl": "20. julij 2024",
    "sq": "20 korrik 2024",
}
EXPECTED_NUMBERS = {"en": "12,345", **{code: "12.345" for code in LANGUAGES if code != "en"}}


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_and_numbers_follow_the_language(language):
    with translation.override(language):
        assert local_date(REVIEW_DATE) == f'<time datetime="2024-07-20">{EXPECTED_DATES[language]}</time>'
        assert local_number(12345) == EXPECTED_NUMBERS[language]
        assert local_number(42) == "42"


@pytest.mark.parametrize("language", LANGUAGES)
def test_review_badge_date_is_in_the_readers_language(client, language):
    practice = next(
        page
        for page in GoodPracticePage.objects.live().filter(locale__language_code=language).order_by("pk")
        if page.platform_review
    )
    html = client.get(practice.url).content.decode()
    with translation.override(language):
        date = local_date(practice.platform_review.finished_at)
    assert date in html
    if language != "en":  # no English month name in the badge
        badge = html.split('class="review-badge"', 1)[1].split("</p>", 1)[0]
        with translation.override("en"):
            english = local_date(practice.platform_review.finished_at)
        assert english.split(">")[1].split()[0].rstrip(".") not in badge


def test_home_page_counts_are_localised(client):
    for language in LANGUAGES:
        response = client.get(f"/{language}/")
        counts = response.context["page"].counts
        html = response.content.decode()
        with translation.override(language):
            for value in counts.values():
                assert f'<span class="stats__number">{local_number(value)}</span>' in html
