"""What workshop agendas and learning paths link to, resolved for the reader, and the agenda's
time slots.

A workshop's agenda is a stream of sessions; each session uses pages of the hub, handouts and
links. Start times are computed from the durations. Linked pages are shown in the reader's
language when a live translation exists; pages that were unpublished, restricted or deleted are
shown as unavailable, never as a broken link.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .choices import SessionMethod
from .language_versions import live_version, reader_url
from .numbers import duration_display


def is_public_document(document):
    return not document.collection.get_view_restrictions().exists()


def downloads(stream):
    """(title, document) for each document in a media stream that anyone may download."""
    found = []
    for block in stream:
        if block.block_type in ("document", "handout") and block.value["document"] is not None:
            document = block.value["document"]
            if is_public_document(document):
                found.append((block.value["title"] or document.title, document))
    return found


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


def resolve_page(page, note="", kind=None):
    """A linked page as the reader should see it: in their language if it is translated;
    unavailable when it was deleted, unpublished or restricted."""
    shown = live_version(page) if page is not None else None
    if shown is None:
        return LinkedItem(kind or "material", note=note, available=False)
    shown = shown.specific
    # A chooser block gives the generic Page: what it links to is known from the specific one.
    kind = kind or getattr(shown, "linked_as", "material")
    return LinkedItem(
        kind,
        title=shown.title,
        url=reader_url(shown),
        summary=getattr(shown, "summary", ""),
        note=note,
        page=shown,
        documents=shown.public_downloads() if hasattr(shown, "public_downloads") else [],
    )


def resolve_item(block):
    value = block.value
    if block.block_type in ("material", "practice"):
        return resolve_page(value["page"], value["note"], kind=block.block_type)
    if block.block_type == "handout":
        document = value["document"]
        if document is None or not is_public_document(document):
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
        return [resolve_item(block) for block in self.session["items"] or []]


def agenda_slots(agenda, day_starts_at):
    """The sessions with their day and start and end times, computed from the durations."""
    slots = []
    day = 1
    day_start = datetime.datetime.combine(datetime.date(2000, 1, 1), day_starts_at)
    clock = day_start
    for number, block in enumerate(agenda, start=1):
        session = block.value
        if session["starts_new_day"] and slots:
            day += 1
            day_start += datetime.timedelta(days=1)
            clock = day_start
        starts = clock
        clock += datetime.timedelta(minutes=session["duration"] or 0)
        midnight = datetime.datetime.combine(day_start.date() + datetime.timedelta(days=1), datetime.time(0))
        slots.append(AgendaSlot(number, day, starts.time(), clock.time(), session, clock > midnight))
    return slots
