"""Relevance of the knowledge search, measured on judged queries.

``queries.toml`` is the development set the search is tuned on; ``queries2.toml`` a second one,
written later by someone else, in words that avoid the titles', which the first set seldom did;
``holdout.toml`` was written separately, by someone who never saw the development sets, and is
only used to check that the tuning generalises; ``holdout2.toml`` likewise, in session 13, by a
writer who saw none of the other sets, after the first had been measured against for eight
sessions; ``holdout3.toml`` likewise, in session 17, when the second had been measured against for
four (it grades organisation profiles too, which the search does not return); ``holdout4.toml``
likewise, in session 19, when the third had had its misses read (it grades only what the search
returns). All were judged by
reading the demo content, never from what a search returned. A judgment grades one document — a
page with all its translations, named by its slug — from 3 (exactly what is sought) to 1
(marginal); unjudged documents count as 0.

Measures (as in ../../docs/search.md): nDCG@10 with gain 2^grade - 1 and discount
log2(rank + 1), against the ideal ordering of the judged documents; recall@10 of the documents
graded 2 or more; the reciprocal rank of the first such document.
"""

import math
import re
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean

from translation.transliteration import cyrillic_to_latin, latin_to_cyrillic

HERE = Path(__file__).resolve().parent
CUTOFF = 10
RELEVANT = 2
KINDS = (
    "topic",
    "cross-script",
    "no-diacritics",
    "regional-variant",
    "known-item",
    "typo",
    "english-for-local",
    "question",
)


@dataclass(frozen=True)
class JudgedQuery:
    id: str
    lang: str
    kind: str
    q: str
    judgments: dict

    @property
    def relevant(self):
        return {slug for slug, grade in self.judgments.items() if grade >= RELEVANT}


def load(name="queries"):
    """The judged queries of ``<name>.toml`` in this folder."""
    with open(HERE / f"{name}.toml", "rb") as data:
        entries = tomllib.load(data)["query"]
    return [
        JudgedQuery(
            id=entry["id"], lang=entry["lang"], kind=entry["kind"], q=entry["q"], judgments=entry["judgments"]
        )
        for entry in entries
    ]


def slug_of(url):
    """Every language version of a page shares its slug, the last part of its URL."""
    return url.rstrip("/").rsplit("/", 1)[-1]


def dcg(grades):
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg(ranked, judgments, cutoff=CUTOFF):
    ideal = dcg(sorted(judgments.values(), reverse=True)[:cutoff])
    return dcg([judgments.get(slug, 0) for slug in ranked[:cutoff]]) / ideal if ideal else 0.0


def recall(ranked, relevant, cutoff=CUTOFF):
    return len(relevant & set(ranked[:cutoff])) / len(relevant) if relevant else 1.0


def reciprocal_rank(ranked, relevant):
    return next((1 / (rank + 1) for rank, slug in enumerate(ranked) if slug in relevant), 0.0)


@dataclass(frozen=True)
class Outcome:
    query: JudgedQuery
    ranked: list

    @property
    def ndcg(self):
        return ndcg(self.ranked, self.query.judgments)

    @property
    def recall(self):
        return recall(self.ranked, self.query.relevant)

    @property
    def reciprocal_rank(self):
        return reciprocal_rank(self.ranked, self.query.relevant)

    @property
    def empty(self):
        return not self.ranked


def evaluate(queries, search):
    """``search(query)`` returns the slugs of the first results, best first."""
    return [Outcome(query, list(search(query))) for query in queries]


@dataclass(frozen=True)
class Summary:
    queries: int
    ndcg: float
    recall: float
    mrr: float
    empty: int

    @classmethod
    def of(cls, outcomes):
        return cls(
            queries=len(outcomes),
            ndcg=mean(outcome.ndcg for outcome in outcomes),
            recall=mean(outcome.recall for outcome in outcomes),
            mrr=mean(outcome.reciprocal_rank for outcome in outcomes),
            empty=sum(outcome.empty for outcome in outcomes),
        )


def summaries(outcomes, key):
    groups = defaultdict(list)
    for outcome in outcomes:
        groups[key(outcome.query)].append(outcome)
    return {name: Summary.of(group) for name, group in groups.items()}


def by_kind(outcomes):
    found = summaries(outcomes, lambda query: query.kind)
    return {kind: found[kind] for kind in KINDS if kind in found}


def by_language(outcomes):
    return summaries(outcomes, lambda query: query.lang)


# --- the same query typed otherwise ------------------------------------------------------------

SERBIAN_READERS = ("sr", "sr-latn")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def typed_otherwise(query):
    """{way: the query as a reader of its language may also type it}: in the other script
    (Serbian either way, Macedonian in Latin letters; not a query already typed without
    diacritics, whose Cyrillic no one would type) and without diacritics. Each is judged as the
    query is: a search should rank it alike."""
    ways = {}
    if CYRILLIC.search(query.q):
        ways["other script"] = cyrillic_to_latin(query.q)
    elif query.lang in SERBIAN_READERS and query.kind != "no-diacritics":
        ways["other script"] = latin_to_cyrillic(query.q)
    if not CYRILLIC.search(query.q):
        plain = "".join(
            char
            for char in unicodedata.normalize("NFKD", query.q.replace("đ", "dj").replace("Đ", "Dj"))
            if not unicodedata.combining(char)
        )
        if plain != query.q:
            ways["without diacritics"] = plain
    return {way: replace(query, q=text) for way, text in ways.items()}


@dataclass(frozen=True)
class Retyped:
    """A query typed another way, and nDCG@10 for it as judged and as typed that way."""

    query: JudgedQuery
    way: str
    as_judged: float
    typed_otherwise: float


def retyped(queries, search):
    """Each query that a reader may type otherwise, each way (``typed_otherwise``)."""
    found = []
    for query in queries:
        ways = typed_otherwise(query)
        if ways:
            judged = ndcg(search(query), query.judgments)
            for way, other in ways.items():
                found.append(Retyped(query, way, judged, ndcg(search(other), query.judgments)))
    return found


def by_way(retyped_queries):
    """{way: (queries, mean nDCG@10 as judged, typed otherwise)}."""
    groups = defaultdict(list)
    for pair in retyped_queries:
        groups[pair.way].append(pair)
    return {
        way: (len(found), mean(p.as_judged for p in found), mean(p.typed_otherwise for p in found))
        for way, found in groups.items()
    }
