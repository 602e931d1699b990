"""The two formats of an export, written as a stream of text pieces of about 64 KiB each."""

import csv
import json

from practices.spreadsheet_safety import formula_safe

from .columns import COLUMNS

PIECE = 64 * 1024
BOM = "\ufeff"
LIST_SEPARATOR = "; "


class _Line:
    """A csv writer's file that hands back what is written instead of keeping it."""

    def write(self, text):
        return text


def _pieces(lines):
    buffered, size = [], 0
    for line in lines:
        buffered.append(line)
        size += len(line)
        if size >= PIECE:
            yield "".join(buffered)
            buffered, size = [], 0
    if buffered:
        yield "".join(buffered)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    return formula_safe(value)


def csv_text(rows):
    """CSV for spreadsheets: a byte-order mark so they read UTF-8, a header row, and no cell that
    a spreadsheet would run as a formula (``formula_safe``)."""
    writer = csv.writer(_Line())

    def lines():
        yield BOM + writer.writerow(COLUMNS)
        for row in rows:
            yield writer.writerow([_cell(row[column]) for column in COLUMNS])

    return _pieces(lines())


def json_lines_text(metadata, rows):
    """JSON Lines: the export's description (licence, columns, source) first, then one object per
    page with the same keys as the CSV's columns."""

    def lines():
        yield json.dumps({"metadata": metadata}, ensure_ascii=False) + "\n"
        for row in rows:
            yield json.dumps(row, ensure_ascii=False) + "\n"

    return _pieces(lines())
