"""The search survives its engine's faults, on real Elasticsearch nodes this module starts, stops
and kills itself (tests/search_nodes.py), never the suite's own node.

* An outage of the only node: searches answer from the database, editors keep publishing, every
  change waits in the backlog, and once the node is back the index holds exactly the live pages.
* A cluster of three with one replica, as the README recommends: with one node killed, every
  search is still answered by the engine with the same results, publishing still reaches the
  index, and nothing is lost when the node comes back.

They take a few minutes (nodes starting); ``-m "not faults"`` leaves them out of a quick run.
"""

import hashlib
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from elasticsearch.helpers import scan

from practices.models import GoodPracticePage
from search import engine, indexing
from search.indexes import all_aliases
from search.models import PendingIndexUpdate
from tests.factories import draft_beside
from tests.search_nodes import TestNode, start_together, stop_all

pytestmark = [pytest.mark.django_db, pytest.mark.demo, pytest.mark.faults]

# Two words each reader might search, in several languages and both scripts.
SEARCHES = [
    ("festival", "hr"),
    ("фестивал", "mk"),
    ("volonteri", "sr-latn"),
    ("волонтери", "sr"),
    ("budget", "en"),
    ("prostor", "sl"),
]


@pytest.fixture(scope="module")
def lone_node():
    node = TestNode("faults-lone", http_port=9251, transport_port=9351, cluster="kooperativa-faults-lone")
    start_together([node])
    yield node
    stop_all([node])


@pytest.fixture(scope="module")
def cluster():
    nodes = []
    for number in (1, 2, 3):
        nodes.append(
            TestNode(
                f"faults-member-{number}",
                http_port=9260 + number,
                transport_port=9360 + number,
                cluster="kooperativa-faults-cluster",
                members=nodes,  # the same list: every member knows all three
            )
        )
    start_together(nodes)
    yield nodes
    stop_all(nodes)


@pytest.fixture
def use_engine(settings):
    """Points the site at other nodes for one test; the suite's node is used again after it."""

    def use(urls, replicas=0):
        settings.ELASTICSEARCH_URL = ",".join(urls)
        # A node that is down refuses at once on loopback; a slow one must not pass for a failure
        # (a new node reads each language's dictionaries when its first index asks for them: over
        # 30 s on a busy 2-core machine).
        settings.ELASTICSEARCH_TIMEOUT = 120
        settings.SEARCH_INDEX_REPLICAS = replicas
        engine.client.cache_clear()
        indexing.forget_engine_state()
        indexing.rebuild(progress=lambda message: None)
        return engine.client()

    yield use
    engine.client.cache_clear()
    indexing.forget_engine_state()


def indexed_ids(client):
    client.indices.refresh(index=",".join(all_aliases()))
    return sorted(int(hit["_id"]) for hit in scan(client, index=",".join(all_aliases()), _source=False))


def live_ids():
    return sorted(page.pk for page, _relations in indexing.searchable_pages())


def checksum(ids):
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()


def assert_index_holds_exactly_the_live_pages(client):
    indexed, live = indexed_ids(client), live_ids()
    assert len(indexed) == len(live), f"missing {set(live) - set(indexed)}, extra {set(indexed) - set(live)}"
    assert checksum(indexed) == checksum(live)


def search(client, words, language_code):
    return client.get("/api/search/", {"q": words, "lang": language_code}).json()


def english_practices():
    return GoodPracticePage.objects.live().filter(locale__language_code="en").order_by("pk")


def test_an_outage_of_the_engine_loses_no_change_and_the_index_catches_up(
    client, use_engine, lone_node, django_capture_on_commit_callbacks
):
    elasticsearch = use_engine([lone_node.url])
    assert_index_holds_exactly_the_live_pages(elasticsearch)
    practice, unpublished, renamed = english_practices()[:3]
    draft = draft_beside(practice, "lantern-workshop-outage", "Lantern-making workshop in Berat")

    lone_node.stop()
    answer = search(client, "festival", "hr")
    assert answer["degraded"] is True and answer["backend"] == "database"
    assert answer["count"] > 0
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
        unpublished.unpublish()
        renamed.title = "Renamed while the engine was down"
        renamed.save_revision().publish()
    assert set(PendingIndexUpdate.objects.values_list("page_id", flat=True)) >= {
        draft.pk,
        unpublished.pk,
        renamed.pk,
    }

    lone_node.start()
    indexing.forget_engine_state()
    call_command("search_index", "update", stdout=io.StringIO())
    assert not PendingIndexUpdate.objects.exists()
    assert_index_holds_exactly_the_live_pages(elasticsearch)
    assert draft.pk in indexed_ids(elasticsearch) and unpublished.pk not in indexed_ids(elasticsearch)
    answer = search(client, "Renamed while the engine was down", "en")
    assert answer["degraded"] is False
    assert answer["results"][0]["id"] == renamed.pk


def test_a_cluster_of_three_answers_every_search_while_a_node_is_down_and_loses_nothing(
    client, use_engine, cluster, django_capture_on_commit_callbacks
):
    elasticsearch = use_engine([node.url for node in cluster], replicas=1)
    elasticsearch.cluster.health(wait_for_status="green", timeout="120s")
    assert_index_holds_exactly_the_live_pages(elasticsearch)
    expected = {query: search(client, *query) for query in SEARCHES}
    assert all(answer["count"] > 0 for answer in expected.values())

    # The elected master goes, the harder case: searches must not wait for a new one.
    master = elasticsearch.cat.master(format="json")[0]["node"]
    [killed] = [node for node in cluster if node.name == master]
    killed.kill()
    failed = []
    for _round in range(3):
        for query, before in expected.items():
            cache.clear()  # the engine's answer, not the one kept from before
            answer = search(client, *query)
            if answer["degraded"] or [r["id"] for r in answer["results"]] != [
                r["id"] for r in before["results"]
            ]:
                failed.append((query, answer.get("backend")))
    assert failed == [], "searches not answered alike by the engine while a node was down"

    # Once the cluster has noticed (a new master, the copies on the lost node replaced by their
    # replicas), publishing reaches the index as before.
    elasticsearch.cluster.health(wait_for_status="yellow", timeout="60s")
    draft = draft_beside(
        english_practices().first(), "lantern-workshop-cluster", "Lantern-making in Gjirokastër"
    )
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert not PendingIndexUpdate.objects.exists(), "publishing reached the index with a node down"

    killed.start()
    elasticsearch.cluster.health(wait_for_status="green", timeout="120s")
    assert_index_holds_exactly_the_live_pages(elasticsearch)
    assert draft.pk in indexed_ids(elasticsearch)
