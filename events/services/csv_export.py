"""Events written as CSV in the import's format, for download."""

from collections.abc import Iterator
from itertools import chain
from zoneinfo import ZoneInfo

from core.exports import csv_lines
from events.services.csv_import import CSV_COLUMNS, LIST_SEPARATOR


def events_csv_rows(*, events) -> Iterator[str]:
    """CSV lines for ``events``, in the import's format, read in chunks (for streaming)."""
    # SECURITY: core.exports guards every cell against formula injection.
    rows = map(_csv_row, events.order_by("starts_at", "id").iterator(chunk_size=500))
    yield from csv_lines(chain([CSV_COLUMNS], rows))


def _csv_row(event) -> list[str]:
    tz = ZoneInfo(event.timezone)
    return [
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
    ]
