"""One contract for both implementations of the knowledge search: Elasticsearch and the database.

Every test here runs twice, once per backend, through the public JSON API and the search page.
"""

from collections import Counter

import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page

from practices.language_versions import reading_order
from practices.models import GoodPracticePage, LearningPathPage, TrainingMaterialPage, WorkshopPage
from search import query
from search.indexes import all_aliases
from search.params import FACET_FIELDS, TYPE_LABELS

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(params=["elasticsearch", "database"])
def backend(request):
    request.getfixturevalue("elasticsearch" if request.param == "elasticsearch" else "database_search")
    return request.param


def api(client, **params):
    response = client.get(reverse("search_api"), params)
    assert response.status_code == 200, response.content
    return response.json()


def slugs(data):
    return [result["url"].rstrip("/").rsplit("/", 1)[-1] for result in data["results"]]


def counts_by_value(options):
    """{value: count} of one facet's options in an API answer."""
    return {option["value"]: option["count"] for option in options}


def distinct_live(*models):
    return sum(model.objects.live().values("translation_key").distinct().count() for model in models)


def test_facet_labels_are_in_the_language_searched_whoever_asked_first(client, backend):
    """The API names facet values in the language it is asked for, and so does a search page in that
    language shown the answer the API's call left in the cache."""
    with translation.override("hr"):
        croatian = {str(TYPE_LABELS["practice"]), str(dict(settings.WAGTAIL_CONTENT_LANGUAGES)["en"])}
    data = api(client, q="volonteri", lang="hr")
    labels = {option["label"] for facet in ("type", "language") for option in data["facets"][facet]}
    assert croatian <= labels
    page = client.get("/hr/search/", {"q": "volonteri"}).content.decode()
    assert all(label in page for label in croatian)


def test_response_has_the_documented_shape(client, backend):
    data = api(client, q="festival", lang="en")
    assert set(data) == {
        "count",
        "page",
        "num_pages",
        "results",
        "facets",
        "estimated_facets",
        "suggestion",
        "backend",
        "degraded",
    }
    assert data["backend"] == backend
    assert data["degraded"] is False
    assert set(data["facets"]) == {"type", "theme", "country", "organisation", "format", "language"}
    result = data["results"][0]
    assert set(result) == {
        "id",
        "translation_key",
        "title",
        "url",
        "reader_url",
        "type",
        "locale",
        "transliterated",
        "summary",
        "highlight",
        "organisation",
        "countries",
        "themes",
        "year_from",
        "year_to",
    }
    option = data["facets"]["theme"][0]
    assert set(option) == {"value", "label", "count"}
    page = Page.objects.get(pk=result["id"])
    assert page.url == result["url"]
    assert str(page.translation_key) == result["translation_key"]


def test_empty_query_browses_everything_once(client, backend):
    data = api(client, lang="en")
    assert data["count"] == distinct_live(
        GoodPracticePage, TrainingMaterialPage, WorkshopPage, LearningPathPage
    )
    types = counts_by_value(data["facets"]["type"])
    assert types == {
        "practice": distinct_live(GoodPracticePage),
        "material": distinct_live(TrainingMaterialPage),
        "workshop": distinct_live(WorkshopPage),
        "path": distinct_live(LearningPathPage),
    }


@pytest.mark.parametrize(
    ("query", "lang", "kind", "slug"),
    [
        ("late payments budget", "en", "workshop", "budget-that-survives-late-payments"),
        ("буџет заговарања", "sr", "workshop", "reading-the-city-culture-budget"),
        ("money without panic", "en", "path", "money-without-panic"),
    ],
)
def test_workshops_and_paths_are_found_under_their_own_type(client, backend, query, lang, kind, slug):
    data = api(client, q=query, lang=lang, type=kind)
    assert {result["type"] for result in data["results"]} == {kind}
    assert slug in slugs(data)[:3]
    labels = {option["value"]: option["label"] for option in data["facets"]["type"]}
    with translation.override(lang):
        assert labels[kind] == str(TYPE_LABELS[kind])


