"""Events written as CSV in the import's format, for download."""

import csv
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from events.services.csv_import import CSV_COLUMNS, LIST_SEPARATOR


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe_cell(value: Any) -> str:
    # SECURITY: a cell that a spreadsheet would read as a formula is prefixed with a quote.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def events_csv_rows(*, events) -> Iterator[str]:
    """CSV lines for ``events``, in the import's format, read in chunks (for streaming)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for event in events.order_by("starts_at", "id").iterator(chunk_size=500):
        tz = ZoneInfo(event.timezone)
        yield writer.writerow(
            _safe_cell(v)
            for v in (
                event.title,
                event.slug,
                event.kind,
                event.status,
                event.starts_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                event.ends_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                event.timezone,
                event.country.code,
                event.city,
                "yes" if event.is_online else "no",
                LIST_SEPARATOR.join(event.languages or []),
                LIST_SEPARATOR.join(event.population_focus or []),
                LIST_SEPARATOR.join(event.partner_organisations or []),
                "yes" if event.is_public else "no",
                event.description,
            )
        )
