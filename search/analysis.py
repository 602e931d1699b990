"""Text analysis for each of the hub's languages.

Every locale gets its own index (see ``documents.py``) with the analyzers below, so a Croatian
page is stemmed as Croatian, a Slovenian one lightly, an Albanian one not at all (function words
of each language are dropped first, from stopwords/). All analyzers end in the same
place for both scripts: Serbian Cyrillic becomes Latin (``serbian_normalization``), Macedonian
letters it does not know are mapped first, and diacritics are folded while the original is kept.
So "позориште", "pozorište" and "pozoriste" meet, and a query in either script finds both.

The regional glossary (``glossary.txt``) expands word variants at search time only
(kazalište ⇄ pozorište ⇄ gledališče ⇄ театар). It runs straight after ``lowercase``, so its
entries list their diacritic-free and both-script forms themselves. An equivalence can hold for
readers of some languages only (a false friend: Slovenian "delo" is work, Serbian "delo" a work
of art), so every index has one search analyzer per reader language, ``text_search_<reader>``,
with the glossary lines that hold for that reader; a query names the reader's.
"""

import unicodedata
from functools import cache
from itertools import zip_longest
from pathlib import Path

from django.conf import settings
from elasticsearch.dsl import analyzer, char_filter, token_filter

from translation.transliteration import MACEDONIAN_EXTRA, cyrillic_to_latin, latin_to_cyrillic

from .glossary import (
    WORD,
    dictionary_form,
    glossary_alternatives,
    meant_spelling,
    synonym_rules,
    term_of_query_word,
)

STOPWORDS_FOLDER = Path(__file__).resolve().parent / "stopwords"

# Locale → its list of function words in stopwords/ (English uses Lucene's own list).
STOPWORD_LISTS = {"bs": "bcms", "hr": "bcms", "sr": "bcms", "sr-latn": "bcms", "cnr": "bcms"} | {
    code: code for code in ("en", "mk", "sl", "sq")
}

macedonian_letters = char_filter(
    "macedonian_letters",
    type="mapping",
    mappings=[
        "ѓ => gj",
        "Ѓ => Gj",
        "ќ => kj",
        "Ќ => Kj",
        "ѕ => dz",
        "Ѕ => Dz",
        "ѐ => е",
        "Ѐ => Е",
        "ѝ => и",
        "Ѝ => И",
    ],
)
folding = token_filter("folding", type="asciifolding", preserve_original=True)
serbian_stemmer = token_filter("serbian_stemmer", type="stemmer", language="serbian")
czech_stemmer = token_filter("czech_stemmer", type="stemmer", language="czech")
english_stemmer = token_filter("english_stemmer", type="stemmer", language="english")
english_possessive = token_filter("english_possessive", type="stemmer", language="possessive_english")