def test_finds_a_material_by_its_subject(client, backend):
    assert "crowdfunding-campaigns" in slugs(api(client, q="crowdfunding", lang="en"))[:3]


@pytest.mark.parametrize(("query", "lang"), [("позориште у селу", "sr-latn"), ("pozorište u selu", "sr")])
def test_finds_across_scripts(client, backend, query, lang):
    assert "village-touring-forum-theatre-peja" in slugs(api(client, q=query, lang=lang))


@pytest.mark.parametrize("lang", ["mk", "sr", "sl", "cnr"])
def test_browsing_gives_each_page_in_the_first_language_of_the_readers_reading_order(client, backend, lang):
    order = reading_order(lang)
    data = api(client, lang=lang)
    ranks = []
    for result in data["results"]:
        available = set(
            Page.objects.live()
            .public()
            .filter(translation_key=result["translation_key"])
            .values_list("locale__language_code", flat=True)
        )
        wanted = next((code for code in order if code in available), None)
        assert result["locale"] == (wanted or result["locale"]), result["title"]
        ranks.append(order.index(result["locale"]) if result["locale"] in order else len(order))
    assert ranks[0] == 0
    assert ranks == sorted(ranks)


@pytest.mark.parametrize("lang", ["mk", "sr-latn", "en"])
def test_the_script_of_the_query_does_not_change_which_version_a_reader_gets(client, backend, lang):
    """The version shown is the reader's first by reading order, not the one the query's script
    happened to match best."""
    versions = [
        {result["translation_key"]: result["id"] for result in api(client, q=words, lang=lang)["results"]}
        for words in ("фестивал", "festival")
    ]
    both = versions[0].keys() & versions[1].keys()
    assert len(both) >= 5
    assert {key: versions[0][key] for key in both} == {key: versions[1][key] for key in both}


def test_a_result_in_another_language_keeps_the_reader_in_theirs(client, backend):
    data = api(client, q="Калеидоскоп", lang="sl")
    foreign = [result for result in data["results"] if result["locale"] != "sl"]
    assert foreign
    for result in foreign:
        assert result["reader_url"] == f"/sl/untranslated/{result['id']}/"
    page = client.get("/sl/search/", {"q": "Калеидоскоп"}).content.decode()
    assert f'href="/sl/untranslated/{foreign[0]["id"]}/"' in page


def test_serbian_in_the_other_script_is_transliterated_for_the_reader(client, backend):
    """The Peja forum theatre practice is in Serbian Cyrillic, not in Latin."""
    versions = Page.objects.live().filter(url_path__endswith="/village-touring-forum-theatre-peja/")
    assert "sr" in {page.locale.language_code for page in versions}
    assert "sr-latn" not in {page.locale.language_code for page in versions}
    result = next(
        result
        for result in api(client, q="позориште у селу", lang="sr-latn")["results"]
        if result["url"].rstrip("/").endswith("village-touring-forum-theatre-peja")
    )
    assert result["locale"] == "sr"
    assert result["transliterated"] is True
    assert result["title"].startswith("Pozorište u selu")
    assert result["reader_url"] == f"/sr-latn/untranslated/{result['id']}/"
    text = strip_tags(client.get("/sr-latn/search/", {"q": "pozorište u selu"}).content.decode())
    assert "Pozorište u selu" in text
    assert "Позориште у селу" not in text


def test_a_page_only_in_another_language_is_shown_with_its_language(client, backend):
    data = api(client, q="Калеидоскоп", lang="sl")
    assert data["count"] > 0
    languages = {code for code, _name in settings.LANGUAGES}
    assert all(result["locale"] in languages for result in data["results"])
    assert any(result["locale"] != "sl" for result in data["results"])


def test_filters_keep_facet_counts_honest(client, backend):
    before = api(client, lang="en")
    digital = next(option for option in before["facets"]["theme"] if option["value"] == "digital")
    after = api(client, lang="en", theme="digital")
    assert after["count"] == digital["count"]
    themes_after = counts_by_value(after["facets"]["theme"])
    assert themes_after["digital"] == digital["count"], "a facet's own counts ignore its own filter"
    assert all("digital" in result["themes"] for result in after["results"])


