"""Keeping the per-locale indexes in step with the site, and rebuilding them.

A page is indexed when it is live and public; anything else is removed. When the engine cannot
be reached, the page is written to the backlog (``PendingIndexUpdate``) and the editor's action
goes on; ``manage.py search_index update`` (and every later successful update) catches up.
"""

import datetime
import logging
import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, wait
from itertools import islice

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.utils import timezone
from elasticsearch.helpers import bulk, streaming_bulk
from wagtail.models import Locale, ModelLogEntry, Page, PageLogEntry

from practices.content_version import content_changed
from practices.models.paths import paths_leading_to

from . import engine, lexicon
from .documents import (
    DOCUMENTS,
    LocalizedNames,
    PageUrls,
    Relations,
    document,
    document_for,
    indexed_models,
    named_snippets,
)
from .indexes import alias_name, all_aliases, index_definition, serving_settings, versioned_name
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)

_indexes_checked = False


def forget_engine_state():
    """Try the engine again at once, and check its indexes again before writing (tests, and after
    an operator fixed the engine)."""
    global _indexes_checked
    engine.forget_failure()
    _indexes_checked = False


def is_searchable(page):
    return page.live and not page.get_view_restrictions().exists()


class SharedObjects:
    """The locales, organisations and taxonomy terms pages point to, each read once for a run of
    documents: a rebuild's pages then share a few hundred objects instead of each loading its own
    copies (which was most of the time spent building documents)."""

    def __init__(self):
        self.objects = {}
        self.order = {}

    def get(self, model, pk):
        objects = self.objects.get(model)
        if objects is None:
            objects = self.objects[model] = {item.pk: item for item in model.objects.select_related()}
            self.order[model] = {key: position for position, key in enumerate(objects)}
        if pk is not None and pk not in objects:  # created since the run began
            objects.update(model.objects.select_related().in_bulk([pk]))
            self.order[model][pk] = len(self.order[model])
        return objects.get(pk)

    def relations_of(self, pages):
        """A function giving a page of ``pages`` its locale and foreign keys from the shared
        objects, and returning its ``Relations``: the many-to-many relations its document reads,
        read for all of ``pages`` at once (a page published since reads its own)."""
        foreign_keys, linked = [], {}
        for name in ["locale", *document_for(pages.model).related]:
            field = pages.model._meta.get_field(name)
            if field.many_to_many:
                linked[name] = self._linked(pages, field)
            else:
                foreign_keys.append(field)

        def attach(page):
            for field in foreign_keys:
                setattr(page, field.name, self.get(field.related_model, getattr(page, field.attname)))
            return Relations(
                page, {name: lists[page.pk] for name, lists in linked.items() if page.pk in lists}
            )

        return attach

    def _linked(self, pages, field):
        """{page id: related objects in their model's order} of one many-to-many relation."""
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        lists = {pk: [] for pk in pages.values_list("pk", flat=True)}
        links = field.remote_field.through.objects.filter(**{f"{source}__in": pages.values("pk")})
        for page_id, related_id in links.values_list(f"{source}_id", f"{target}_id").iterator():
            if page_id in lists:
                lists[page_id].append(self.get(field.related_model, related_id))
        order = self.order.get(field.related_model)
        for items in lists.values():
            items.sort(key=lambda item: order[item.pk])
        return lists


def searchable_pages(locale=None):
    """(page, its ``Relations``) for every live, public page of the indexed types, most specific
    class, ready to be documented."""
    shared = SharedObjects()
    for model in indexed_models():
        pages = model.objects.live().public()
        if locale is not None:
            pages = pages.filter(locale=locale)
        relations_of = shared.relations_of(pages)
        for page in pages.iterator(chunk_size=BULK_CHUNK):
            yield page, relations_of(page)


def _actions(pages, index=None):
    names, urls = LocalizedNames(), PageUrls()
    for page, relations in pages:
        source = document(page, relations, names, urls)
        doc_id = source.pop("_id")
        yield {
            "_op_type": "index",
            "_index": index or alias_name(source["locale"]),
            "_id": doc_id,
            "_source": source,
        }


BULK_CHUNK = 500
MERGE_TIMEOUT = 1800
REPLAY_MARGIN = datetime.timedelta(minutes=1)
REQUESTS_IN_FLIGHT = 2


def _chunks(actions, size):
    actions = iter(actions)
    while chunk := list(islice(actions, size)):
        yield chunk


def _send(chunk):
    indexed = 0
    for ok, item in streaming_bulk(engine.client(), chunk, chunk_size=len(chunk), raise_on_error=False):
        if ok:
            indexed += 1
        else:
            logger.warning("Search index refused a document: %s", item)
    return indexed


