"""The regional glossary meets a reader's words in whatever form they are typed."""

import pytest
from django.conf import settings

from search.analysis import database_terms
from search.backends import DatabaseBackend
from search.glossary import (
    concepts_in_text,
    concepts_of_query_terms,
    dictionary_forms,
    glossary_alternatives,
    glossary_rules,
    in_glossary_terms,
    meant_spelling,
    one_slip_apart,
    query_word_key,
    synonym_rules,
    terms_of,
)
from search.params import SearchParams


def same_line(reader, term, other):
    return other in glossary_alternatives(reader).get(term, ())


@pytest.mark.parametrize(
    ("reader", "typed", "listed"),
    [
        ("hr", "kazalištima", "kazalište"),  # dative plural, not listed in the glossary
        ("sr", "позориштима", "позориште"),  # the same in Cyrillic
        ("sl", "gledališčem", "gledališče"),
        ("mk", "театрите", "театар"),  # with the definite article
    ],
)
def test_an_inflected_word_meets_its_glossary_line(reader, typed, listed):
    [(term, known)] = in_glossary_terms([typed], reader)
    assert known
    assert term == listed or same_line(reader, term, listed)


def test_a_word_typed_without_diacritics_meets_its_glossary_line():
    [(term, known)] = in_glossary_terms(["kazalistima"], "hr")
    assert known and same_line("hr", term, "kazalište")


@pytest.mark.parametrize(
    ("reader", "typed", "meant"),
    [
        ("hr", "cuvanje", "čuvanje"),
        ("bs", "gradjanski", "građanski"),  # đ typed as dj
        ("sq", "artistet", "artistët"),
        ("mk", "mesecite", "месеците"),  # Macedonian in Latin letters
        ("mk", "dvojazični", "двојазични"),  # with their diacritics
        ("mk", "gragjansko-javno", "граѓанско-јавно"),  # each part of a word with a hyphen
        ("hr", "kuca", "kuca"),  # a word in its own right ("knocks"), not respelt
        ("sq", "qwzxvet", "qwzxvet"),  # no respelling is a word either
    ],
)
def test_a_query_word_typed_without_diacritics_is_read_as_meant(reader, typed, meant):
    assert meant_spelling(typed, reader) == meant


def test_a_query_word_typed_without_diacritics_or_in_the_other_script_meets_the_pages_words():
    """Compared with a page's words by dictionary form, as ``lemmas`` are indexed: a word typed
    without diacritics ("banoret") is no longer a word of its own, nor one typed in the other
    script, whose dictionary the lemmatiser reads otherwise ("мали": "mal")."""
    assert query_word_key("banoret", "sq") == dictionary_forms("banorët", "sq") == "banor"
    assert query_word_key("finansiska", "mk") == dictionary_forms("финансиските", "mk")
    assert query_word_key("мали", "sr") == query_word_key("mali", "sr") == dictionary_forms("малих", "sr")


def test_a_function_word_is_not_searched_for_as_a_words_dictionary_form():
    assert "dhe" not in database_terms("mbrojtja e te dhenave", "sq")


def test_words_the_glossary_does_not_know_stay_as_typed():
    assert in_glossary_terms(["qwzxv", "kazalište"], "hr") == [("qwzxv", False), ("kazalište", True)]


def test_a_word_is_not_read_as_another_that_the_lemmatiser_gives_the_same_dictionary_form():
    """The lemmatiser takes "radio" for the past participle of "raditi" (to work): "radimo" (we
    work) is not the radio's glossary line, nor does a page that says it name the radio."""
    assert in_glossary_terms(["radimo"], "cnr") == [("radimo", False)]
    assert not set(concepts_in_text("radimo i radili smo", "cnr")) & set(concepts_in_text("radio", "cnr"))
    [(term, known)] = in_glossary_terms(["kulturnog"], "hr")
    assert known and same_line("hr", term, "kulturni")


@pytest.mark.parametrize(
    ("reader", "typed", "meant"),
    [
        ("cnr", "zagovranje", "zagovaranje"),  # a letter left out
        ("mk", "застапуавње", "застапување"),  # two letters swapped
        ("bs", "radionca", "radionica"),  # not the radio's "radion", its first six letters
        ("hr", "honarari", "honorari"),  # a vowel for another
    ],
)
def test_a_mistyped_glossary_word_is_read_as_the_word_meant(reader, typed, meant):
    [(term, known)] = in_glossary_terms([typed], reader)
    assert known
    assert term == meant or same_line(reader, term, meant)


