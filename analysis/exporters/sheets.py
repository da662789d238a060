"""A table written as CSV (streamed line by line) or as XLSX (openpyxl's write-only workbook).

Every cell goes through core.exports, which guards against formula injection.
"""

from collections.abc import Iterator
from itertools import chain

from analysis.exporters.tables import Table
from core.exports import csv_lines, xlsx_row


def csv_stream(table: Table) -> Iterator[str]:
    """CSV lines one by one, for StreamingHttpResponse or a file."""
    return csv_lines(chain([table.header], table.rows))


def write_csv(table: Table, fh) -> None:
    for line in csv_stream(table):
        fh.write(line.encode("utf-8"))


def write_xlsx(tables: list[Table], fh) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(table.name[:31])
        sheet.append(xlsx_row(sheet, table.header))
        for row in table.rows:
            sheet.append(xlsx_row(sheet, row))
    workbook.save(fh)
