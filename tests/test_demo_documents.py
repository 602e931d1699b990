"""The demo's PDF documents carry their text in the item's own script, every diacritic kept: the
text reads back as written (copy and paste, search, screen readers) and each character is drawn
with its own glyph from the embedded font, on every page."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from demo.assets import pdf_document
from tests.pdf_reading import PDFReading

TITLE = "Ѕидни весници во Ѓевѓелија и Љубовија"
MACEDONIAN = (
    "Во Ѓевѓелија учениците ќе ги подготват ѕидните весници за фестивалот: Љупчо носи лепак, "
    "Њагула хартија, а Џеват ножици, и секој ќе напише по една приказна за својата улица."
)
SERBIAN = (
    "Ђорђе и Ћирило ће у Љубовији показати џепни водич за њихов фестивал, а после радионице "
    "сви заједно читају шта су суседи написали о граду у коме живе."
)
LATIN = (
    "Čitaonica u Đakovu, Šibeniku i Žabljaku radi do ponoći, ćevapi su poslije radionice. "
    "Në Gjirokastër çdo e shtunë është ditë teatri, dhe çelësat e sallës i ka Ëngjëllushja."
)
FOOTER = "Љубица Ђурић, Žarko Šećerović · CC BY 4.0"


def document(paragraphs, language="mk"):
    return pdf_document(TITLE, paragraphs, footer=FOOTER, language=language)


def test_a_document_reads_back_word_for_word_in_cyrillic_and_in_latin_with_every_diacritic():
    reading = PDFReading(document([MACEDONIAN, SERBIAN, LATIN]))

    assert reading.page_count == 1
    assert reading.text.split() == f"{TITLE} {MACEDONIAN} {SERBIAN} {LATIN} {FOOTER} 1/1".split()


def test_a_long_document_keeps_every_word_across_its_pages_and_numbers_them():
    paragraphs = [MACEDONIAN, SERBIAN, LATIN] * 12
    reading = PDFReading(document(paragraphs))

    pages = reading.page_count
    assert pages > 1
    expected = TITLE.split()
    for paragraph in paragraphs:
        expected += paragraph.split()
    footers = [f"{number}/{pages}" for number in range(1, pages + 1)]
    words = reading.text.split()
    assert [word for word in words if word in footers] == footers
    assert [word for word in words if word not in footers and word not in FOOTER.split()] == expected


def test_each_character_is_drawn_with_its_own_glyph_from_the_embedded_font():
    reading = PDFReading(document([MACEDONIAN, SERBIAN, LATIN]))

    drawn = set()
    for page in reading.page_numbers:
        for font, string, _new_line in reading.shown_strings(page):
            embedded, glyph_of = font.embedded()
            characters, glyphs = embedded.getBestCmap(), embedded.getGlyphOrder()
            for code in font.codes(string):
                character = font.text(code)
                assert characters.get(ord(character)) == glyphs[glyph_of(code)], character
                drawn.add(character)
    assert drawn >= set(TITLE + MACEDONIAN + SERBIAN + LATIN + FOOTER)
    assert "\ufffd" not in drawn


def test_a_document_says_its_language_and_title_and_is_the_same_every_time():
    data = document([SERBIAN], language="sr-Cyrl")

    assert b"/Lang (sr-Cyrl)" in data
    assert f"/Title <feff{TITLE.encode('utf-16-be').hex()}>".encode() in data
    assert data == document([SERBIAN], language="sr-Cyrl")


@pytest.mark.django_db
def test_without_the_font_the_demo_loader_stops_before_it_starts_and_says_what_to_install(settings, tmp_path):
    settings.DEMO_FONT_DIR = tmp_path
    users = get_user_model().objects.count()

    with pytest.raises(CommandError) as error:
        call_command("load_demo_content", allow_demo_users=True)

    assert str(tmp_path) in str(error.value)
    assert "DejaVuSans.ttf" in str(error.value)
    assert "fonts-dejavu-core" in str(error.value)
    assert "DEMO_FONT_DIR" in str(error.value)
    assert get_user_model().objects.count() == users