@pytest.mark.parametrize(
    ("reader", "typed"),
    [
        ("hr", "plakata"),  # posters, one key far from Macedonian "платата" (the salary)
        ("hr", "radnom"),  # too short to tell a slip from another word
    ],
)
def test_a_word_one_letter_from_a_glossary_word_is_not_taken_for_it_without_a_slip(reader, typed):
    assert in_glossary_terms([typed], reader) == [(typed, False)]


@pytest.mark.parametrize(
    ("typed", "word", "slip"),
    [
        ("zagovranje", "zagovaranje", True),
        ("zagovaraje", "zagovaranje", True),
        ("zagovarnaje", "zagovaranje", True),
        ("zagovarsnje", "zagovaranje", True),  # s beside a
        ("zagovarpnje", "zagovaranje", False),  # p far from a
        ("zagovranej", "zagovaranje", False),  # two slips
    ],
)
def test_one_slip_is_a_letter_left_out_added_swapped_or_a_nearby_key(typed, word, slip):
    assert one_slip_apart(typed, word) is slip


def test_a_page_and_a_query_in_other_languages_meet_in_a_concept():
    """A Macedonian page writing "театрите" and a Croatian reader typing "kazalištima" name the
    same glossary line, whatever the languages' stemmers make of the two forms."""
    page_concepts = set(concepts_in_text("Младинските театрите во Скопје играат на улица.", "mk"))
    query_terms = [term for term, known in in_glossary_terms(["kazalištima"], "hr") if known]
    assert set(concepts_of_query_terms(query_terms, "hr")) & page_concepts


def test_words_are_indexed_in_their_dictionary_forms_whatever_the_language_or_script():
    assert dictionary_forms("Театрите", "mk") == dictionary_forms("театар", "sr") == "teatar"
    assert dictionary_forms("vullnetarëve", "sq") == dictionary_forms("vullnetarët", "sq")
    assert dictionary_forms("umjetnicima i umjetnika", "bs") == "umjetnik i umjetnik"


def test_a_text_naming_no_glossary_term_carries_no_concepts():
    assert concepts_in_text("Qwzxv zzkkq.", "hr") == []


def test_two_words_that_are_one_term_become_that_term():
    written = in_glossary_terms(["usmenih", "povijesti"], "hr")
    assert len(written) == 1 and written[0][1]
    assert "oral history" in next(rule for rule in glossary_rules("hr") if written[0][0] in rule)


@pytest.mark.parametrize("typed", [["kulturnog", "centra"], ["културног", "центра"], ["cultural", "center"]])
def test_a_term_of_several_words_is_written_in_the_form_the_engine_knows(typed):
    [(term, known)] = in_glossary_terms(typed, "hr")
    assert known
    assert any(term in terms_of(rule) for rule in synonym_rules("hr"))


def test_a_false_friend_keeps_its_meaning_for_each_reader():
    [(slovenian, _known)] = in_glossary_terms(["delom"], "sl")
    [(serbian, _known)] = in_glossary_terms(["delom"], "sr-latn")
    assert same_line("sl", slovenian, "work")
    assert not same_line("sr-latn", serbian, "work")


def test_the_database_fallback_searches_each_words_equivalents():
    """The limit on terms is shared in turn, so the last word's equivalents are not crowded out
    by the first word's long glossary line."""
    terms = database_terms("kriteriji gradskog natječaja za kulturu", "hr")
    assert {"criteria", "culture"} <= set(terms)
    assert "za" not in terms


def test_the_database_fallback_also_looks_for_each_words_dictionary_form():
    """The database has no stemmer for the region's languages: "kvartova" finds "kvart" this way."""
    assert {"kvartova", "kvart"} <= set(database_terms("kvartova", "hr"))
    assert {"публиката", "публика", "publika"} <= set(database_terms("публиката", "mk"))


@pytest.mark.parametrize("reader", [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES])
def test_no_glossary_term_means_two_things_to_one_reader(reader):
    """A term on two lines a reader sees would silently join two concepts for that reader."""
    seen = {}
    for rule in glossary_rules(reader):
        for term in (term.strip() for term in rule.split(",")):
            assert term == term.lower(), term
            assert seen.setdefault(term, rule) == rule, f"{term!r} is on two lines for {reader} readers"


@pytest.mark.django_db
@pytest.mark.demo
def test_the_database_fallback_ranks_a_strong_match_in_another_language_first(database_search):
    """As the engine does: the reader's language is a preference, not a wall."""
    params = SearchParams(locale="hr", q="kriteriji gradskog natječaja za kulturu")
    response = DatabaseBackend().search(params)
    first = response.results[0]
    assert first.url.rstrip("/").endswith("novi-sad-culture-grants-monitoring")
    assert first.locale != "hr"