def bulk_index(pages, index=None, progress=None):
    """Index (page, its ``Relations`` or None) pairs in bulk; returns how many were indexed.
    ``progress(n)`` is called as it goes.

    Documents are built in this thread (it owns the database connection) while up to two bulk
    requests are in flight, so Elasticsearch indexes one batch while the next is being built.
    """
    count = 0
    with ThreadPoolExecutor(max_workers=REQUESTS_IN_FLIGHT) as pool:
        in_flight = deque()
        for chunk in _chunks(_actions(pages, index), BULK_CHUNK):
            in_flight.append(pool.submit(_send, chunk))
            if len(in_flight) >= REQUESTS_IN_FLIGHT:
                count += in_flight.popleft().result()
                if progress:
                    progress(count)
        while in_flight:
            count += in_flight.popleft().result()
    if progress:
        progress(count)
    return count


# --- keeping in sync -------------------------------------------------------------------------


def update_pages(page_ids):
    """Bring the index in line with the database for these pages: index if searchable, else remove."""
    global _indexes_checked
    if not engine.configured() or not page_ids:
        return
    page_ids = set(page_ids)
    try:
        if not engine.available():
            raise ConnectionError("engine marked unavailable after a recent failure")
        if not _indexes_checked:
            ensure_indexes()
            _indexes_checked = True
        searchable = [
            page
            for page in Page.objects.filter(pk__in=page_ids).specific()
            if document_for(page) and is_searchable(page)
        ]
        bulk_index((page, None) for page in searchable)
        removed = page_ids - {page.pk for page in searchable}
        # A removed page may be gone from the database, and with it its language: try every index.
        deletions = [
            {"_op_type": "delete", "_index": alias, "_id": str(page_id)}
            for page_id in removed
            for alias in all_aliases()
        ]
        bulk(engine.client(), deletions, raise_on_error=False)
        content_changed()  # searches kept from before (``backends.run_search``) may not show this
    except engine.ERRORS as error:
        if engine.available():
            engine.failed(error)
        logger.warning("%d page(s) queued for the search index until the engine answers", len(page_ids))
        PendingIndexUpdate.objects.bulk_create(
            [PendingIndexUpdate(page_id=page_id) for page_id in page_ids], ignore_conflicts=True
        )
        return
    PendingIndexUpdate.objects.filter(page_id__in=page_ids).delete()
    catch_up()


def catch_up(limit=500):
    """Process queued updates left by earlier engine failures; returns how many were processed."""
    pending = list(PendingIndexUpdate.objects.values_list("page_id", flat=True)[:limit])
    if pending:
        update_pages(pending)
    return len(pending)


def pages_naming(snippet_model, translation_key):
    """Ids of indexed pages whose documents carry the name of this snippet (in any language)."""
    page_ids = set()
    for page_document in DOCUMENTS:
        for relation in page_document.names.get(snippet_model, []):
            lookup = {f"{relation}__translation_key": translation_key}
            page_ids.update(page_document.model.objects.filter(**lookup).values_list("pk", flat=True))
    return page_ids


# Logged page actions that change the pages below the page too (their URLs or their privacy).
SUBTREE_ACTIONS = [
    "wagtail.move",
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
    "wagtail.view_restriction.delete",
]


def pages_changed_since(moment):
    """Pages whose documents editors may have changed since ``moment``, from Wagtail's audit log:
    what they published, unpublished, moved, restricted or deleted, the learning paths leading to
    those, and pages naming a snippet they edited."""
    entries = PageLogEntry.objects.filter(timestamp__gte=moment)
    page_ids = set(entries.values_list("page_id", flat=True))
    for root in Page.objects.filter(pk__in=entries.filter(action__in=SUBTREE_ACTIONS).values("page_id")):
        page_ids.update(Page.objects.descendant_of(root).values_list("pk", flat=True))
    keys = Page.objects.filter(pk__in=page_ids).values_list("translation_key", flat=True)
    page_ids |= paths_leading_to(keys, page_ids)
    snippet_edits = ModelLogEntry.objects.filter(
        timestamp__gte=moment,
        content_type__in=ContentType.objects.get_for_models(*named_snippets()).values(),
    )
    edited = snippet_edits.order_by().values_list("content_type", "object_id").distinct()
    for content_type_id, object_id in edited:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for translation_key in model.objects.filter(pk=object_id).values_list("translation_key", flat=True):
            page_ids |= pages_naming(model, translation_key)
    return page_ids


# --- rebuilding ------------------------------------------------------------------------------


def rebuild(progress=print, workers=1):
    """Fill a fresh index per locale, then swap each alias to it and drop the old one.

    With ``workers`` > 1, that many processes fill locales side by side (largest first), each
    building its documents with its own database connection: building documents is Python's
    work and holds one core, so a second process is what lets indexing use a second core.
    """
    # Earlier than now by a margin for clocks of other hosts that write the audit log.
    started = timezone.now() - REPLAY_MARGIN
    locales = sorted(
        Locale.objects.all(),
        key=lambda locale: (-live_page_count(locale), locale.language_code),
    )
    if workers > 1 and not connection.in_atomic_block:
        filled = _fill_in_processes(
            [locale.language_code for locale in locales], workers, progress, meanwhile=_relearn_in_thread
        )
    else:
        _relearn(progress)
        filled = (
            _fill(locale.language_code, lambda n, c=locale.language_code: progress(f"  {c}: {n} …"))
            for locale in locales
        )
    total = 0
    for code, new_index, count in filled:
        _swap_alias(code, new_index)
        progress(f"  {code}: {count} documents in {new_index}")
        total += count
    content_changed()
    PendingIndexUpdate.objects.all().delete()
    # While the new indexes filled, editors' changes went to the old ones: apply them again.
    changed = pages_changed_since(started)
    if changed:
        progress(f"  {len(changed)} page(s) changed while rebuilding, updated again")
        update_pages(changed)
    return total


