import csv
import io
import secrets
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from itertools import chain
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_countries import countries

from accounts.models import User
from accounts.roles import Role, user_has_role
from core.exceptions import ApplicationError
from core.exports import csv_lines
from events.models import (
    Commitment,
    CommitmentStatusChange,
    Event,
    EventFacilitator,
    Session,
    SessionLog,
)
from events.selectors import theme_choices

# The fields a facilitator may set on an event; status and token have their own services.
EVENT_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "timezone",
    "country",
    "city",
    "is_online",
    "languages",
    "partner_organisations",
    "population_focus",
    "description",
    "is_public",
)

# Each status and the statuses it may move to: forward through the cycle, and a closed event may
# be reopened for testimonies (with a new link).
EVENT_TRANSITIONS = {
    Event.Status.PLANNED: {Event.Status.OPEN, Event.Status.CLOSED},
    Event.Status.OPEN: {Event.Status.CLOSED},
    Event.Status.CLOSED: {Event.Status.OPEN, Event.Status.ARCHIVED},
    Event.Status.ARCHIVED: set(),
}


def _full_clean(instance, **kwargs) -> None:
    """Model validation, turned into the application's error with one message per field."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as exc:
        raise ApplicationError(
            _("Please correct the errors below."),
            field_errors={
                field: [str(m) for m in messages] for field, messages in exc.message_dict.items()
            },
        ) from None


def new_submission_token() -> str:
    # SECURITY: 32 bytes (256 bits) from the OS's CSPRNG; URL-safe, 43 characters.
    return secrets.token_urlsafe(32)


# Slugs that would shadow a page of /events/.
RESERVED_SLUGS = frozenset({"new", "import", "export", "programme", "export-csv"})


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "event"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Event.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def skipped_by_clock_change(value: datetime) -> bool:
    """True when an aware datetime names a wall-clock time that does not exist in its zone
    (the hour skipped when the clocks go forward)."""
    roundtrip = value.astimezone(UTC).astimezone(value.tzinfo)
    return roundtrip.replace(tzinfo=None) != value.replace(tzinfo=None)


SKIPPED_TIME_MESSAGE = _lazy("This time does not exist in this time zone: the clocks change then.")


# Events ---------------------------------------------------------------------------------------


@transaction.atomic
def event_create(*, user: User, slug: str = "", **fields: Any) -> Event:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    event = Event(**fields)
    if slug in RESERVED_SLUGS:
        raise ApplicationError(
            _("This address is reserved."), field_errors={"slug": [_("This address is reserved.")]}
        )
    event.slug = slug or _unique_slug(fields.get("title", ""))
    event.submission_token = new_submission_token()
    _full_clean(event)
    event.save()
    if user_has_role(user, Role.FACILITATOR):
        EventFacilitator.objects.create(event=event, user=user, role=EventFacilitator.Role.LEAD)
    return event


@transaction.atomic
def event_update(*, event: Event, **fields: Any) -> Event:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(event, name, value)
    _full_clean(event)
    event.save()
    return event


@transaction.atomic
def event_status_change(*, event: Event, status: str) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if status not in EVENT_TRANSITIONS.get(event.status, set()):
        raise ApplicationError(
            _("An event cannot go from “%(from)s” to “%(to)s”.")
            % {"from": event.get_status_display(), "to": Event.Status(status).label}
            if status in Event.Status.values
            else _("Unknown status."),
            field_errors={"status": [_("This change of status is not allowed.")]},
        )
    event.status = status
    if status == Event.Status.OPEN and not event.submission_token:
        event.submission_token = new_submission_token()
    elif status in (Event.Status.CLOSED, Event.Status.ARCHIVED):
        # SECURITY: the participant link dies with the event's openness; reopening issues a new
        # one, so printed codes of a closed event never work again.
        event.submission_token = None
    event.save(update_fields=["status", "submission_token", "updated_at"])
    return event


@transaction.atomic
def event_token_rotate(*, event: Event) -> Event:
    """A new participant link; the old one stops working at once."""
    if event.status not in (Event.Status.PLANNED, Event.Status.OPEN):
        raise ApplicationError(_("A closed or archived event has no participant link."))
    event.submission_token = new_submission_token()
    event.save(update_fields=["submission_token", "updated_at"])
    return event


@transaction.atomic
def event_facilitator_add(*, event: Event, email: str, role: str) -> EventFacilitator:
    user = User.objects.filter(email__iexact=(email or "").strip()).first()
    if user is None or not user_has_role(user, Role.FACILITATOR):
        raise ApplicationError(
            _("No facilitator has this e-mail address."),
            field_errors={"email": [_("No facilitator has this e-mail address.")]},
        )
    if role not in EventFacilitator.Role.values:
        raise ApplicationError(_("Unknown role."), field_errors={"role": [_("Unknown role.")]})
    membership, created = EventFacilitator.objects.get_or_create(
        event=event, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        if membership.role == EventFacilitator.Role.LEAD:
            _ensure_another_lead(event=event, user=user)
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def _ensure_another_lead(*, event: Event, user: User) -> None:
    others = event.memberships.filter(role=EventFacilitator.Role.LEAD).exclude(user=user)
    if not others.exists():
        raise ApplicationError(_("An event keeps at least one lead facilitator."))


@transaction.atomic
def event_facilitator_remove(*, event: Event, user_id: int) -> None:
    membership = event.memberships.filter(user_id=user_id).first()
    if membership is None:
        return
    if membership.role == EventFacilitator.Role.LEAD:
        _ensure_another_lead(event=event, user=membership.user)
    membership.delete()


# Sessions and logs ----------------------------------------------------------------------------


def _check_session_facilitators(*, event: Event, facilitators: Iterable[User]) -> list[User]:
    facilitators = list(facilitators)
    member_ids = set(event.memberships.values_list("user_id", flat=True))
    if any(f.pk not in member_ids for f in facilitators):
        raise ApplicationError(
            _("Session facilitators must facilitate the event."),
            field_errors={"facilitators": [_("Choose among the event's facilitators.")]},
        )
    return facilitators


@transaction.atomic
def session_create(
    *,
    event: Event,
    title: str,
    starts_at: datetime,
    duration_minutes: int,
    format: str,
    facilitators: Iterable[User] = (),
) -> Session:
    facilitators = _check_session_facilitators(event=event, facilitators=facilitators)
    session = Session(
        event=event,
        title=title,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        format=format,
    )
    _full_clean(session)
    session.save()
    session.facilitators.set(facilitators)
    return session


@transaction.atomic
def session_update(
    *, session: Session, facilitators: Iterable[User] | None = None, **fields: Any
) -> Session:
    allowed = {"title", "starts_at", "duration_minutes", "format"}
    if set(fields) - allowed:
        raise TypeError(f"unknown session fields: {sorted(set(fields) - allowed)}")
    for name, value in fields.items():
        setattr(session, name, value)
    _full_clean(session)
    session.save()
    if facilitators is not None:
        session.facilitators.set(
            _check_session_facilitators(event=session.event, facilitators=facilitators)
        )
    return session


@transaction.atomic
def session_delete(*, session: Session) -> None:
    session.delete()


LOG_FIELDS = (
    "attendance_total",
    *SessionLog.GROUP_FIELDS.values(),
    "topics_discussed",
    "concerns_raised",
    "notes",
)


@transaction.atomic
def session_log_save(*, session: Session, user: User, **fields: Any) -> SessionLog:
    """Create or update a session's log. Counts only: the log never holds a name."""
    if set(fields) - set(LOG_FIELDS):
        raise TypeError(f"unknown log fields: {sorted(set(fields) - set(LOG_FIELDS))}")
    log = SessionLog.objects.select_for_update().filter(session=session).first()
    if log is None:
        log = SessionLog(session=session)
    for name, value in fields.items():
        setattr(log, name, value)
    log.logged_by = user
    errors = {}
    for name in ("attendance_total", *SessionLog.GROUP_FIELDS.values()):
        value = getattr(log, name)
        if value is not None and (not isinstance(value, int) or value < 0):
            errors[name] = [_("Enter a whole number, zero or more.")]
    if errors:
        raise ApplicationError(_("Please correct the errors below."), field_errors=errors)
    _full_clean(log)
    log.save()
    return log


