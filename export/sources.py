"""The pages of a result set, in the order the page shows them, read a chunk at a time.

A listing's pages come from the database through a server-side cursor, 500 at a time with their
relations. A search's come from Elasticsearch through a point in time and ``search_after`` (the
same query as the results page, without its collapsing, which cannot be paged that way: each
page's first hit is its best, as collapsing would keep), then from the database 500 at a time, so
only live public pages are written however stale the index. Without the engine, the database
fallback ranks the result set as the search page does, in memory, and it is written as it is.
"""

import logging

from django.conf import settings

from search import engine, query
from search.backends import FEW_RESULTS, DatabaseBackend
from search.documents import DOCUMENTS, document_for
from search.indexes import all_aliases

logger = logging.getLogger(__name__)

CHUNK = 500
KEEP_ALIVE = "2m"


def listing_queryset(index, filters):
    """The pages a listing page shows (all of its pages, not one), as it orders them."""
    return document_for(index.listed_model).with_related(index.ordered(index.listed_pages(filters)))


def listing_pages(index, filters):
    return listing_queryset(index, filters).iterator(chunk_size=CHUNK)


def search_pages(params):
    """(the backend that answers, its pages for the search ``params`` in the results page's order)."""
    if engine.available():
        try:
            return "elasticsearch", EnginePages(engine.client(), params)
        except engine.ERRORS as error:
            engine.failed(error)
    everything, _terms, _keys = DatabaseBackend().ranked(params)
    return "database", iter(everything)


class EnginePages:
    """Iterates the pages of a search on the engine, a point in time opened for it at once (so a
    failing engine is known before anything is written) and closed when the iteration ends."""

    def __init__(self, client, params):
        self.client = client
        self.params = params
        forgiving = bool(params.q) and self._count(forgiving=False) < FEW_RESULTS
        body = query.knowledge_search(client, params, settings.LANGUAGE_CODE, forgiving).to_dict()
        self.body = {name: body[name] for name in ("query", "post_filter", "sort") if name in body}
        self.pit = client.open_point_in_time(index=",".join(all_aliases()), keep_alive=KEEP_ALIVE)["id"]

    def _count(self, forgiving):
        counted = query.facet_counts(self.client, self.params, forgiving).execute()
        return int(counted.aggregations.total.pages.value)

    def __iter__(self):
        seen = set()
        after = None
        try:
            while True:
                answer = self.client.search(
                    **self.body,
                    pit={"id": self.pit, "keep_alive": KEEP_ALIVE},
                    size=CHUNK,
                    source=["translation_key"],
                    track_total_hits=False,
                    # As the results page: term statistics of all the languages' indexes together.
                    search_type="dfs_query_then_fetch",
                    **({"search_after": after} if after else {}),
                )
                hits = answer["hits"]["hits"]
                if not hits:
                    return
                self.pit = answer.get("pit_id", self.pit)
                after = hits[-1]["sort"]
                keys = []
                for hit in hits:
                    key = hit["_source"]["translation_key"]
                    if key not in seen:
                        seen.add(key)
                        keys.append(key)
                if keys:
                    yield from self._reader_versions(keys)
        finally:
            try:
                self.client.close_point_in_time(id=self.pit)
            except engine.ERRORS as error:
                logger.warning("Could not close an export's point in time: %s", error)

    def _reader_versions(self, keys):
        """The version of each page the reader gets, from the database, in the keys' order."""
        versions = query.reader_versions(self.client, keys, self.params.locale, ["page_id", "type"]).execute()
        chosen = {version.meta.fields["translation_key"][0]: version for version in versions}
        by_type = {}
        for version in chosen.values():
            by_type.setdefault(version.type, []).append(version.page_id)
        pages = {}
        for page_document in DOCUMENTS:
            ids = by_type.get(page_document.type)
            if ids:
                live = page_document.model.objects.live().public().filter(pk__in=ids)
                pages.update((page.pk, page) for page in page_document.with_related(live))
        for key in keys:
            version = chosen.get(key)
            if version is not None and version.page_id in pages:
                yield pages[version.page_id]