def _relearn(progress):
    progress(f"  {lexicon.relearn()} word equivalents learned from the translations")


def _relearn_in_thread(progress):
    """Learn the word equivalents (``lexicon.relearn``) in a thread of its own, with its own
    database connection; returns its future. Queries read them, indexing does not, so they are
    learned while worker processes fill the indexes: learning holds one core for a while (a
    minute and more at a hundred thousand pages), during which the other would otherwise idle."""

    def learn():
        try:
            _relearn(progress)
        finally:
            connections.close_all()

    learning = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relearn")
    future = learning.submit(learn)
    learning.shutdown(wait=False)
    return future


def live_page_count(locale):
    return sum(model.objects.live().public().filter(locale=locale).count() for model in indexed_models())


def _fill(code, progress=None):
    """A new, complete and refreshed index of one locale, not yet behind the alias."""
    new_index = versioned_name(code)
    index_definition(new_index, code, filling=True).create(using=engine.client())
    locale = Locale.objects.get(language_code=code)
    count = bulk_index(searchable_pages(locale), index=new_index, progress=progress)
    engine.client().indices.put_settings(index=new_index, settings={"index": serving_settings()})
    engine.client().indices.refresh(index=new_index)
    # One segment: the first searches after the swap do not compete with the merges a freshly
    # filled index would otherwise run (seconds for a hundred thousand pages).
    engine.client().options(request_timeout=MERGE_TIMEOUT).indices.forcemerge(
        index=new_index, max_num_segments=1
    )
    return code, new_index, count


def _swap_alias(code, new_index):
    alias = alias_name(code)
    actions = [{"add": {"index": new_index, "alias": alias}}]
    behind = indexes_behind(alias)
    if not behind and engine.client().indices.exists(index=alias):
        behind = [alias]  # an index written under the alias's name before any alias existed
    actions += [{"remove_index": {"index": name}} for name in behind]
    engine.client().indices.update_aliases(actions=actions)


_progress_queue = None


def _start_worker(queue):
    """In a freshly forked worker: its own engine client and database connection."""
    global _progress_queue
    _progress_queue = queue
    engine.client.cache_clear()
    connections.close_all()


def _fill_in_worker(code):
    return _fill(code, progress=lambda n: _progress_queue.put(f"  {code}: {n} …"))


def _fill_in_processes(codes, workers, progress, meanwhile=None):
    """Yield (code, index, count) as worker processes finish locales, relaying their progress.
    ``meanwhile(progress)``, once the workers are forked, starts work in this process and returns
    its future, whose result (or error) is awaited before the last locale is yielded."""
    context = multiprocessing.get_context("fork")
    queue = context.SimpleQueue()
    connections.close_all()  # a forked child must not share the parent's database socket
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(queue,)
    ) as pool:
        # With "fork", the pool forks all its workers at the first submit: this process's
        # database connections after that are its own.
        pending = {pool.submit(_fill_in_worker, code) for code in codes}
        side_work = meanwhile(progress) if meanwhile else None
        while pending:
            done, pending = wait(pending, timeout=1)
            while not queue.empty():
                progress(queue.get())
            if not pending and side_work is not None:
                side_work.result()
            for future in done:
                yield future.result()


def indexes_behind(alias):
    if not engine.client().indices.exists_alias(name=alias):
        return []
    return list(engine.client().indices.get_alias(name=alias).body)


def drop_indexes():
    """Delete every index under this site's prefix (test runs and benchmarks clean up with it);
    returns their names."""
    names = list(engine.client().indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*"))
    for name in names:
        engine.client().indices.delete(index=name)
    return names


def ensure_indexes():
    """Create any missing locale index (empty), so writes never auto-create an unanalysed index."""
    for locale in Locale.objects.all():
        alias = alias_name(locale.language_code)
        if not engine.client().indices.exists_alias(name=alias):
            engine.client().options(ignore_status=404).indices.delete(index=alias)
            name = versioned_name(locale.language_code)
            index_definition(name, locale.language_code).create(using=engine.client())
            engine.client().indices.put_alias(index=name, name=alias)


def status():
    """Per locale: documents in the index against live, public pages in the database."""
    rows = []
    for locale in Locale.objects.order_by("language_code"):
        expected = live_page_count(locale)
        alias = alias_name(locale.language_code)
        try:
            indexed = engine.client().count(index=alias)["count"]
        except engine.ERRORS:
            indexed = None
        rows.append({"locale": locale.language_code, "alias": alias, "indexed": indexed, "live": expected})
    return rows
