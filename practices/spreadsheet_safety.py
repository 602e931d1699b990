"""Spreadsheet exports of the admin's reports never carry a formula from an editor's text.

Wagtail's reports (site history, aging pages, workflows, …) export CSV and XLSX through
``SpreadsheetExportMixin``. Its XLSX cells already store formulas as text, but its CSV cells are
written as they are, so a page titled ``=HYPERLINK(…)`` would run in the moderator's spreadsheet
(CSV injection, OWASP). Cells that a spreadsheet would read as a formula get a leading apostrophe.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def install():
    preprocess = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        processed = preprocess(self, field, value, export_format)
        return formula_safe(processed) if export_format == self.FORMAT_CSV else processed

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