def without_diacritics(word):
    """The word as typed on a keyboard without č, ć, š, ž, đ, ë, ç (đ also as dj, as people type it)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return {plain.replace("đ", "d"), plain.replace("đ", "dj")}


def written_forms(word):
    """Every form in which a word reaches the stop filter: either script, with or without
    diacritics, and Macedonian letters as the ``macedonian_letters`` char filter writes them."""
    latin = cyrillic_to_latin(word)
    forms = {word, latin, latin_to_cyrillic(latin), *without_diacritics(latin)}
    forms.add("".join(MACEDONIAN_EXTRA.get(letter, letter) for letter in word))
    return forms


@cache
def stopwords(list_name):
    """The function words of one list in stopwords/, in all their written forms."""
    words = set()
    for line in (STOPWORDS_FOLDER / f"{list_name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words |= written_forms(line)
    return sorted(words)


def stop_filter(locale_code):
    name = STOPWORD_LISTS[locale_code]
    return token_filter(f"{name}_stop", type="stop", stopwords=stopwords(name))


@cache
def glossary_filter(reader_code):
    return token_filter(
        f"glossary_{reader_code}", type="synonym_graph", synonyms=synonym_rules(reader_code), lenient=True
    )


def search_analyzer_name(reader_code):
    return f"text_search_{reader_code}"


# Each locale's stemmer, chosen on the judged queries (docs/search.md has the figures): the
# Serbian Snowball stemmer for the languages it was written for and for Macedonian (it reads
# Cyrillic, and it also brings ijekavian and ekavian forms together); Lucene's light Czech
# stemmer for Slovenian, whose case endings it shares; nothing yet for Albanian. Hunspell
# dictionaries (hr, sl, mk) and Lucene's Bulgarian stemmer for Macedonian measured worse.
STEMMERS = {
    "bs": [serbian_stemmer],
    "hr": [serbian_stemmer],
    "sr": [serbian_stemmer],
    "sr-latn": [serbian_stemmer],
    "cnr": [serbian_stemmer],
    "mk": [serbian_stemmer],
    "sl": [czech_stemmer],
    "sq": [],
}


def _text_analyzers(locale_code):
    """(index analyzer, {reader: search analyzer}) for full text in one locale."""
    script_folding = ["serbian_normalization", folding]
    if locale_code == "en":
        index_filters = ["lowercase", english_possessive, stop_filter("en"), english_stemmer, *script_folding]
    else:
        index_filters = ["lowercase", stop_filter(locale_code), *STEMMERS[locale_code], *script_folding]
    char_filters = ["html_strip", macedonian_letters]
    text = analyzer("text_index", tokenizer="standard", char_filter=char_filters, filter=index_filters)
    # A word's glossary forms that stem alike ("сарадња", "saradnje" …) leave one term, not one
    # per form, each counted again by the query.
    searches = {
        reader: analyzer(
            search_analyzer_name(reader),
            tokenizer="standard",
            char_filter=char_filters,
            filter=[index_filters[0], glossary_filter(reader), *index_filters[1:], "remove_duplicates"],
        )
        for reader, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }
    return text, searches


def analyzers(locale_code):
    """All analyzers of one locale's index, by role."""
    text, searches = _text_analyzers(locale_code)
    exact = analyzer(
        "exact",
        tokenizer="standard",
        char_filter=["html_strip", macedonian_letters],
        filter=["lowercase", "serbian_normalization", folding],
    )
    return {
        "text": text,
        # A field's own search analyzer reads the query as a reader of the index's language would.
        "text_search": searches[locale_code],
        "text_search_by_reader": searches,
        "exact": exact,
    }


# --- the database fallback ----------------------------------------------------------------------

# The database builds one nested expression per term: past some hundreds, Python's recursion
# limit is reached, and long before that the search slows down.
MAX_DATABASE_TERMS = 48
# How many of a query's words the fallback counts a page's matches of: each is one more search.
MAX_COUNTED_WORDS = 8


@cache
def function_words():
    """The function words of every language: a reader may type in any of them."""
    return frozenset(word for name in set(STOPWORD_LISTS.values()) for word in stopwords(name))


def content_words(text):
    """The words of a query that carry its subject, in the order typed, each once."""
    return list(dict.fromkeys(word for word in WORD.findall(text.lower()) if word not in function_words()))


def database_terms(text, reader_code):
    """The words of a query as the database fallback searches for them, any of them matching: the
    function words dropped, each word in both scripts, as meant when typed without diacritics
    (``meant_spelling``) and in its dictionary form (the database has no stemmer for the region's
    languages: "umjetnicima" also looks for "umjetnik"), then glossary equivalents for the
    reader, taken in turn from each word's, as many as the limit leaves room for."""
    return _joined([_terms_of_word(word, reader_code) for word in content_words(text)])


def database_terms_by_word(text, reader_code):
    """(the query's ``database_terms``; the terms of each of its first words alone), the second by
    which the database fallback tells how many of the words a page matches."""
    by_word = [_terms_of_word(word, reader_code) for word in content_words(text)]
    return _joined(by_word), [_joined([word_terms]) for word_terms in by_word[:MAX_COUNTED_WORDS]]


def _terms_of_word(word, reader_code):
    """(a query word's written forms, its glossary equivalents)."""
    meant = meant_spelling(word, reader_code)
    lemma = dictionary_form(meant, reader_code).lower()
    forms = [
        written
        for form in (word, meant, lemma)
        for written in (form, cyrillic_to_latin(form), latin_to_cyrillic(form))
        # A dictionary form that is a function word says nothing of the subject ("dhenave", data,
        # is also a form of "dhe", and, which every Albanian page has).
        if written not in function_words()
    ]
    equivalents = glossary_alternatives(reader_code).get(term_of_query_word(word, reader_code), ())
    return forms, sorted(equivalents)


def _joined(terms_by_word):
    """The words' forms, then their equivalents taken in turn from each word's, at most the limit."""
    terms = dict.fromkeys(form for forms, _equivalents in terms_by_word for form in forms)
    for turn in zip_longest(*(equivalents for _forms, equivalents in terms_by_word)):
        terms.update(dict.fromkeys(form for form in turn if form is not None))
    return list(terms)[:MAX_DATABASE_TERMS]