def every_result(client, **params):
    """The first page's answer, and the results of all its pages."""
    first = api(client, **params)
    results = list(first["results"])
    for page in range(2, first["num_pages"] + 1):
        results += api(client, page=str(page), **params)["results"]
    return first, results


SEARCHES_IN_FOUR_LANGUAGES = [
    ("festival", "en"),
    ("позориште публика", "sr"),
    ("volonteri", "hr"),
    ("vullnetarët", "sq"),
]
# Not the organisation: test_search_sync moves one version of a practice to another organisation,
# and in the index the tests share its document outlives the rolled-back database, so its versions
# then disagree (the facet counts the version that matched, a result shows the reader's).
VALUES_OF_A_RESULT = {
    "type": lambda result: [result["type"]],
    "theme": lambda result: result["themes"],
    "country": lambda result: result["countries"],
}


@pytest.mark.parametrize(("q", "lang"), SEARCHES_IN_FOUR_LANGUAGES)
def test_facet_counts_are_the_pages_found(client, backend, q, lang):
    """Each value's count is how many of the pages found have it, one per page whatever the
    languages it matched in, as the results themselves tally."""
    data, results = every_result(client, q=q, lang=lang)
    assert len(results) == data["count"] > 0
    assert data["estimated_facets"] == []
    for facet, values_of in VALUES_OF_A_RESULT.items():
        tally = Counter(value for result in results for value in values_of(result) if value)
        assert counts_by_value(data["facets"][facet]) == tally, facet


@pytest.mark.parametrize(("q", "lang"), SEARCHES_IN_FOUR_LANGUAGES)
def test_facet_counts_are_the_same_counted_at_once_or_from_the_documents(
    client, elasticsearch, monkeypatch, q, lang
):
    """Indexes holding few documents count every search's pages exactly in its first request;
    larger ones count documents first, and then the pages again when some matched in two languages:
    the same numbers."""
    from search import backends

    assert backends.indexes_hold_few_documents(), "the demo's indexes hold a few hundred documents"
    at_once = api(client, q=q, lang=lang)
    monkeypatch.setattr(backends, "indexes_hold_few_documents", lambda: False)
    caches["searches"].clear()
    from_the_documents = api(client, q=q, lang=lang)
    assert from_the_documents["estimated_facets"] == []
    assert from_the_documents["facets"] == at_once["facets"]
    assert from_the_documents["count"] == at_once["count"]


def test_many_pages_found_in_several_languages_have_their_counts_estimated(
    client, elasticsearch, monkeypatch
):
    """Past ``EXACTLY_COUNTED`` pages found, when some matched in more than one language, a
    value's pages are estimated from its documents (flagged, and marked on the page); the
    languages' counts stay exact, and no value is left out."""
    from search import backends

    exact = api(client, q="festival", lang="en")
    monkeypatch.setattr(backends, "EXACTLY_COUNTED", 0)
    caches["searches"].clear()
    rough = api(client, q="festival", lang="en")
    assert rough["count"] == exact["count"]
    assert rough["estimated_facets"] == [facet for facet in FACET_FIELDS if facet != "language"]

    def counts(data, facet):
        return counts_by_value(data["facets"][facet])

    assert counts(rough, "language") == counts(exact, "language")
    for facet in rough["estimated_facets"]:
        assert counts(rough, facet).keys() == counts(exact, facet).keys(), facet
        assert all(count >= 1 for count in counts(rough, facet).values())
    # Each page has one type: the types' estimates add up to the pages found, give or take rounding.
    types = counts(rough, "type")
    assert abs(sum(types.values()) - rough["count"]) <= len(types)

    caches["pages"].clear()
    page = client.get("/en/search/", {"q": "festival"}).content.decode()
    assert '<span aria-hidden="true">≈</span><span class="visually-hidden">about </span>' in page


