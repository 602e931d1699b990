"""Word equivalents learned from the hub's own translations (search/lexicon.py)."""

import pytest

from practices.models import GoodPracticePage
from search import lexicon
from search.models import LearnedEquivalent

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def equivalent(group, word):
    return (
        LearnedEquivalent.objects.filter(language_group=group, word=word)
        .values_list("english", flat=True)
        .first()
    )


def test_the_translations_pair_words_of_every_language_group_with_english(elasticsearch):
    """The demo's translations, learned by the rebuild the engine fixture ran."""
    assert equivalent("bcms", "grijanje") == "heating"
    assert equivalent("bcms", "opstina") == "municipality"  # Cyrillic and Latin pages pooled
    assert equivalent("sl", "obcina") == "municipality"
    assert equivalent("mk", "opstina") == "municipality"
    assert equivalent("sq", "vullnetar") == "volunteer"


def test_a_query_is_put_into_english_word_by_word_in_either_script(elasticsearch):
    assert lexicon.english_words(["grijanje", "општине"], "hr") == ["heating", "municipality"]
    assert lexicon.english_words(["občinski", "qwzxv"], "sl") == ["municipal"]
    assert lexicon.english_words(["grijanje"], "en") == []


def test_relearning_follows_the_live_pages():
    """Only published, public pages teach: unpublishing the English versions forgets their words."""
    learned = lexicon.relearn()
    assert learned == LearnedEquivalent.objects.count() > 100
    GoodPracticePage.objects.filter(locale__language_code=lexicon.PIVOT).update(live=False)
    assert lexicon.relearn() < learned
