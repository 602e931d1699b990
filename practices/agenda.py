"""What workshop agendas and learning paths link to, resolved for the reader, and the agenda's
time slots.

A workshop's agenda is a stream of sessions; each session uses pages of the hub, handouts and
links. Start times are computed from the durations. Linked pages are shown in the reader's
language when a live translation exists; pages that were unpublished, restricted or deleted are
shown as unavailable, never as a broken link.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page

from .choices import SessionMethod
from .language_versions import live_versions, reader_url
from .numbers import duration_display

DOWNLOAD_BLOCKS = ("document", "handout")


def public_documents(ids):
    """{id: document} for those of ``ids`` that anyone may download, whose collection (and every
    collection above it) has no view restriction; one query."""
    ids = set(ids)
    if not ids:
        return {}
    restricted = CollectionViewRestriction.objects.filter(
        collection__path=Substr(OuterRef("collection__path"), 1, Length("collection__path"))
    )
    return get_document_model().objects.exclude(Exists(restricted)).in_bulk(ids)


def _download_blocks(stream):
    """(title as written, document id) of a media stream's documents, read from its stored data."""
    return [
        (block["value"].get("title") or "", block["value"]["document"])
        for block in stream.raw_data
        if block["type"] in DOWNLOAD_BLOCKS and block["value"].get("document")
    ]


def downloads(stream, documents=None):
    """(title, document) for each document in a media stream that anyone may download.
    ``documents`` are the public documents already read ({id: document}), when they were."""
    blocks = _download_blocks(stream)
    if documents is None:
        documents = public_documents(document_id for _title, document_id in blocks)
    return [
        (title or documents[document_id].title, documents[document_id])
        for title, document_id in blocks
        if document_id in documents
    ]


@dataclass
class LinkedItem:
    """Something a session or a path step points to, resolved for the reader."""

    kind: str  # "material", "practice", "workshop", "handout" or "link"
    title: str = ""
    url: str = ""
    summary: str = ""
    note: str = ""
    page: Page | None = None
    documents: list = field(default_factory=list)
    available: bool = True

    @property
    def kind_label(self):
        return ITEM_KIND_LABELS[self.kind]


ITEM_KIND_LABELS = {
    "material": _("Training material"),
    "practice": _("Good practice"),
    "workshop": _("Workshop"),
    "handout": _("Handout"),
    "link": _("Link"),
}


class LinkedPages:
    """The pages an agenda or a learning path links to, as the reader should see them, read for all
    of them at once: the reader's version of each (a query per page type) and every document
    anyone may download from them or from the agenda's handouts (one query)."""

    def __init__(self, pages, handouts=()):
        self.shown = live_versions([page for page in pages if page is not None])
        document_ids = [
            document_id
            for page in self.shown.values()
            if page is not None and hasattr(page, "downloads_from")
            for _title, document_id in _download_blocks(getattr(page, page.downloads_from))
        ]
        self.documents = public_documents(
            [*document_ids, *(document.pk for document in handouts if document is not None)]
        )

    def page_item(self, page, note="", kind=None):
        """A linked page in the reader's language if it is translated; unavailable when it was
        deleted, unpublished or restricted."""
        shown = self.shown.get(page.translation_key) if page is not None else None
        if shown is None:
            return LinkedItem(kind or "material", note=note, available=False)
        return LinkedItem(
            kind or shown.linked_as,
            title=shown.title,
            url=reader_url(shown),
            summary=shown.summary,
            note=note,
            page=shown,
            documents=shown.public_downloads(self.documents) if hasattr(shown, "public_downloads") else [],
        )

    def session_item(self, block):
        value = block.value
        if block.block_type in ("material", "practice"):
            return self.page_item(value["page"], value["note"], kind=block.block_type)
        if block.block_type == "handout":
            document = self.documents.get(value["document"].pk) if value["document"] is not None else None
            if document is None:
                return LinkedItem("handout", available=False)
            title = value["title"] or document.title
            return LinkedItem(
                "handout",
                title=title,
                url=document.url,
                summary=value["description"],
                documents=[(title, document)],
            )
        return LinkedItem("link", title=value["title"], url=value["url"], summary=value["description"])


@dataclass
class AgendaSlot:
    number: int
    day: int
    starts: datetime.time
    ends: datetime.time
    session: dict
    ends_after_midnight: bool = False
    linked: LinkedPages | None = None  # what every session of the agenda links to

    @property
    def title(self):
        return self.session["title"]

    @property
    def duration(self):
        return self.session["duration"]

    @property
    def duration_display(self):
        return duration_display(self.duration)

    @property
    def method(self):
        return self.session["method"]

    @property
    def method_label(self):
        return SessionMethod(self.method).label if self.method in SessionMethod.values else ""

    @property
    def is_break(self):
        return self.method == SessionMethod.BREAK

    @property
    def description(self):
        return self.session["description"]

    @cached_property
    def items(self):
        return [self.linked.session_item(block) for block in self.session["items"] or []]


def _links_of(sessions):
    items = [item for session in sessions for item in session["items"] or []]
    return LinkedPages(
        [item.value["page"] for item in items if item.block_type in ("material", "practice")],
        [item.value["document"] for item in items if item.block_type == "handout"],
    )


def agenda_slots(agenda, day_starts_at):
    """The sessions with their day and start and end times, computed from the durations; what they
    link to is read when first asked for, for the whole agenda at once."""
    sessions = [block.value for block in agenda]
    linked = SimpleLazyObject(lambda: _links_of(sessions))
    slots = []
    day = 1
    day_start = datetime.datetime.combine(datetime.date(2000, 1, 1), day_starts_at)
    clock = day_start
    for number, session in enumerate(sessions, start=1):
        if session["starts_new_day"] and slots:
            day += 1
            day_start += datetime.timedelta(days=1)
            clock = day_start
        starts = clock
        clock += datetime.timedelta(minutes=session["duration"] or 0)
        midnight = datetime.datetime.combine(day_start.date() + datetime.timedelta(days=1), datetime.time(0))
        slots.append(AgendaSlot(number, day, starts.time(), clock.time(), session, clock > midnight, linked))
    return slots
