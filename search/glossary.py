"""The regional glossary (``glossary.txt``): which words mean the same across the hub's languages.

It is read in two ways. The engine's search analyzers expand every term a query contains, as
typed, into its equivalents (``analysis.py`` builds them from ``synonym_rules``). And because a
reader types a word in whatever case or form the sentence needs ("umjetnicima", "усмене
историје", "vullnetarëve") while the glossary lists dictionary forms, ``in_glossary_terms``
first writes each word of a query the way the glossary does when only its form differs: words
are compared by their dictionary form (simplemma's lemmatiser for the reader's language), in
Latin letters without diacritics, and a word the lemmatiser does not know (typed without
diacritics, say) by its stem, as a light stemmer would.

A page's own words are compared with the glossary the same way when it is indexed: its document
carries the concepts (glossary lines) it names in any form (``concepts_in_text``), and the
concepts of a query's words meet them there, whatever language either is written in.
"""

import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import product
from pathlib import Path

import simplemma

from translation.transliteration import cyrillic_to_latin, latin_to_cyrillic

GLOSSARY_PATH = Path(__file__).resolve().parent / "glossary.txt"
GLOSSARY_TAG = re.compile(r"^\[(?P<readers>[a-z -]+)\]\s*(?P<rule>.+)$")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

# Reader language → simplemma's language; "hbs" is its Serbo-Croatian, in both scripts. English
# comes second for every reader, who may type an English word.
LEMMATISER_LANGUAGES = {"bs": "hbs", "hr": "hbs", "sr": "hbs", "sr-latn": "hbs", "cnr": "hbs"} | {
    code: code for code in ("en", "mk", "sl", "sq")
}
# A word the lemmatiser does not know (typed without diacritics, or misspelt at its end) meets a
# glossary word when both are the same stem of at least MIN_STEM letters, the typed word with up to
# TYPED_ENDING letters after it and the glossary's with up to GLOSSARY_ENDING: "kazalistima" and
# "kazalište" meet as "kazalist".
TYPED_ENDING = 3
GLOSSARY_ENDING = 2
MIN_STEM = 5
# Terms of several words whose words begin with the same letters are one term to the engine.
SHARED_BEGINNING = 4
# Words looked up while indexing and searching are remembered: a language's vocabulary repeats.
VOCABULARY_CACHE = 500_000


def begin_alike(word, other):
    """Whether two words that share a dictionary form are forms of one word, not two words that
    the lemmatiser reduces to one: their first MIN_STEM letters (all of the shorter's, if
    shorter) are the same. "kulturnog" is "kulturni"; "radimo" (we work) is not "radio", whose
    dictionary form the lemmatiser takes for the verb's."""
    shared = min(MIN_STEM, len(word), len(other))
    return word[:shared] == other[:shared]


def stems(word, longest_ending):
    """The word, then the word without its last letter, and so on, shortest ending first."""
    return [word[: len(word) - cut] for cut in range(longest_ending + 1) if len(word) - cut >= MIN_STEM]


