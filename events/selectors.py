import logging
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.roles import EVENT_TEAM, Role, user_has_role
from events import hooks
from events.models import (
    Commitment,
    Event,
    EventFacilitator,
    Session,
    SessionLog,
)

# NOTE: the overview lives in its own module (size); its callers import it from here.
from events.overview import programme_overview  # noqa: F401

logger = logging.getLogger(__name__)

SUBMISSION_TOKEN_MAX_LENGTH = 64
NOTES_PERMISSION = "events.view_sessionlog_notes"


# Events ---------------------------------------------------------------------------------------


def event_list_for_user(*, user) -> QuerySet[Event]:
    """Events a user may see in the facilitator pages: admins and researchers all, facilitators
    those they facilitate, anyone else none."""
    if user_has_role(user, Role.ADMIN, Role.RESEARCHER):
        return Event.objects.all()
    if user_has_role(user, Role.FACILITATOR):
        # NOTE: a subquery rather than a join, so that no DISTINCT is needed and annotations
        # (counts, sums) over the result stay correct.
        return Event.objects.filter(
            Exists(EventFacilitator.objects.filter(event=OuterRef("pk"), user=user))
        )
    return Event.objects.none()


def dashboard_context(*, user) -> dict:
    """The starting page's "Your events" (registered with ``core.dashboard``)."""
    if not user_has_role(user, *EVENT_TEAM):
        return {}
    return {"events": event_list_for_user(user=user).order_by("-starts_at")[:20]}


def event_editable_for_user(*, user) -> QuerySet[Event]:
    """Events a user may change: admins all, facilitators those they facilitate."""
    if user_has_role(user, Role.ADMIN):
        return Event.objects.all()
    if user_has_role(user, Role.FACILITATOR):
        return Event.objects.filter(
            Exists(EventFacilitator.objects.filter(event=OuterRef("pk"), user=user))
        )
    return Event.objects.none()


def event_get_for_user(*, user, slug: str) -> Event:
    return get_object_or_404(event_list_for_user(user=user), slug=slug)


def event_get_editable(*, user, slug: str) -> Event:
    return get_object_or_404(event_editable_for_user(user=user), slug=slug)


def user_can_edit_event(*, user, event: Event) -> bool:
    return event_editable_for_user(user=user).filter(pk=event.pk).exists()


def user_can_read_log_notes(*, user, event: Event | None = None) -> bool:
    """Admins and the event's facilitators read notes; researchers only with the permission."""
    if user_has_role(user, Role.ADMIN):
        return True
    if user.is_active and user.has_perm(NOTES_PERMISSION):
        return True
    if event is not None and user_has_role(user, Role.FACILITATOR):
        return EventFacilitator.objects.filter(event=event, user=user).exists()
    return False


# The event list's "demo" filter (the programme overview links to "real" once real events exist).
DEMO_FILTERS = {"real": False, "demo": True}


def event_list_filtered(
    *,
    queryset: QuerySet[Event],
    country: str = "",
    year: int | None = None,
    status: str = "",
    population: str = "",
    kind: str = "",
    language: str = "",
    q: str = "",
    demo: str = "",
) -> QuerySet[Event]:
    if demo in DEMO_FILTERS:
        queryset = queryset.filter(is_demo=DEMO_FILTERS[demo])
    if country:
        queryset = queryset.filter(country=country)
    if year:
        queryset = queryset.filter(starts_at__year=year)
    if status:
        queryset = queryset.filter(status=status)
    if population:
        queryset = queryset.filter(population_focus__has_item=population)
    if kind:
        queryset = queryset.filter(kind=kind)
    if language:
        queryset = queryset.filter(languages__has_item=language)
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(city__icontains=q))
    return queryset


