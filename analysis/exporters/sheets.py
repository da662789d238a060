"""A table written as CSV (streamed line by line) or as XLSX (openpyxl's write-only workbook).

Every cell goes through core.exports, which guards against formula injection. Both keep memory
flat whatever the row count: rows are read from the table's generator and written as they come
(openpyxl's write-only sheets go to a temporary file, strings inline, no shared-strings table).
"""

from collections.abc import Iterable, Iterator
from itertools import chain, islice

from analysis.exporters.tables import Table
from core.exports import csv_lines, xlsx_row

# A worksheet holds at most 1,048,576 rows (Excel, LibreOffice): a longer table goes on as
# "name (2)", "name (3)"…, each with the header again. 1,000,000 stories and a header fit one.
XLSX_MAX_ROWS = 1_048_576


def csv_stream(table: Table) -> Iterator[str]:
    """CSV lines one by one, for StreamingHttpResponse or a file."""
    return csv_lines(chain([table.header], table.rows))


def write_csv(table: Table, fh) -> None:
    for line in csv_stream(table):
        fh.write(line.encode("utf-8"))


def sheet_parts(rows: Iterable, size: int) -> Iterator[Iterator]:
    """``rows`` in consecutive parts of at most ``size``, read lazily (consume each part before
    asking for the next); always at least one part, empty for no rows."""
    rows = iter(rows)
    first = next(rows, None)
    yield chain([] if first is None else [first], islice(rows, size - 1))
    for first in rows:
        yield chain([first], islice(rows, size - 1))


def write_xlsx(tables: list[Table], fh) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for table in tables:
        for number, rows in enumerate(sheet_parts(table.rows, XLSX_MAX_ROWS - 1), start=1):
            name = table.name[:31] if number == 1 else f"{table.name[:24]} ({number})"
            sheet = workbook.create_sheet(name)
            sheet.append(xlsx_row(sheet, table.header))
            for row in rows:
                sheet.append(xlsx_row(sheet, row))
    workbook.save(fh)