def test_several_values_of_one_facet_widen_and_facets_narrow(client, backend):
    one = api(client, lang="en", country="hr")["count"]
    two = api(client, lang="en", country=["hr", "si"])["count"]
    narrowed = api(client, lang="en", country=["hr", "si"], type="material")["count"]
    assert two >= one > 0
    assert narrowed < two


def test_year_range_keeps_overlapping_work(client, backend):
    data = api(client, lang="en", year_from="2020", year_to="2021", type="practice")
    assert data["count"] > 0
    for result in data["results"]:
        assert result["year_from"] <= 2021
        assert result["year_to"] is None or result["year_to"] >= 2020


def test_year_range_leaves_out_pages_without_years(client, backend):
    data = api(client, lang="en", year_from="2027")
    types = counts_by_value(data["facets"]["type"])
    assert types.get("path", 0) == 0
    upcoming = WorkshopPage.objects.live().filter(ends_on__year__gte=2027)
    assert types["workshop"] == upcoming.values("translation_key").distinct().count() > 0


def test_type_filter(client, backend):
    data = api(client, lang="en", type="material")
    assert {result["type"] for result in data["results"]} == {"material"}


def test_newest_first(client, backend):
    data = api(client, lang="en", sort="newest", type="practice")
    assert data["count"] > 1


def test_pagination_and_out_of_range_pages(client, backend):
    first = api(client, lang="en")
    second = api(client, lang="en", page="2")
    assert set(slugs(first)).isdisjoint(slugs(second))
    last = api(client, lang="en", page=str(10**9))
    assert last["page"] == last["num_pages"] == first["num_pages"]
    assert last["results"]


def test_unknown_but_well_formed_values_give_an_empty_result(client, backend):
    data = api(client, lang="en", theme="no-such-theme")
    assert data["count"] == 0
    assert data["results"] == []


def suggest(client, text, lang):
    response = client.get(reverse("search_autocomplete_api"), {"q": text, "lang": lang})
    assert response.status_code == 200
    return response.json()["suggestions"]


def test_autocomplete(client, backend):
    suggestions = suggest(client, "crowdf", "en")
    assert any("crowdfunding" in suggestion["title"].lower() for suggestion in suggestions)
    assert all(set(suggestion) == {"title", "url", "type", "lang", "language"} for suggestion in suggestions)
    assert suggest(client, "c", "en") == []
    assert suggest(client, "!!", "en") == []


def test_suggestions_name_another_language_and_keep_the_reader_in_theirs(client, backend):
    suggestions = suggest(client, "Калеидоскоп", "sl")
    foreign = [suggestion for suggestion in suggestions if suggestion["lang"] != "sl"]
    assert foreign
    for suggestion in foreign:
        assert suggestion["url"].startswith("/sl/untranslated/")
        assert suggestion["language"]
    assert all(suggestion["language"] == "" for suggestion in suggestions if suggestion["lang"] == "sl")


def test_suggestions_give_serbian_in_the_readers_script(client, backend):
    suggestion = next(
        suggestion
        for suggestion in suggest(client, "pozorište u se", "sr-latn")
        if suggestion["title"].startswith("Pozorište u selu")
    )
    assert suggestion["lang"] == "sr-Latn"
    assert suggestion["language"] == ""
    assert suggestion["url"].startswith("/sr-latn/untranslated/")


def test_search_page_renders_results_and_facets(client, backend):
    response = client.get("/en/search/", {"q": "festival", "theme": "financing-sustainability"})
    assert response.status_code == 200
    assert response.context["search"].backend == backend
    assert response.context["search"].count > 0


BAD_PAGE_QUERIES = [
    {"q": "x" * 10_000},
    *({"q": character} for character in '()"*?~^:[]{}/\\!+-'),
    {"q": "&& || AND OR NOT"},
    {"q": 'title:(festival OR "budget'},
    {"q": "\x00 null byte"},
    {"theme": "%00"},
    {"theme": "<script>"},
    {"country": "ZZ-UNKNOWN"},
    {"page": "abc"},
    {"page": "-5"},
    {"page": str(10**9)},
    {"page": "1e9"},
    {"year_from": "abc", "year_to": "99999"},
    {"year_from": "2030", "year_to": "2000"},
    {"year_from": "²", "year_to": "٣"},
    {"year_from": "１９９０"},
    {"page": "²"},
    {"page": "١"},
    {"page": "9" * 5000},
    {"sort": "random"},
    {"type": "workshop-of-doom"},
    {"language": "xx"},
]


