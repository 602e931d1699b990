"""Reading the PDFs the hub makes the way a PDF reader does, for tests: each page's text decoded
through its fonts' ToUnicode maps (what copy and paste and a screen reader get), and the glyph
each character is drawn with, looked up in the embedded font.

It knows the part of PDF that fpdf2 (the demo documents) and chromium (printed pages) write:
numbered objects in the open, Flate-compressed streams, Type0 fonts with two-byte codes. A file
outside that part fails loudly rather than reading as empty.
"""

import io
import re
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
STREAM = re.compile(rb"stream\r?\n(.*)\r?\nendstream\s*$", re.S)
REFERENCE = rb"\s+(\d+) 0 R"
HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
# A content stream's tokens: literal strings (with escapes and nested parentheses up to one
# level), hex strings, dictionaries' brackets, arrays' brackets, names, numbers and operators.
TOKEN = re.compile(
    rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>]+|[^\s/\[\]()<>]+",
    re.S,
)
OPERATOR = re.compile(rb"[A-Za-z'\"*]+")
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def literal_string(token):
    """The bytes of a literal string token, ``(…)``, with its escapes resolved."""

    def unescape(match):
        escaped = match.group(1)
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8)])
        return ESCAPES.get(escaped, escaped)

    return re.sub(rb"\\([0-7]{1,3}|.)", unescape, token[1:-1], flags=re.S)


def string_bytes(token):
    if token.startswith(b"("):
        return literal_string(token)
    return bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode())


class PDFReading:
    def __init__(self, data):
        self.data = data
        self.objects = {int(number): body for number, body in OBJECT.findall(data)}
        assert self.objects, "no PDF objects found"
        root = int(re.search(rb"/Root" + REFERENCE, data).group(1))
        self.page_numbers = self.kids(self.reference(self.objects[root], b"Pages"))

    def dictionary(self, number):
        return self.objects[number].split(b"stream", 1)[0]

    def stream(self, number):
        content = STREAM.search(self.objects[number]).group(1)
        return zlib.decompress(content) if b"/FlateDecode" in self.dictionary(number) else content

    def reference(self, body, key):
        match = re.search(rb"/" + key + REFERENCE, body)
        return int(match.group(1)) if match else None

    def kids(self, number):
        body = self.dictionary(number)
        if re.search(rb"/Type\s*/Page\b(?!s)", body):
            return [number]
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body).group(1)
        return [page for kid in re.findall(rb"(\d+) 0 R", kids) for page in self.kids(int(kid))]

    @property
    def page_count(self):
        return len(self.page_numbers)

    def fonts(self, page_number):
        """The page's fonts by resource name: each its code → text map and its embedded font."""
        page = self.dictionary(page_number)
        resources_number = self.reference(page, b"Resources")
        resources = self.dictionary(resources_number) if resources_number else page
        font_number = self.reference(resources, b"Font")
        font_names = (
            self.dictionary(font_number)
            if font_number
            else re.search(rb"/Font\s*<<(.*?)>>", resources, re.S).group(1)
        )
        return {
            name: Font(self, int(number))
            for name, number in re.findall(rb"/([^\s/]+)" + REFERENCE, font_names)
        }

    def shown_strings(self, page_number):
        """(font, string bytes, new text object) for each string the page's content shows."""
        fonts = self.fonts(page_number)
        contents = self.reference(self.dictionary(page_number), b"Contents")
        font, operands, new_object = None, [], True
        for token in TOKEN.findall(self.stream(contents)):
            if not OPERATOR.fullmatch(token):
                operands.append(token)
                continue
            if token == b"BT":
                new_object = True
            elif token == b"Tf":
                font = fonts[operands[-2][1:]]
            elif token in (b"Tj", b"TJ", b"'", b'"'):
                for operand in operands:
                    if operand.startswith((b"(", b"<")) and operand != b"<<":
                        yield font, string_bytes(operand), new_object
                        new_object = False
            operands = []

    def page_text(self, page_number):
        """The page's text, each text object (a line, in these files) on a line of its own."""
        text = []
        for font, string, new_object in self.shown_strings(page_number):
            if new_object and text:
                text.append("\n")
            text.append("".join(font.text(code) for code in font.codes(string)))
        return "".join(text)

    @property
    def text(self):
        return "\n".join(self.page_text(number) for number in self.page_numbers)


class Font:
    def __init__(self, reading, number):
        self.reading = reading
        self.dictionary = reading.dictionary(number)
        assert b"/Type0" in self.dictionary and b"/Identity-H" in self.dictionary, "not a Type0 font"
        self.to_unicode = self.read_cmap(reading.stream(reading.reference(self.dictionary, b"ToUnicode")))
        self.descendant = int(re.search(rb"/DescendantFonts\s*\[\s*(\d+) 0 R", self.dictionary).group(1))

    @staticmethod
    def read_cmap(cmap):
        mapping = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
            pairs = HEX.findall(block)
            for source, target in zip(pairs[::2], pairs[1::2], strict=True):
                mapping[int(source, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high, targets in re.findall(rb"<(\w+)>\s*<(\w+)>\s*(<\w+>|\[[^\]]*\])", block):
                codes = range(int(low, 16), int(high, 16) + 1)
                if targets.startswith(b"["):
                    for code, target in zip(codes, HEX.findall(targets), strict=True):
                        mapping[code] = bytes.fromhex(target.decode()).decode("utf-16-be")
                else:
                    first = int(targets[1:-1], 16)
                    for offset, code in enumerate(codes):
                        mapping[code] = chr(first + offset)
        return mapping

    @staticmethod
    def codes(string):
        return [int.from_bytes(string[index : index + 2], "big") for index in range(0, len(string), 2)]

    def text(self, code):
        return self.to_unicode.get(code, "\ufffd")

    def embedded(self):
        """The embedded TrueType font (fontTools), and the glyph id each code draws."""
        from fontTools.ttLib import TTFont

        descendant = self.reading.dictionary(self.descendant)
        descriptor = self.reading.dictionary(self.reading.reference(descendant, b"FontDescriptor"))
        font = TTFont(io.BytesIO(self.reading.stream(self.reading.reference(descriptor, b"FontFile2"))))
        map_number = self.reading.reference(descendant, b"CIDToGIDMap")
        if map_number is None:
            assert b"/CIDToGIDMap /Identity" in descendant
            return font, lambda code: code
        gids = self.reading.stream(map_number)
        return font, lambda code: int.from_bytes(gids[2 * code : 2 * code + 2], "big")
