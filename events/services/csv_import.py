"""Events imported from a CSV file: every row checked first, all or nothing."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.models import User
from accounts.roles import Role, user_has_role
from core.exceptions import ApplicationError
from events.models import Event, EventFacilitator
from events.services.common import (
    RESERVED_SLUGS,
    SKIPPED_TIME_MESSAGE,
    new_submission_token,
    skipped_by_clock_change,
    unique_slug,
)

CSV_COLUMNS = (
    "title",
    "slug",
    "kind",
    "status",
    "starts_at",
    "ends_at",
    "timezone",
    "country",
    "city",
    "is_online",
    "languages",
    "population_focus",
    "partner_organisations",
    "is_public",
    "description",
)
CSV_REQUIRED = ("title", "kind", "starts_at", "ends_at", "timezone", "country")
CSV_MAX_BYTES = 5 * 1024 * 1024
CSV_MAX_ROWS = 5_000
LIST_SEPARATOR = ";"
TRUE_VALUES = {"1", "true", "yes", "y", "oui", "vrai"}
FALSE_VALUES = {"", "0", "false", "no", "n", "non", "faux"}


class CsvImportError(ApplicationError):
    """An import refused as a whole; ``rows`` lists (line number, reason) for each bad row."""

    def __init__(self, message: str, *, rows: list[tuple[int, str]]):
        super().__init__(message)
        self.rows = rows


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(LIST_SEPARATOR) if v.strip()]


def _bool(value: str) -> bool:
    value = (value or "").strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ValueError(_("“%(value)s” is not yes or no.") % {"value": value})


def _local_datetime(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat((value or "").strip())
    except ValueError:
        raise ValueError(
            _("“%(value)s” is not a date and time like 2024-06-20 09:30.") % {"value": value}
        ) from None
    return parsed.replace(tzinfo=None)


def _row_to_event(row: dict[str, str]) -> Event:
    missing = [c for c in CSV_REQUIRED if not (row.get(c) or "").strip()]
    if missing:
        raise ValueError(_("missing %(columns)s") % {"columns": ", ".join(missing)})
    tz_name = row["timezone"].strip()
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(_("“%(value)s” is not a known time zone.") % {"value": tz_name}) from None
    country = row["country"].strip().upper()
    if country not in dict(countries):
        raise ValueError(_("“%(value)s” is not an ISO 3166-1 country code.") % {"value": country})
    kind = row["kind"].strip()
    if kind not in Event.Kind.values:
        raise ValueError(_("“%(value)s” is not a kind of event.") % {"value": kind})
    status = (row.get("status") or "").strip() or Event.Status.PLANNED
    if status not in Event.Status.values:
        raise ValueError(_("“%(value)s” is not a status.") % {"value": status})
    starts_at = _local_datetime(row["starts_at"]).replace(tzinfo=tz)
    ends_at = _local_datetime(row["ends_at"]).replace(tzinfo=tz)
    for name, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if skipped_by_clock_change(value):
            raise ValueError(f"{name}: {SKIPPED_TIME_MESSAGE}")
    return Event(
        title=row["title"].strip(),
        slug=(row.get("slug") or "").strip(),
        kind=kind,
        status=status,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=tz_name,
        country=country,
        city=(row.get("city") or "").strip(),
        is_online=_bool(row.get("is_online", "")),
        languages=_split(row.get("languages", "")),
        population_focus=_split(row.get("population_focus", "")),
        partner_organisations=_split(row.get("partner_organisations", "")),
        is_public=_bool(row.get("is_public", "")),
        description=(row.get("description") or "").strip(),
    )


def _format_validation_error(exc: ValidationError) -> str:
    parts = []
    for field, messages in exc.message_dict.items():
        label = field if field != "__all__" else _("row")
        parts.append(f"{label}: {' '.join(str(m) for m in messages)}")
    return "; ".join(parts)


def _csv_reader(content: bytes) -> csv.DictReader:
    """A reader over the file's rows, once its size, encoding and header are right."""
    if len(content) > CSV_MAX_BYTES:
        raise CsvImportError(_("The file is larger than 5 MB."), rows=[])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvImportError(_("The file is not UTF-8 text."), rows=[]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_REQUIRED if c not in header]
    if missing:
        raise CsvImportError(
            _("The header lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)},
            rows=[(1, _("missing columns: %(c)s") % {"c": ", ".join(missing)})],
        )
    reader.fieldnames = header
    return reader


def _checked_event(row: dict, *, index: int, line: int, seen_slugs: dict[str, int]) -> Event:
    """The row's unsaved event, its slug made unique in the file; ValueError says what is wrong.

    ``seen_slugs`` (slug -> line) grows with each row whose slug is accepted.
    """
    if None in row:
        raise ValueError(_("more cells than columns"))
    event = _row_to_event(row)
    if not event.slug:
        event.slug = unique_slug(event.title)
        while event.slug in seen_slugs:
            event.slug = f"{event.slug}-{index + 2}"
    if event.slug in RESERVED_SLUGS:
        raise ValueError(_("slug: this address is reserved."))
    if event.slug in seen_slugs:
        raise ValueError(_("slug repeats line %(line)s") % {"line": seen_slugs[event.slug]})
    seen_slugs[event.slug] = line
    if event.status in (Event.Status.PLANNED, Event.Status.OPEN):
        event.submission_token = new_submission_token()
    try:
        event.full_clean()
    except ValidationError as exc:
        raise ValueError(_format_validation_error(exc)) from None
    return event


@transaction.atomic
def events_import_csv(*, user: User, content: bytes) -> list[Event]:
    """Import events from CSV. Every row is checked first; any bad row and nothing is saved.

    The importing facilitator becomes each event's lead facilitator.
    """
    reader = _csv_reader(content)
    errors: list[tuple[int, str]] = []
    events: list[Event] = []
    seen_slugs: dict[str, int] = {}
    for index, row in enumerate(reader):
        line = reader.line_num
        if index >= CSV_MAX_ROWS:
            raise CsvImportError(
                _("At most %(n)s rows per import.") % {"n": CSV_MAX_ROWS}, rows=[(line, "")]
            )
        try:
            events.append(_checked_event(row, index=index, line=line, seen_slugs=seen_slugs))
        except ValueError as exc:
            errors.append((line, str(exc)))
    if errors:
        raise CsvImportError(
            _("No event was imported: %(n)s row(s) have errors.") % {"n": len(errors)},
            rows=errors,
        )
    if not events:
        raise CsvImportError(_("The file has no rows."), rows=[])
    created = Event.objects.bulk_create(events)
    if user_has_role(user, Role.FACILITATOR):
        created = list(Event.objects.filter(slug__in=[e.slug for e in events]))
        EventFacilitator.objects.bulk_create(
            EventFacilitator(event=e, user=user, role=EventFacilitator.Role.LEAD) for e in created
        )
    return created
