"""Images and PDF documents for the demo content, drawn by code so the demo needs no network."""

import hashlib
import io
import random
import textwrap
import unicodedata

from PIL import Image, ImageDraw

from translation.transliteration import cyrillic_to_latin

PALETTE = ["#1f4e5f", "#c8553d", "#f2b134", "#4f6d7a", "#6a994e", "#8e5572", "#2a9d8f", "#e76f51", "#264653"]


def _rng(seed):
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest(), 16))  # noqa: S311 - drawing, not crypto


def cover_png(seed, width=1200, height=675):
    """An abstract poster-like composition, the same every time for the same seed."""
    rng = _rng(seed)
    colours = rng.sample(PALETTE, 4)
    image = Image.new("RGB", (width, height), colours[0])
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(5, 9)):
        colour = rng.choice(colours[1:])
        x, y = rng.randint(-200, width), rng.randint(-200, height)
        size = rng.randint(120, 480)
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + size, y + size), fill=colour)
        else:
            draw.rectangle((x, y, x + size, y + size // 2), fill=colour)
    for offset in range(0, width, 48):
        draw.line((offset, height - 40, offset + 24, height - 40), fill=colours[1], width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def logo_png(seed, size=320):
    rng = _rng(seed)
    background, foreground = rng.sample(PALETTE, 2)
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    cells = 4
    cell = size // (cells + 2)
    for row in range(cells):
        for column in range(cells // 2):
            if rng.random() < 0.55:
                for mirrored in (column, cells - 1 - column):
                    left, top = cell * (mirrored + 1), cell * (row + 1)
                    draw.rectangle((left, top, left + cell - 4, top + cell - 4), fill=foreground)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _pdf_text(text):
    """Text the standard PDF fonts can show: Cyrillic transliterated, diacritics kept if cp1252 has them."""
    latin = cyrillic_to_latin(text).replace("đ", "dj").replace("Đ", "Dj")
    characters = []
    for char in latin:
        try:
            char.encode("cp1252")
            characters.append(char)
        except UnicodeEncodeError:
            characters.append(unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or "?")
    return "".join(characters).encode("cp1252")


def _escape(data):
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_document(title, paragraphs, footer=""):
    """A small, valid PDF of A4 pages with a title and wrapped paragraphs."""
    lines = [("title", title), ("blank", "")]
    for paragraph in paragraphs:
        lines += [("body", line) for line in textwrap.wrap(paragraph, 88)] + [("blank", "")]
    per_page = 46
    pages = [lines[start : start + per_page] for start in range(0, len(lines), per_page)] or [[]]

    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    page_tree = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    page_ids = []
    for number, page_lines in enumerate(pages, start=1):
        stream = [b"BT", b"56 786 Td"]
        for kind, text in page_lines:
            if kind == "title":
                stream += [b"/F2 16 Tf", b"(" + _escape(_pdf_text(text)) + b") Tj", b"0 -22 Td"]
            elif kind == "body":
                stream += [b"/F1 10.5 Tf", b"(" + _escape(_pdf_text(text)) + b") Tj", b"0 -15 Td"]
            else:
                stream.append(b"0 -8 Td")
        stream += [b"ET", b"BT /F1 8 Tf 56 40 Td"]
        stream.append(b"(" + _escape(_pdf_text(f"{footer}  {number}/{len(pages)}".strip())) + b") Tj ET")
        content = b"\n".join(stream)
        content_id = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (page_tree, content_id, font, bold)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % page_tree
    kids = b" ".join(b"%d 0 R" % page_id for page_id in page_ids)
    objects[page_tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))

    output = io.BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    )
    return output.getvalue()
