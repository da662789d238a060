"""Exports of a selection: CSV, XLSX, REFI-QDA and quote sheets, all with bounded memory.

Rows are read in chunks (``tables``), written as they come: a CSV streams to the client or to a
file and an XLSX goes through openpyxl's write-only workbook (``sheets``), a ``.qdpx`` through
analysis.refiqda (``qdpx``), quote sheets as HTML or DOCX (``quotes``). Nothing here decides who
may export what: the services pass in querysets already scoped to the user.
"""

from analysis.exporters.qdpx import VARIABLE_TYPES, write_qdpx
from analysis.exporters.quotes import (
    Quote,
    attribution_for,
    quotes_from,
    receipt_labels,
    receipt_summary,
    write_quotes_docx,
    write_quotes_html,
)
from analysis.exporters.sheets import csv_stream, write_csv, write_xlsx
from analysis.exporters.tables import (
    CHARACTERISTIC_FIELDS,
    CHUNK,
    Progress,
    Table,
    accepted_applications,
    applications_table,
    characteristic_values,
    characteristics_table,
    chunked,
    codes_table,
    stories_table,
    story_ids,
)

__all__ = [
    "CHARACTERISTIC_FIELDS",
    "CHUNK",
    "VARIABLE_TYPES",
    "Progress",
    "Quote",
    "Table",
    "accepted_applications",
    "applications_table",
    "attribution_for",
    "characteristic_values",
    "characteristics_table",
    "chunked",
    "codes_table",
    "csv_stream",
    "quotes_from",
    "receipt_labels",
    "receipt_summary",
    "stories_table",
    "story_ids",
    "write_csv",
    "write_qdpx",
    "write_quotes_docx",
    "write_quotes_html",
    "write_xlsx",
]