# Commitments ----------------------------------------------------------------------------------


def _check_themes(themes: Iterable) -> list:
    themes = list(themes)
    allowed = set(theme_choices().values_list("pk", flat=True))
    if any(t.pk not in allowed for t in themes):
        raise ApplicationError(
            _("Themes must be action themes of the default codebook."),
            field_errors={"themes": [_("Choose among the action themes.")]},
        )
    return themes


@transaction.atomic
def commitment_create(
    *,
    event: Event,
    user: User,
    description: str,
    organisation: str,
    session: Session | None = None,
    themes: Iterable = (),
    status: str = Commitment.Status.PROPOSED,
    due_date: date | None = None,
    public_progress_note: str = "",
) -> Commitment:
    themes = _check_themes(themes)
    commitment = Commitment(
        event=event,
        session=session,
        description=description,
        organisation=organisation,
        status=status,
        due_date=due_date,
        public_progress_note=public_progress_note,
        created_by=user,
    )
    _full_clean(commitment)
    commitment.save()
    commitment.themes.set(themes)
    CommitmentStatusChange.objects.create(
        commitment=commitment, changed_by=user, from_status="", to_status=status
    )
    return commitment


@transaction.atomic
def commitment_update(
    *,
    commitment: Commitment,
    user: User,
    themes: Iterable | None = None,
    status: str | None = None,
    status_note: str = "",
    **fields: Any,
) -> Commitment:
    allowed = {"description", "organisation", "session", "due_date", "public_progress_note"}
    if set(fields) - allowed:
        raise TypeError(f"unknown commitment fields: {sorted(set(fields) - allowed)}")
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    for name, value in fields.items():
        setattr(commitment, name, value)
    _full_clean(commitment)
    commitment.save()
    if themes is not None:
        commitment.themes.set(_check_themes(themes))
    if status is not None and status != commitment.status:
        commitment = commitment_status_change(
            commitment=commitment, user=user, status=status, note=status_note
        )
    return commitment


