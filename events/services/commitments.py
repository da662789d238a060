"""Commitments made at events, and their status history."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import ApplicationError
from events import hooks
from events.models import Commitment, CommitmentStatusChange, Event, Session
from events.selectors import theme_choices
from events.services.common import full_clean


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
    full_clean(commitment)
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
    full_clean(commitment)
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
    full_clean(change, exclude=["commitment", "changed_by"])
    commitment.status = status
    commitment.save(update_fields=["status", "updated_at"])
    change.save()
    for notify in hooks.commitment_status_hooks:
        notify(commitment=commitment)
    return commitment
