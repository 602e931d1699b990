"""Word equivalents learned from the hub's own translations.

Every translated page is a text and its translation, part by part (title, summary, each field of
its body) and, where both parts have as many sentences, sentence by sentence. A word of the
region's languages and an English word that keep appearing in the same aligned parts are taken
as equivalents (Dice's coefficient of the parts they appear in: at least ``MIN_DICE``, in at least
``MIN_SHARED_PARTS`` parts; the strongest English word only). The glossary is written by hand and
knows a few hundred concepts; these reach every word the members' own translations pair, and grow
with them.

A query's words are put into English with them, and English pages that hold those words (in
their dictionary forms, ``lemmas``) add to the score: a page in a language the reader does not
read, or whose version in the reader's language uses other words, is found through its English
version, which every translated page has. Learned again by every ``search_index rebuild``.
"""

import re
import time
from collections import Counter, defaultdict

from django.db import transaction

from .analysis import content_words
from .documents import Relations, document_for, indexed_models, text_of
from .glossary import phrase_word_key, query_word_key
from .models import LearnedEquivalent

PIVOT = "en"
# Languages whose words are learned together: the four standards of one language in both scripts
# share most of their words, and pool their translations.
LANGUAGE_GROUPS = {
    "bs": "bcms",
    "hr": "bcms",
    "sr": "bcms",
    "sr-latn": "bcms",
    "cnr": "bcms",
    "mk": "mk",
    "sl": "sl",
    "sq": "sq",
}
MIN_DICE = 0.5
MIN_SHARED_PARTS = 2
MIN_WORD_LENGTH = 3
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Enough translations to learn a language's everyday words. Aligning a pair costs about 50 ms of one
# core: all of a large hub's (some 40,000 pairs at 100,000 pages) would add over twenty minutes
# to every rebuild; the demo has fewer than a hundred a language group and type.
PAIRS_PER_TYPE = 100
# How long a process trusts what it read of the table (a rebuild elsewhere changes it).
READ_AGAIN_AFTER = 300


def words_of(text, language_code):
    """The content words of ``text`` as the index's ``lemmas`` write them."""
    keys = {phrase_word_key(word, language_code) for word in content_words(text) if not word.isdigit()}
    longest = LearnedEquivalent._meta.get_field("word").max_length
    return {key for key in keys if MIN_WORD_LENGTH <= len(key) <= longest}


def aligned_parts(page, english):
    """(text, its English) pairs of a page and its English version: sentence by sentence where a
    part has as many sentences in both, else the whole part."""
    document = document_for(page)
    parts = [page.title, page.summary, *document.body_parts(page, Relations(page))]
    english_parts = [english.title, english.summary, *document.body_parts(english, Relations(english))]
    for text, translated in zip(map(text_of, parts), map(text_of, english_parts), strict=False):
        if not text or not translated:
            continue
        sentences, translated_sentences = SENTENCE_END.split(text), SENTENCE_END.split(translated)
        if len(sentences) == len(translated_sentences):
            yield from zip(sentences, translated_sentences, strict=True)
        else:
            yield text, translated


def translated_pages():
    """(page, its English version) for the newest live, public pages of each type that have one, at
    most ``PAIRS_PER_TYPE`` a language group."""
    groups = defaultdict(list)
    for language_code, group in LANGUAGE_GROUPS.items():
        groups[group].append(language_code)
    for model in indexed_models():
        pages = model.objects.live().public().select_related("locale")
        english = pages.filter(locale__language_code=PIVOT)
        for language_codes in groups.values():
            translated = list(
                pages.filter(
                    locale__language_code__in=language_codes,
                    translation_key__in=english.values("translation_key"),
                ).order_by("-first_published_at", "-pk")[:PAIRS_PER_TYPE]
            )
            versions = english.filter(translation_key__in=[page.translation_key for page in translated])
            english_by_key = {version.translation_key: version for version in versions}
            for page in translated:
                yield page, english_by_key[page.translation_key]


def learn(pairs):
    """{language group: {word: (English word, strength)}} from (page, English version) pairs."""
    counts = defaultdict(lambda: (Counter(), Counter(), Counter()))
    for page, english in pairs:
        language_code = page.locale.language_code
        words, english_words, together = counts[LANGUAGE_GROUPS[language_code]]
        for text, translated in aligned_parts(page, english):
            local, pivot = words_of(text, language_code), words_of(translated, PIVOT)
            words.update(local)
            english_words.update(pivot)
            together.update((word, english_word) for word in local for english_word in pivot)
    learned = {}
    for group, (words, english_words, together) in counts.items():
        best = {}
        for (word, english_word), shared in together.items():
            if shared < MIN_SHARED_PARTS:
                continue
            dice = 2 * shared / (words[word] + english_words[english_word])
            if dice >= MIN_DICE and dice > best.get(word, (None, 0))[1]:
                best[word] = (english_word, dice)
        learned[group] = best
    return learned


@transaction.atomic
def relearn():
    """Learn the equivalents from the live pages again; how many there are now."""
    learned = learn(translated_pages())
    LearnedEquivalent.objects.all().delete()
    LearnedEquivalent.objects.bulk_create(
        LearnedEquivalent(language_group=group, word=word, english=english, strength=strength)
        for group, words in learned.items()
        for word, (english, strength) in words.items()
    )
    _read.clear()
    return sum(len(words) for words in learned.values())


_read = {}


def _equivalents(group):
    read_at, equivalents = _read.get(group, (0, None))
    if equivalents is None or time.monotonic() - read_at > READ_AGAIN_AFTER:
        equivalents = dict(
            LearnedEquivalent.objects.filter(language_group=group).values_list("word", "english")
        )
        _read[group] = (time.monotonic(), equivalents)
    return equivalents


def english_words(words, reader_code):
    """The English equivalents of a query's ``words`` (as typed) for a reader of ``reader_code``."""
    group = LANGUAGE_GROUPS.get(reader_code)
    if group is None:
        return []
    equivalents = _equivalents(group)
    found = (equivalents.get(query_word_key(word, reader_code)) for word in words)
    return list(dict.fromkeys(word for word in found if word))