@transaction.atomic
def commitment_status_change(
    *, commitment: Commitment, user: User, status: str, note: str = ""
) -> Commitment:
    if status not in Commitment.Status.values:
        raise ApplicationError(
            _("Unknown status."), field_errors={"status": [_("Unknown status.")]}
        )
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if status == commitment.status:
        return commitment
    change = CommitmentStatusChange(
        commitment=commitment,
        changed_by=user,
        from_status=commitment.status,
        to_status=status,
        note=note,
    )
    _full_clean(change, exclude=["commitment", "changed_by"])
    commitment.status = status
    commitment.save(update_fields=["status", "updated_at"])
    change.save()
    return commitment


# CSV import and export ------------------------------------------------------------------------

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


@transaction.atomic
def events_import_csv(*, user: User, content: bytes) -> list[Event]:
    """Import events from CSV. Every row is checked first; any bad row and nothing is saved.

    The importing facilitator becomes each event's lead facilitator.
    """
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
    errors: list[tuple[int, str]] = []
    events: list[Event] = []
    seen_slugs: dict[str, int] = {}
    for index, row in enumerate(reader):
        line = reader.line_num
        if index >= CSV_MAX_ROWS:
            raise CsvImportError(
                _("At most %(n)s rows per import.") % {"n": CSV_MAX_ROWS}, rows=[(line, "")]
            )
        if None in row:
            errors.append((line, _("more cells than columns")))
            continue
        try:
            event = _row_to_event(row)
        except ValueError as exc:
            errors.append((line, str(exc)))
            continue
        if not event.slug:
            event.slug = _unique_slug(event.title)
            while event.slug in seen_slugs:
                event.slug = f"{event.slug}-{index + 2}"
        if event.slug in RESERVED_SLUGS:
            errors.append((line, _("slug: this address is reserved.")))
            continue
        if event.slug in seen_slugs:
            errors.append(
                (line, _("slug repeats line %(line)s") % {"line": seen_slugs[event.slug]})
            )
            continue
        seen_slugs[event.slug] = line
        if event.status in (Event.Status.PLANNED, Event.Status.OPEN):
            event.submission_token = new_submission_token()
        try:
            event.full_clean()
        except ValidationError as exc:
            errors.append((line, _format_validation_error(exc)))
            continue
        events.append(event)
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
