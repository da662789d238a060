"""Events: create, edit, open and close them, their participant link and facilitators."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role, user_has_role
from audit.models import Action
from audit.services import audit_record
from core.exceptions import ApplicationError
from events.models import Event, EventFacilitator
from events.selectors import event_reopen_keeps_link
from events.services.common import RESERVED_SLUGS, full_clean, new_submission_token, unique_slug

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
# be reopened for testimonies (with the same link within ENTENDU_REOPEN_GRACE_DAYS, else a new one).
EVENT_TRANSITIONS = {
    Event.Status.PLANNED: {Event.Status.OPEN, Event.Status.CLOSED},
    Event.Status.OPEN: {Event.Status.CLOSED},
    Event.Status.CLOSED: {Event.Status.OPEN, Event.Status.ARCHIVED},
    Event.Status.ARCHIVED: set(),
}


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
    event.slug = slug or unique_slug(fields.get("title", ""))
    event.submission_token = new_submission_token()
    full_clean(event)
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
    full_clean(event)
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
    if status == Event.Status.OPEN:
        _link_for_reopening(event)
    elif status == Event.Status.CLOSED:
        # SECURITY: the participant link stops working at once; it is kept aside, dead, so
        # reopening within the grace period restores it (printed QR codes keep working).
        event.paused_submission_token = event.submission_token
        event.submission_token = None
        event.closed_at = timezone.now()
    elif status == Event.Status.ARCHIVED:
        event.submission_token = None
        event.paused_submission_token = None
    event.status = status
    event.save(
        update_fields=[
            "status",
            "submission_token",
            "paused_submission_token",
            "closed_at",
            "updated_at",
        ]
    )
    return event


def _link_for_reopening(event: Event) -> None:
    """Opening: the link kept while closed (within the grace period), else a new one."""
    if not event.submission_token:
        event.submission_token = (
            event.paused_submission_token
            if event_reopen_keeps_link(event=event)
            else new_submission_token()
        )
    event.paused_submission_token = None
    event.closed_at = None


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
    elif not created:
        return membership
    audit_record(
        action=Action.FACILITATOR_ADDED, target=event, details={"user": user.pk, "role": role}
    )
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
    audit_record(action=Action.FACILITATOR_REMOVED, target=event, details={"user": user_id})