@cache
def read_glossary(path=GLOSSARY_PATH):
    """(reader languages, or None for all; synonym rule) for each line of the glossary: one group
    of equivalent terms a line, optionally after ``[codes]`` of the readers it holds for."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        tagged = GLOSSARY_TAG.match(line)
        if tagged:
            entries.append((frozenset(tagged["readers"].split()), tagged["rule"]))
        else:
            entries.append((None, line))
    return entries


def glossary_rules(reader_code):
    return [rule for readers, rule in read_glossary() if readers is None or reader_code in readers]


def engine_forms(terms):
    """Each term of a glossary line → the form the engine's synonym filter is given for it.

    The engine stems every form the filter expands a term into, and the forms of one term of
    several words (its cases, Latin and Cyrillic, "centre" and "center") mostly became the same
    clause, which it then counted once per form: a query naming "kulturni centar" put eight times
    its weight on any page naming a cultural centre, ahead of everything else the query asked. So
    of the terms of several words whose words begin alike, only the first is given to the engine,
    and the others are written as it (a query's words in ``in_glossary_terms``).
    """
    forms, first_of = {}, {}
    for term in terms:
        parts = WORD.findall(term)
        key = tuple(comparable(part)[:SHARED_BEGINNING] for part in parts) if len(parts) > 1 else term
        forms[term] = first_of.setdefault(key, term)
    return forms


def synonym_rules(reader_code):
    """The reader's glossary lines as the engine's synonym filter takes them (``engine_forms``)."""
    return [
        ", ".join(dict.fromkeys(engine_forms(terms_of(rule)).values()))
        for rule in glossary_rules(reader_code)
    ]


def terms_of(rule):
    return [term.strip() for term in rule.split(",") if term.strip()]


@cache
def glossary_alternatives(reader_code):
    """Single word → the single words of the reader's glossary lines that list it (itself too).
    A word of one line gets that line's set, one object shared by its words and every reader."""
    lines_of = {}
    for rule in glossary_rules(reader_code):
        words = single_words_of(rule)
        for term in words:
            lines_of.setdefault(term, []).append(words)
    return {
        term: lines[0] if len(lines) == 1 else frozenset().union(*lines) for term, lines in lines_of.items()
    }


@cache
def single_words_of(rule):
    return frozenset(term for term in terms_of(rule) if " " not in term)


def comparable(word):
    """One spelling for comparing words: Latin letters, no diacritics, đ and dj as d."""
    latin = cyrillic_to_latin(word.lower()).replace("đ", "d").replace("dj", "d")
    return "".join(char for char in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(char))


# The lemmatiser's dictionaries are read from their compressed form rather than unpacked into
# Python dictionaries: 23 MiB for the five languages instead of 168 in every process, for lookups
# about seven times slower, which the cache below spares: documents are built as fast, within the
# machine's noise (bench/lemmatiser.py, docs/benchmarks.md).
LEMMATISER_LOW_MEMORY = True


@lru_cache(maxsize=VOCABULARY_CACHE)
def dictionary_form(word, reader_code):
    return simplemma.lemmatize(
        lemmatiser_spelling(word, reader_code),
        lang=(LEMMATISER_LANGUAGES[reader_code], "en"),
        low_memory=LEMMATISER_LOW_MEMORY,
    )


def lemmatiser_knows(word, reader_code):
    return simplemma.is_known(
        lemmatiser_spelling(word, reader_code),
        lang=(LEMMATISER_LANGUAGES[reader_code], "en"),
        low_memory=LEMMATISER_LOW_MEMORY,
    )


def lemmatiser_spelling(word, reader_code):
    """Serbo-Croatian in Latin letters when the lemmatiser knows it so: its Cyrillic dictionary is
    the smaller, and gives one word in twenty another dictionary form than its Latin spelling gets
    ("мали": "mal", "mali": "mali"), so that a query typed in one script missed what the other
    finds."""
    if LEMMATISER_LANGUAGES[reader_code] != "hbs":
        return word
    latin = cyrillic_to_latin(word)
    if latin != word and simplemma.is_known(latin, lang=("hbs",), low_memory=LEMMATISER_LOW_MEMORY):
        return latin
    return word


# The letters a reader of each lemmatiser language types, on a keyboard without them, for the
# letters with diacritics (and Macedonian's own letters, when Macedonian is typed in Latin ones).
PLAIN_LETTERS = {
    "hbs": {"c": ("č", "ć"), "s": ("š",), "z": ("ž",), "dj": ("đ",)},
    "sl": {"c": ("č",), "s": ("š",), "z": ("ž",)},
    "mk": {"c": ("č",), "s": ("š",), "z": ("ž",), "gj": ("ѓ",), "kj": ("ќ",), "dz": ("ѕ",)},
    "sq": {"e": ("ë",), "c": ("ç",)},
}
# A word with more ways of being respelt than this is left as typed.
MAX_RESPELLINGS = 64


def respellings(word, reader_code):
    """The spellings a word typed without diacritics (or Macedonian typed in Latin letters) may
    stand for, those with fewer letters changed first; not the word itself."""
    language = LEMMATISER_LANGUAGES[reader_code]
    if language not in PLAIN_LETTERS or cyrillic_to_latin(word) != word:
        return []
    letters = PLAIN_LETTERS[language] if word.isascii() else {}
    choices = []
    position = 0
    while position < len(word):
        pair = word[position : position + 2]
        unit = pair if pair in letters else word[position]
        choices.append((unit, *letters.get(unit, ())))
        position += len(unit)
    if math.prod(len(options) for options in choices) > MAX_RESPELLINGS:
        return []
    typed = [options[0] for options in choices]

    def letters_changed(units):
        return sum(unit != as_typed for unit, as_typed in zip(units, typed, strict=True))

    written = ["".join(units) for units in sorted(product(*choices), key=letters_changed)[1:]]
    if language == "mk":
        written = [latin_to_cyrillic(spelling) for spelling in [word, *written]]
    return written


@lru_cache(maxsize=VOCABULARY_CACHE)
def meant_spelling(word, reader_code):
    """The word a reader meant, as the lemmatiser knows it: typed without diacritics
    ("cuvanje": "čuvanje"; "artistet": "artistët") or Macedonian in Latin letters ("mesecite":
    "месеците"). Of several known spellings, one whose dictionary form most of them share; the
    word itself when the lemmatiser knows it or none of its respellings. Each part of a word
    with hyphens on its own ("gragjansko-javno": "граѓанско-јавно")."""
    if "-" in word:
        return "-".join(meant_spelling(part, reader_code) for part in word.split("-"))
    if lemmatiser_knows(word, reader_code):
        return word
    known = [
        spelling for spelling in respellings(word, reader_code) if lemmatiser_knows(spelling, reader_code)
    ]
    if not known:
        return word
    lemmas = Counter(dictionary_form(spelling, reader_code) for spelling in known)
    most_shared = lemmas.most_common(1)[0][0]
    return next(spelling for spelling in known if dictionary_form(spelling, reader_code) == most_shared)


@lru_cache(maxsize=VOCABULARY_CACHE)
def phrase_word_key(word, reader_code):
    """How a word is compared within a glossary term of several words: its dictionary form."""
    return comparable(dictionary_form(word, reader_code))


def query_word_key(word, reader_code):
    """How a query's word is compared with a page's words (``phrase_word_key``), read as meant."""
    return phrase_word_key(meant_spelling(word, reader_code), reader_code)


@dataclass
class ReaderGlossary:
    """The glossary's terms as one reader's words are compared with them."""

    reader_code: str
    typed: set = field(default_factory=set)
    words: dict = field(default_factory=dict)
    phrases: dict = field(default_factory=dict)
    stems: dict = field(default_factory=dict)

    def keys(self, word):
        """The word as written, then its dictionary form, both comparable."""
        return list(dict.fromkeys([comparable(word), comparable(dictionary_form(word, self.reader_code))]))

    def add(self, term, engine_form):
        self.typed.add(term)
        parts = WORD.findall(term)
        if len(parts) == 1:
            for key in self.keys(term):
                self.words.setdefault(key, term)
                for stem in stems(key, GLOSSARY_ENDING):
                    self.stems.setdefault(stem, term)
        else:
            self.phrases.setdefault(self.phrase_key(parts), engine_form)

    def term_for(self, word):
        """The glossary's own way of writing ``word``, or None when it has no entry for it."""
        return self.term_of_form(word) or self.term_of_stem(word)

    def term_of_form(self, word):
        """The term ``word`` is, as written or in its dictionary form."""
        if word in self.typed:
            return word
        for key in self.keys(word):
            term = self.words.get(key)
            if term is not None and begin_alike(comparable(word), comparable(term)):
                return term
        return None

    def term_of_stem(self, word):
        """The term whose stem ``word`` begins with, its ending aside."""
        for stem in stems(comparable(word), TYPED_ENDING):
            if stem in self.stems:
                return self.stems[stem]
        return None

    @cached_property
    def sorted_words(self):
        return sorted(self.words)

    def completions(self, beginning):
        """The single-word terms that a word beginning as ``beginning`` may be, the shortest first
        (compared as ``comparable`` writes words)."""
        start = comparable(beginning)
        keys = self.sorted_words
        position = bisect_left(keys, start)
        matching = []
        while position < len(keys) and keys[position].startswith(start):
            matching.append(keys[position])
            position += 1
        return list(dict.fromkeys(self.words[key] for key in sorted(matching, key=len)))

    def phrase_key(self, words):
        return tuple(phrase_word_key(word, self.reader_code) for word in words)

    def phrase_for(self, words):
        return self.phrases.get(self.phrase_key(words))


@cache
def concepts_of_terms(reader_code):
    """Glossary term → the numbers of the glossary lines (concepts) that list it for this reader,
    each set of numbers one object, shared by its terms and by every reader."""
    numbers = {}
    for number, (readers, rule) in enumerate(read_glossary()):
        if readers is None or reader_code in readers:
            for term in terms_of(rule):
                numbers.setdefault(term, []).append(number)
    return {term: concept_numbers(tuple(found)) for term, found in numbers.items()}


@cache
def concept_numbers(numbers):
    return frozenset(numbers)


@lru_cache(maxsize=VOCABULARY_CACHE)
def term_of_word(word, reader_code):
    return reader_glossary(reader_code).term_for(word)


def dictionary_forms(text, language_code):
    """The text's words in their dictionary forms, spelt as ``comparable`` spells words."""
    return indexed_forms(text, language_code)[1]


def concepts_in_text(text, language_code):
    """The glossary concepts (line numbers) a text in ``language_code`` names, its words compared
    with the glossary's as a reader's are (``ReaderGlossary.term_for``, ``phrase_for``)."""
    return indexed_forms(text, language_code)[0]


def indexed_forms(text, language_code):
    """(``concepts_in_text``, ``dictionary_forms``) of a page's text, in one reading of it: each
    distinct word is looked up once, and a phrase only where a glossary phrase can begin."""
    words = WORD.findall(text.lower())
    distinct = dict.fromkeys(words)
    key_of = {word: phrase_word_key(word, language_code) for word in distinct}
    keys = [key_of[word] for word in words]
    concepts = concepts_of_terms(language_code)
    found = set()
    for word in distinct:
        term = term_of_word(word, language_code)
        if term is not None:
            found.update(concepts.get(term, ()))
    phrases = reader_glossary(language_code).phrases
    lengths_from = phrase_lengths_by_first_key(language_code)
    for position, key in enumerate(keys):
        for length in lengths_from.get(key, ()):
            phrase = phrases.get(tuple(keys[position : position + length]))
            if phrase is not None:
                found.update(concepts.get(phrase, ()))
    return sorted(found), " ".join(keys)


@cache
def phrase_lengths_by_first_key(reader_code):
    """First word's key → the lengths (two or three words) of the reader's glossary phrases
    beginning with it."""
    lengths = {}
    for phrase_key in reader_glossary(reader_code).phrases:
        if len(phrase_key) in (2, 3):
            lengths.setdefault(phrase_key[0], set()).add(len(phrase_key))
    return lengths


def concepts_of_query_terms(terms, reader_code):
    """The glossary concepts of a query's words already written as the glossary writes them."""
    concepts = concepts_of_terms(reader_code)
    return sorted({number for term in terms for number in concepts.get(term, ())})


@cache
def reader_glossary(reader_code):
    glossary = ReaderGlossary(reader_code)
    for rule in glossary_rules(reader_code):
        for term, engine_form in engine_forms(terms_of(rule)).items():
            glossary.add(term, engine_form)
    return glossary


def completions(beginning, reader_code, limit):
    """Up to ``limit`` glossary terms, one per concept, the shortest first, that a word beginning
    as ``beginning`` may become; not the concept ``beginning`` already names as a whole word."""
    concepts = concepts_of_terms(reader_code)
    named = term_of_word(beginning, reader_code)
    chosen = {frozenset(concepts.get(named, ())): None} if named else {}
    for term in reader_glossary(reader_code).completions(beginning):
        chosen.setdefault(frozenset(concepts.get(term, ())), term)
    return [term for term in chosen.values() if term is not None][:limit]


@lru_cache(maxsize=VOCABULARY_CACHE)
def term_of_query_word(word, reader_code):
    """The glossary term a query's word is, in any form, mistyped (``glossary_word_meant``) or
    with another ending; None when the glossary does not know it."""
    glossary = reader_glossary(reader_code)
    return (
        glossary.term_of_form(meant_spelling(word, reader_code))
        or glossary_word_meant(word, reader_code)
        or glossary.term_of_stem(word)
    )


def in_glossary_terms(words, reader_code):
    """(written, known) for the words (function words already dropped): each written as the
    reader's glossary writes it when the glossary has it in another form, two or three words that
    are one glossary term as that term; ``known`` when the glossary has it."""
    glossary = reader_glossary(reader_code)
    written = []
    position = 0
    while position < len(words):
        for length in (3, 2):
            following = words[position : position + length]
            phrase = len(following) == length and glossary.phrase_for(
                [meant_spelling(word, reader_code) for word in following]
            )
            if phrase:
                written.append((phrase, True))
                position += length
                break
        else:
            word = words[position]
            term = term_of_query_word(word, reader_code)
            written.append((term or word, term is not None))
            position += 1
    return written


# A query word unknown to the glossary and to the lemmatiser is read as the glossary word one slip
# away from it (``one_slip_apart``: "zagovranje", "radionca"), if the words that near all name one
# concept, and both are at least this long: shorter words are too often another word one letter
# away.
MISTYPED_MIN_LENGTH = 6


@cache
def one_letter_out():
    """Each single-word glossary term of any line (``comparable``) and each of its spellings with
    one letter left out → the terms (``comparable``)."""
    spellings = {}
    for _readers, rule in read_glossary():
        for term in terms_of(rule):
            key = comparable(term)
            if len(key) >= MISTYPED_MIN_LENGTH and len(WORD.findall(term)) == 1:
                for spelling in {key, *without_one_letter(key)}:
                    spellings.setdefault(spelling, set()).add(key)
    return spellings


# Where letters are on QWERTY and QWERTZ keyboards (the region's Cyrillic layouts put their letters
# on the same keys as their Latin ones), by row and column.
KEY_POSITIONS = {
    letter: (row, column)
    for layout in (("qwertyuiop", "asdfghjkl", "zxcvbnm"), ("qwertzuiop", "asdfghjkl", "yxcvbnm"))
    for row, keys in enumerate(layout)
    for column, letter in enumerate(keys)
}
VOWELS = set("aeiou")


def keys_near(one, other):
    """Whether one letter may have been typed for the other: keys side by side or one row apart,
    or two vowels (a sound misheard rather than a key missed)."""
    if one in VOWELS and other in VOWELS:
        return True
    if one not in KEY_POSITIONS or other not in KEY_POSITIONS:
        return False
    (row, column), (other_row, other_column) = KEY_POSITIONS[one], KEY_POSITIONS[other]
    return abs(row - other_row) <= 1 and abs(column - other_column) <= 1


def one_slip_apart(typed, word):
    """Whether ``typed`` is ``word`` with one slip: a letter left out or added, two neighbouring
    letters swapped, or one letter typed for a nearby key (``keys_near``)."""
    if len(typed) != len(word):
        shorter, longer = sorted((typed, word), key=len)
        return len(longer) == len(shorter) + 1 and shorter in without_one_letter(longer)
    different = [position for position, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
    if len(different) == 1:
        return keys_near(typed[different[0]], word[different[0]])
    if len(different) != 2:
        return False
    first, second = different
    return second == first + 1 and typed[first] == word[second] and typed[second] == word[first]


def without_one_letter(word):
    return {word[:cut] + word[cut + 1 :] for cut in range(len(word))}


@lru_cache(maxsize=VOCABULARY_CACHE)
def glossary_word_meant(word, reader_code):
    """The glossary term a mistyped word was meant to be, or None."""
    typed = comparable(word)
    if len(typed) < MISTYPED_MIN_LENGTH or lemmatiser_knows(word, reader_code):
        return None
    spellings = one_letter_out()
    words = reader_glossary(reader_code).words
    candidates = {
        words[key]
        for spelling in {typed, *without_one_letter(typed)}
        for key in spellings.get(spelling, ())
        if key in words and one_slip_apart(typed, key)
    }
    concepts = concepts_of_terms(reader_code)
    if len({frozenset(concepts.get(term, ())) for term in candidates}) != 1:
        return None
    return min(candidates)
