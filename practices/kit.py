"""The workshop kit: one ZIP with the workshop's agenda as a web page and every file it hands out.

The archive is written while it is sent: each file is read in small pieces and each piece leaves
the server before the next is read, so a kit costs the same memory whatever its size and however
many people download it at once. Only documents anyone may download go in: files of unpublished
or restricted pages and documents in restricted collections are listed as unavailable instead.
"""

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

READ_SIZE = 64 * 1024


@dataclass
class KitFile:
    name: str  # path inside the archive, under the kit's folder
    title: str
    document: object
    size: int


@dataclass
class Kit:
    folder: str
    files: list
    unavailable: list

    @property
    def size(self):
        return sum(kit_file.size for kit_file in self.files)

    @property
    def max_size(self):
        return settings.WORKSHOP_KIT_MAX_MB * 1024 * 1024

    @property
    def too_large(self):
        return self.size > self.max_size

    def file_for(self, document):
        return next((kit_file for kit_file in self.files if kit_file.document.pk == document.pk), None)


def _file_name(number, title, document):
    extension = os.path.splitext(document.file.name)[1].lower()[:10]
    stem = slugify(title, allow_unicode=True)[:80] or f"document-{document.pk}"
    return f"files/{number:02d}-{stem}{extension}"


def _document_size(document, verify):
    """The file's size, or None when it cannot be read; the file is then listed as unavailable
    rather than breaking the archive half way. ``verify`` also asks the storage whether the file
    is still there: only building the archive does, as on object storage each check is a request,
    too dear for every view of the workshop page."""
    if verify and not document.file.storage.exists(document.file.name):
        return None
    return document.get_file_size()


def kit_contents(workshop, verify_files=False):
    """Which files go into the workshop's kit, once each, in the order the agenda uses them."""
    files, unavailable, seen = [], [], set()
    for item in workshop.linked_items():
        if not item.available:
            unavailable.append(item)
            continue
        for title, document in item.documents:
            if len(item.documents) == 1 and item.page is not None:
                title = item.title  # the page's title in the reader's language names its one file
            if document.pk in seen:
                continue
            size = _document_size(document, verify_files)
            if size is None:  # the file is gone from storage
                unavailable.append(item)
                continue
            seen.add(document.pk)
            files.append(KitFile(_file_name(len(files) + 1, title, document), title, document, size))
    return Kit(workshop.slug, files, unavailable)


class _Outbox:
    """A write-only stream that zipfile writes into and the response empties after each write."""

    def __init__(self):
        self.pieces = []
        self.position = 0

    def write(self, data):
        self.pieces.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self):
        return self.position

    def flush(self):
        pass

    def take(self):
        data = b"".join(self.pieces)
        self.pieces.clear()
        return data


def stream_kit(kit, index_html):
    """The ZIP archive, piece by piece."""
    outbox = _Outbox()
    with zipfile.ZipFile(outbox, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{kit.folder}/index.html", index_html)
        yield outbox.take()
        for kit_file in kit.files:
            entry = zipfile.ZipInfo(f"{kit.folder}/{kit_file.name}", date_time=_date_time(kit_file.document))
            entry.compress_type = zipfile.ZIP_DEFLATED
            with (
                kit_file.document.file.open("rb") as source,
                archive.open(entry, mode="w", force_zip64=kit_file.size > 2**31) as target,
            ):
                while piece := source.read(READ_SIZE):
                    target.write(piece)
                    yield outbox.take()
            yield outbox.take()
    yield outbox.take()


def _date_time(document):
    return timezone.localtime(document.created_at).timetuple()[:6]


def kit_response(request, workshop):
    kit = kit_contents(workshop, verify_files=True)
    if kit.too_large:
        return render(request, "practices/workshop_kit_too_large.html", {"page": workshop, "kit": kit})
    index_html = render_to_string(
        "practices/workshop_kit_index.html",
        {"page": workshop, "kit": kit, "site_url": request.build_absolute_uri("/").rstrip("/")},
        request=request,
    )
    response = StreamingHttpResponse(stream_kit(kit, index_html), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{kit.folder}-kit.zip"'
    response["X-Robots-Tag"] = "noindex"
    return response