def event_list_with_figures(*, queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Events with their session and attendance figures, in one query."""
    return queryset.annotate(
        session_count=Count("sessions", distinct=True),
        attendance=Sum("sessions__log__attendance_total"),
    ).order_by("-starts_at", "id")


def event_years(*, queryset: QuerySet[Event]) -> list[int]:
    """The years from the latest event back to the first one (one cheap aggregate)."""
    bounds = queryset.order_by().aggregate(first=Min("starts_at"), last=Max("starts_at"))
    if bounds["first"] is None:
        return []
    return list(range(bounds["last"].year, bounds["first"].year - 1, -1))


def event_countries(*, queryset: QuerySet[Event]) -> list[tuple[str, str]]:
    """The countries the given events happen in, as (code, name) sorted by name."""
    codes = queryset.order_by().values_list("country", flat=True).distinct()
    return sorted(((c, countries.name(c) or c) for c in codes), key=lambda pair: pair[1])


def event_members(*, event: Event) -> QuerySet[EventFacilitator]:
    return event.memberships.select_related("user").order_by("-role", "user__email")


def event_memberships_of(*, user, person) -> QuerySet[EventFacilitator]:
    """The events ``person`` facilitates, for an admin (anyone else: none)."""
    if not user_has_role(user, Role.ADMIN):
        return EventFacilitator.objects.none()
    return (
        EventFacilitator.objects.filter(user=person)
        .select_related("event")
        .order_by("-event__starts_at", "pk")
    )


def person_links(*, person) -> list[tuple[str, str]]:
    """The people page's link to this person's events (``accounts.hooks.person_link_hooks``)."""
    return [(_("Events this person facilitates"), reverse("person_events:list", args=[person.pk]))]


# Participant link -----------------------------------------------------------------------------


def event_for_submission_token(*, token: str) -> Event:
    """The open event a participant link belongs to, or Http404.

    SECURITY: the token is matched by an equality lookup on a unique, indexed column, so the
    comparison happens in the database and leaks no timing about partial matches in Python. It is
    never logged. A planned, closed or archived event's token does not work.
    """
    if not isinstance(token, str) or not (20 <= len(token) <= SUBMISSION_TOKEN_MAX_LENGTH):
        raise Http404("No open event for this link.")
    try:
        return Event.objects.get(submission_token=token, status=Event.Status.OPEN)
    except Event.DoesNotExist:
        raise Http404("No open event for this link.") from None


def reopen_grace_days() -> int:
    return max(0, int(getattr(settings, "ENTENDU_REOPEN_GRACE_DAYS", 14)))


def event_reopen_deadline(*, event: Event):
    """Until when reopening ``event`` restores its old participant link, or None (not closed,
    or no link kept)."""
    if event.status != Event.Status.CLOSED or not event.paused_submission_token:
        return None
    if event.closed_at is None:
        return None
    return event.closed_at + timedelta(days=reopen_grace_days())


def event_reopen_keeps_link(*, event: Event, now=None) -> bool:
    """Whether reopening ``event`` now restores its old participant link (closed within the
    grace period; the printed QR codes keep working)."""
    deadline = event_reopen_deadline(event=event)
    return deadline is not None and (now or timezone.now()) <= deadline


# Sessions, logs, commitments ------------------------------------------------------------------


def session_list_for_user(*, user) -> QuerySet[Session]:
    return Session.objects.filter(event__in=event_list_for_user(user=user))


def session_list_for_event(*, event: Event) -> QuerySet[Session]:
    return (
        event.sessions.select_related("log")
        .prefetch_related("facilitators")
        .order_by("starts_at", "id")
    )


def session_log_list_for_user(*, user) -> QuerySet[SessionLog]:
    return SessionLog.objects.filter(session__event__in=event_list_for_user(user=user))


def commitment_list_for_user(*, user) -> QuerySet[Commitment]:
    return Commitment.objects.filter(event__in=event_list_for_user(user=user))


def _theme_model():
    """The coding app's ``Code``, reached through ``Commitment.themes``' string reference.

    NOTE: events is an earlier layer than coding and imports none of its Python; the foreign
    key loop (events -> coding -> testimonies -> events) lives only in the database schema.
    """
    return Commitment._meta.get_field("themes").related_model


def _themes_in_order() -> Prefetch:
    return Prefetch("themes", queryset=_theme_model().objects.order_by("position", "id"))


def commitment_list_for_event(*, event: Event) -> QuerySet[Commitment]:
    return (
        event.commitments.select_related("session")
        .prefetch_related(_themes_in_order())
        .order_by("due_date", "id")
    )


def theme_choices() -> QuerySet:
    """The action themes commitments may name, from the app that owns codebooks (coding, through
    ``hooks.theme_source_hooks``); none while no app provides them."""
    for source in hooks.theme_source_hooks:
        return source()
    return _theme_model().objects.none()


# Seconds a process keeps the themes it read for ``themes_kept`` (a participant's receipt asks for
# their names on every story): a change shows there within this time, and at once in the process
# that made it (``themes_kept_forget``, on every save or delete of a theme or codebook).
THEMES_KEPT_SECONDS = 60
_kept_themes: dict[str, Any] = {"until": 0.0, "themes": ()}


def themes_kept() -> tuple:
    """``theme_choices()`` as read at most ``THEMES_KEPT_SECONDS`` ago by this process: for pages
    that show the themes' names (read-only; a write checks against ``theme_choices()``)."""
    now = time.monotonic()
    if now >= _kept_themes["until"]:
        _kept_themes["themes"] = tuple(theme_choices())
        _kept_themes["until"] = now + THEMES_KEPT_SECONDS
    return _kept_themes["themes"]


def themes_kept_forget(**_signal) -> None:
    _kept_themes["until"] = 0.0


def themes_kept_models() -> tuple:
    """The models whose changes ``themes_kept_forget`` listens to: the theme and its codebook."""
    theme = _theme_model()
    return theme, theme._meta.get_field("codebook").related_model


# Figures --------------------------------------------------------------------------------------


def _testimony_counts(*, event: Event) -> dict[str, Any]:
    """Testimonies received (counts only, never text), from whichever app registered in
    ``hooks.testimony_count_hooks`` (the testimonies app, in its ``AppConfig.ready()``)."""
    counts: dict[str, Any] = {}
    for provider in hooks.testimony_count_hooks:
        counts.update(provider(event=event))
    return counts


def event_figures(*, event: Event) -> dict[str, Any]:
    """Sessions held, attendance, commitments by status, testimonies received."""
    sessions = Session.objects.filter(event=event).aggregate(
        planned=Count("id"),
        held=Count("id", filter=Q(log__isnull=False)),
        attendance=Sum("log__attendance_total"),
        **{f"sum_{name}": Sum(f"log__{name}") for name in SessionLog.GROUP_FIELDS.values()},
    )
    groups = [
        (group, SessionLog._meta.get_field(name).verbose_name, sessions[f"sum_{name}"])
        for group, name in SessionLog.GROUP_FIELDS.items()
    ]
    by_status = dict(
        event.commitments.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    commitments = [
        (status, label, by_status.get(status, 0)) for status, label in Commitment.Status.choices
    ]
    return {
        "sessions_planned": sessions["planned"],
        "sessions_held": sessions["held"],
        "attendance": sessions["attendance"] or 0,
        "groups": groups,
        "commitments": commitments,
        "commitments_total": sum(by_status.values()),
        "testimonies": _testimony_counts(event=event),
    }


# Public page ----------------------------------------------------------------------------------


def public_event_get(*, slug: str) -> Event:
    """An event whose facilitators chose to publish its "You said, we did" page."""
    return get_object_or_404(Event.objects.filter(is_public=True), slug=slug)


def public_event_commitments(*, event: Event) -> QuerySet[Commitment]:
    """The public fields only: what was promised, by whom, themes, status and progress note.
    Dropped commitments stay listed: saying so is part of closing the loop."""
    return (
        event.commitments.only(
            "id",
            "event_id",
            "description",
            "organisation",
            "status",
            "due_date",
            "public_progress_note",
            "updated_at",
        )
        .prefetch_related(_themes_in_order())
        .order_by("status", "due_date", "id")
    )


def commitment_quotes(*, commitments) -> dict[int, list[str]]:
    """The approved anonymous quotes tied to each commitment (from testimonies, through
    ``hooks.commitment_quote_hooks``): passages only, never a name."""
    found: dict[int, list[str]] = {}
    for provider in hooks.commitment_quote_hooks:
        for pk, quotes in provider(commitments=commitments).items():
            found.setdefault(pk, []).extend(quotes)
    return found


def public_event_figures(*, event: Event) -> dict[str, Any]:
    """Aggregates only: sessions held and attendance. Never a story, never a note."""
    figures = Session.objects.filter(event=event).aggregate(
        held=Count("id", filter=Q(log__isnull=False)),
        attendance=Sum("log__attendance_total"),
    )
    return {"sessions_held": figures["held"], "attendance": figures["attendance"] or 0}
