"""Spreadsheet-safe CSV and XLSX cells: the one place every export writes through.

When to use it: any code that writes a CSV or an XLSX file a person may open in a spreadsheet
(analysis exports, chart downloads, events' CSV, the codebook CSV, the agreement report).

- ``csv_lines(rows)`` yields CSV lines one by one (for ``StreamingHttpResponse`` or a file);
- ``csv_text(rows)`` returns the whole CSV as a string (small files);
- ``csv_writer(fh)`` is a ``csv.writer`` on ``fh`` whose ``writerow`` guards every cell;
- ``csv_cell(value)`` guards one value (THE guard: every other name here goes through it),
  ``xlsx_cell(sheet, value)`` makes one openpyxl write-only cell (text stays text, never a
  formula), ``xlsx_row(sheet, values)`` a whole row of them (header rows too),
  ``xlsx_text(value)`` drops the control characters XML (XLSX, DOCX) cannot hold.

Never call ``csv.writer`` directly, nor ``sheet.append`` without ``xlsx_row``, for a file a
person may open: a cell starting with ``=`` would run as a formula in the reader's spreadsheet
(``tests/core/test_export_guard.py`` reads the source and fails on either).
"""

import csv
from collections.abc import Iterable, Iterator

from django.utils.functional import Promise

# SECURITY: a cell starting with one of these is run as a formula by spreadsheet software
# (CSV/formula injection, OWASP); such text is prefixed with an apostrophe. The full-width
# forms count too: some spreadsheets (Japanese input) read "＝" as "=".
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value):
    """``value`` with an apostrophe before a formula-like text; other values are unchanged.

    NOTE: only text is guarded: numbers, dates and booleans keep their type so an XLSX cell
    stays numeric, and a negative number is a number, not a formula.
    """
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose ``write`` returns the line, so csv.writer can yield lines."""

    def write(self, value: str) -> str:
        return value


class _GuardedWriter:
    def __init__(self, fh, **fmtparams):
        self._writer = csv.writer(fh, **fmtparams)

    def writerow(self, row: Iterable):
        return self._writer.writerow([csv_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(fh, **fmtparams) -> _GuardedWriter:
    """A ``csv.writer`` on ``fh`` (a file, an HttpResponse) that guards every cell."""
    return _GuardedWriter(fh, **fmtparams)


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """CSV lines, one per row (header included if it is the first row), every cell guarded."""
    writer = csv_writer(_Echo())
    for row in rows:
        yield writer.writerow(row)


def csv_text(rows: Iterable[Iterable]) -> str:
    return "".join(csv_lines(rows))


def xlsx_text(value: str) -> str:
    """``value`` without the control characters an XML document (XLSX, DOCX) cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def xlsx_cell(sheet, value):
    """A value for ``sheet.append`` of an openpyxl write-only sheet, guarded like a CSV cell."""
    from openpyxl.cell import WriteOnlyCell

    value = csv_cell(value)
    if not isinstance(value, str):
        return value
    # NOTE: a write-only cell typed "s" is written as text, never as a formula, even after
    # csv_cell: two guards, since a spreadsheet may re-evaluate text a user edits.
    cell = WriteOnlyCell(sheet, value=xlsx_text(value))
    cell.data_type = "s"
    return cell


def xlsx_row(sheet, values: Iterable) -> list:
    """A row for ``sheet.append``, every value through ``xlsx_cell``."""
    return [xlsx_cell(sheet, value) for value in values]
