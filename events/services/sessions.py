"""Sessions of an event and their logs (counts only, never a name)."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import ApplicationError
from events.models import Event, Session, SessionLog
from events.services.common import full_clean


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
    duration_minutes: int | None = None,
    format: str | None = None,
    facilitators: Iterable[User] = (),
) -> Session:
    # NOTE: the API documents both as optional (the model has defaults): the service agrees.
    if duration_minutes is None:
        duration_minutes = Session._meta.get_field("duration_minutes").get_default()
    if format is None:
        format = Session._meta.get_field("format").get_default()
    facilitators = _check_session_facilitators(event=event, facilitators=facilitators)
    session = Session(
        event=event,
        title=title,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        format=format,
    )
    full_clean(session)
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
    full_clean(session)
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
    full_clean(log)
    log.save()
    return log
