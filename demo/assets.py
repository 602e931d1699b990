"""Member logos and PDF documents for the demo content, drawn by code so the demo needs no network
(the pictures of practices, materials, workshops and paths are in ``scenes.py``)."""

import datetime
import hashlib
import io
import random
from pathlib import Path

from django.conf import settings
from fpdf import FPDF
from PIL import Image, ImageDraw

FONT_FAMILY = "DejaVu Sans"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
MARGIN = 56  # points, about 20 mm
FOOTER_FROM_BOTTOM = 40
# A fixed date in every document, so loading the demo twice draws the same files.
DOCUMENT_DATE = datetime.datetime(2024, 1, 15, tzinfo=datetime.UTC)
PALETTE = ["#1f4e5f", "#c8553d", "#f2b134", "#4f6d7a", "#6a994e", "#8e5572", "#2a9d8f", "#e76f51", "#264653"]


def seeded_random(seed):
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest(), 16))  # noqa: S311 - drawing, not crypto


def logo_png(seed, size=320):
    rng = seeded_random(seed)
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


class MissingFont(Exception):
    """The demo documents' font is not where the settings say."""


def font_files():
    """The regular and bold DejaVu Sans files in ``settings.DEMO_FONT_DIR``, or ``MissingFont``."""
    folder = Path(settings.DEMO_FONT_DIR)
    files = {style: folder / name for style, name in FONT_FILES.items()}
    missing = [path.name for path in files.values() if not path.is_file()]
    if missing:
        raise MissingFont(
            f"The demo documents are set in DejaVu Sans, and {folder} lacks {' and '.join(missing)}. "
            "Install the font (Debian, Ubuntu: apt-get install fonts-dejavu-core) or set DEMO_FONT_DIR "
            f"to a folder that has {' and '.join(FONT_FILES.values())}."
        )
    return files


class DemoDocument(FPDF):
    """An A4 page layout with the footer text and the page number at the foot of every page."""

    def __init__(self, footer_text):
        super().__init__(format="A4", unit="pt")
        self.footer_text = footer_text

    def footer(self):
        self.set_y(-FOOTER_FROM_BOTTOM)
        self.set_font(FONT_FAMILY, "", 8)
        self.cell(0, 10, f"{self.footer_text}  {self.page_no()}/{{nb}}".strip())


def pdf_document(title, paragraphs, footer="", language="en"):
    """A PDF of A4 pages with a title and wrapped paragraphs, in their own script: the text is set
    in an embedded subset of DejaVu Sans (Latin with every diacritic, Cyrillic), so it shows and
    copies as written. The same arguments give the same bytes."""
    document = DemoDocument(footer)
    for style, path in font_files().items():
        document.add_font(FONT_FAMILY, style, path)
    document.set_creation_date(DOCUMENT_DATE)
    document.set_title(title)
    document.set_lang(language)
    document.set_margins(MARGIN, MARGIN)
    document.set_auto_page_break(True, margin=MARGIN + 8)
    document.add_page()
    document.set_font(FONT_FAMILY, "B", 16)
    document.multi_cell(0, 22, title, align="L", new_x="LMARGIN", new_y="NEXT")
    document.ln(8)
    document.set_font(FONT_FAMILY, "", 10.5)
    for paragraph in paragraphs:
        document.multi_cell(0, 15, paragraph, align="L", new_x="LMARGIN", new_y="NEXT")
        document.ln(8)
    return bytes(document.output())