@pytest.mark.parametrize("params", BAD_PAGE_QUERIES)
def test_bad_input_on_the_page_gives_a_normal_page(client, backend, params):
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    assert b"Traceback" not in response.content


@pytest.mark.parametrize("params", BAD_PAGE_QUERIES + [{"lang": "xx"}, {"lang": "../../etc"}])
def test_bad_input_on_the_api_gives_a_result_or_a_clear_400(client, backend, params):
    response = client.get(reverse("search_api"), {"lang": "en", **params})
    assert response.status_code in (200, 400), response.content
    data = response.json()
    if response.status_code == 400:
        assert isinstance(data["error"], str) and data["error"]
    else:
        assert "results" in data


@pytest.mark.parametrize(
    ("name", "value"), [("page", "²"), ("page", "２"), ("year_from", "２０１５"), ("year_to", "٢٠١٥")]
)
def test_numbers_in_digits_other_than_ascii_are_refused_by_the_api(client, backend, name, value):
    response = client.get(reverse("search_api"), {"lang": "en", name: value})
    assert response.status_code == 400
    assert name in response.json()["error"]


def test_repeated_parameters_are_accepted(client, backend):
    response = client.get(
        reverse("search_api") + "?q=festival&q=budget&lang=en&page=1&page=2&sort=newest&sort=x"
    )
    assert response.status_code in (200, 400)


def test_the_fallback_marks_words_where_they_start():
    from search.backends import _highlight

    marked = _highlight("Fletë pune për artistët dhe kazališta", ["të", "artist", "kazališt"], width=None)
    assert marked == "Fletë pune për <mark>artist</mark>ët dhe <mark>kazališt</mark>a"


def test_a_search_asked_again_newest_first_has_its_counts_from_the_engines_cache(client, elasticsearch):
    """How many pages match, and the facet counts, are asked for in a request of their own that
    does not depend on the sort or the page: the same search newest first is answered from
    Elasticsearch's shard request cache, with the same counts."""

    def cache_hits():
        stats = elasticsearch.indices.stats(index=",".join(all_aliases()), metric="request_cache")
        return stats["_all"]["total"]["request_cache"]["hit_count"]

    def counts(data):
        return {facet: counts_by_value(options) for facet, options in data["facets"].items()}

    first = api(client, q="festival", lang="en", type="practice")
    before = cache_hits()
    again = api(client, q="festival", lang="en", type="practice", sort="newest")
    assert cache_hits() > before
    assert again["count"] == first["count"] > 0
    assert counts(again) == counts(first)


def test_the_readers_versions_are_asked_for_foreign_hits_only(client, elasticsearch, monkeypatch):
    """A hit in the reader's language is the version they get; the others are looked up in a second
    request, which a page of hits all in the reader's language does without."""
    asked = []
    look_up = query.reader_versions

    def reader_versions(engine_client, translation_keys, reader, fields):
        asked.append(set(translation_keys))
        return look_up(engine_client, translation_keys, reader, fields)

    monkeypatch.setattr(query, "reader_versions", reader_versions)
    english = api(client, q="volunteers", lang="en")
    assert english["results"]
    assert {result["locale"] for result in english["results"]} == {"en"}
    assert asked == []

    mostly_english = api(client, q="festival", lang="en")
    assert len(asked) == 1
    keys = {result["translation_key"] for result in mostly_english["results"]}
    assert asked[0] and asked[0] < keys
    found_in_english = [r for r in mostly_english["results"] if r["translation_key"] not in asked[0]]
    assert {result["locale"] for result in found_in_english} == {"en"}
