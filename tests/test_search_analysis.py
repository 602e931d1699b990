"""The analyzers, checked with _analyze on the real Elasticsearch node."""

import pytest

from search.indexes import alias_name

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

REGIONAL = ["bs", "hr", "sr", "sr-latn", "cnr", "mk"]


def terms(client, locale, text, analyzer="text_index"):
    response = client.indices.analyze(index=alias_name(locale), analyzer=analyzer, text=text)
    return {token["token"] for token in response["tokens"]}


@pytest.mark.parametrize("locale", REGIONAL)
@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [("позориште", "pozorište"), ("култура", "kultura"), ("уметност", "umetnost"), ("Ђорђе", "Đorđe")],
)
def test_cyrillic_and_latin_reduce_to_the_same_terms(elasticsearch, locale, cyrillic, latin):
    assert terms(elasticsearch, locale, cyrillic) == terms(elasticsearch, locale, latin)


@pytest.mark.parametrize("locale", REGIONAL)
def test_diacritics_are_optional(elasticsearch, locale):
    for with_marks, without in [("cvijeće", "cvijece"), ("pozorište", "pozoriste"), ("Dorćol", "Dorcol")]:
        assert terms(elasticsearch, locale, with_marks) & terms(elasticsearch, locale, without), with_marks


def test_ijekavian_and_ekavian_forms_meet(elasticsearch):
    assert terms(elasticsearch, "hr", "cvijeće") == terms(elasticsearch, "sr-latn", "cveće")


def test_macedonian_letters_become_latin(elasticsearch):
    tokens = terms(elasticsearch, "mk", "ѓубре ѕвезда ќерка")
    assert all(token.isascii() for token in tokens), tokens
    assert any(token.startswith("gj") for token in tokens)
    assert any(token.startswith("dz") for token in tokens)
    assert terms(elasticsearch, "mk", "Ѓорѓи") == terms(elasticsearch, "mk", "gjorgji")


def test_markup_is_not_indexed(elasticsearch):
    assert terms(elasticsearch, "hr", "<p>Narodno <b>kazalište</b> &amp; publika</p>") == terms(
        elasticsearch, "hr", "Narodno kazalište publika"
    )


def test_glossary_joins_regional_word_variants_at_search_time(elasticsearch):
    expanded = terms(elasticsearch, "hr", "kazalište", analyzer="text_search_hr")
    assert terms(elasticsearch, "hr", "pozorište") <= expanded
    assert terms(elasticsearch, "hr", "kazalište") <= expanded
    assert terms(elasticsearch, "hr", "kazalište") == {"kazalist"}, "the index side is not expanded"


def test_the_forms_of_a_term_of_several_words_count_once(elasticsearch):
    """The cases and scripts of "kulturni centar" all stem to the same two words; given to the
    synonym filter as separate forms, they became one clause boosted by their number."""
    response = elasticsearch.indices.validate_query(
        index=alias_name("hr"),
        explain=True,
        rewrite=True,
        query={"match": {"body": {"query": "kulturni centar", "analyzer": "text_search_hr"}}},
    )
    rewritten = response["explanations"][0]["explanation"]
    assert "kulturn" in rewritten
    assert "^" not in rewritten, rewritten


def test_the_forms_of_a_word_that_stem_alike_count_once(elasticsearch):
    """The glossary's forms of "сарадња" (its cases, both scripts) stem to the same word in a
    Bosnian index: left in, each counted again, and a page naming cooperation once outweighed
    everything else the query asked."""
    response = elasticsearch.indices.validate_query(
        index=alias_name("bs"),
        explain=True,
        rewrite=True,
        query={"match": {"summary": {"query": "сарадња", "analyzer": "text_search_sr"}}},
    )
    clauses = response["explanations"][0]["explanation"].replace("Synonym(", "").replace(")", "").split()
    assert "summary:saradnj" in clauses
    assert len(clauses) == len(set(clauses)), clauses


def test_function_words_are_dropped_in_every_script_and_spelling(elasticsearch):
    assert terms(elasticsearch, "sr", "програм у селима и за децу") == terms(
        elasticsearch, "sr", "program selima decu"
    )
    assert terms(elasticsearch, "hr", "među umjetnicima") == terms(elasticsearch, "hr", "medju umjetnicima")
    assert terms(elasticsearch, "hr", "medju umjetnicima") == terms(elasticsearch, "hr", "umjetnicima")
    assert terms(elasticsearch, "sq", "kodi i sjelljes në koncerte") == terms(
        elasticsearch, "sq", "kodi sjelljes koncerte"
    )
    assert terms(elasticsearch, "sl", "v vaseh in na podeželju") == terms(
        elasticsearch, "sl", "vaseh podeželju"
    )
    assert terms(elasticsearch, "mk", "програма во селата") == terms(elasticsearch, "mk", "програма селата")


def test_english_and_slovenian_are_stemmed_albanian_only_folded(elasticsearch):
    assert terms(elasticsearch, "en", "festivals") == terms(elasticsearch, "en", "festival")
    assert terms(elasticsearch, "sl", "umetnikov") == terms(elasticsearch, "sl", "umetniki")
    assert terms(elasticsearch, "sl", "gledališča") == terms(elasticsearch, "sl", "gledališče")
    assert "kulture" in terms(elasticsearch, "sq", "Kulturë")
