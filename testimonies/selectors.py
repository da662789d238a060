"""Reads. Every selector that returns stories is scoped to the user asking."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.roles import EVENT_TEAM, RESEARCH_TEAM, user_has_role
from events import selectors as events_selectors
from events.models import Event
from testimonies import hooks
from testimonies.models import (
    ConsentText,
    OriginalTextAccess,
    ResearchCopy,
    Scope,
    Testimony,
)

SCOPE_FIELDS = {s.value: f"scope_{s.value}" for s in Scope}


def event_for_submission_token(*, token: str) -> Event | None:
    """The event whose participant link carries ``token``, only while it is open; else None."""
    try:
        return events_selectors.event_for_submission_token(token=token)
    except Http404:
        return None


def consent_text_current(*, language: str) -> ConsentText | None:
    """The latest consent text version in ``language`` (or its base language), else English."""
    candidates = [language, language.split("-")[0], "en"]
    for code in dict.fromkeys(c for c in candidates if c):
        text = ConsentText.objects.filter(language__iexact=code).order_by("-version").first()
        if text is not None:
            return text
    return None


def consent_text_version(*, language: str, version: int) -> ConsentText | None:
    """One published version of the consent text, as a client names it (language, version)."""
    return ConsentText.objects.filter(language__iexact=language, version=version).first()


def consent_text_is_used(*, consent_text: ConsentText) -> bool:
    return Testimony.objects.filter(consent_text=consent_text).exists()


def testimony_counts_for_event(*, event) -> dict:
    """Counts only, never text: safe for facilitators' dashboards.

    ``total`` counts active stories; ``withdrawn`` the tombstones; ``by_language`` uses the
    detected language, else the declared one; ``by_scope`` counts active stories per scope;
    ``by_theme`` is filled by the coding app through ``hooks.theme_counter_hooks``.
    """
    qs = Testimony.objects.filter(event=event)
    aggregates = {"total": Count("id", filter=Q(status=Testimony.Status.ACTIVE))}
    aggregates["withdrawn"] = Count("id", filter=Q(status=Testimony.Status.WITHDRAWN))
    for scope, field in SCOPE_FIELDS.items():
        aggregates[f"scope__{scope}"] = Count(
            "id", filter=Q(status=Testimony.Status.ACTIVE, **{field: True})
        )
    row = qs.aggregate(**aggregates)
    active = qs.filter(status=Testimony.Status.ACTIVE)
    by_language: dict[str, int] = {}
    for item in active.values("research_copy__detected_language", "declared_language").annotate(
        n=Count("id")
    ):
        language = item["research_copy__detected_language"] or item["declared_language"] or "und"
        by_language[language] = by_language.get(language, 0) + item["n"]
    by_theme: dict = {}
    for counter in hooks.theme_counter_hooks:
        by_theme.update(counter(active.values("id")))
    return {
        "total": row["total"],
        "withdrawn": row["withdrawn"],
        "by_language": dict(sorted(by_language.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_scope": {scope: row[f"scope__{scope}"] for scope in SCOPE_FIELDS},
        "by_theme": by_theme,
    }


def testimony_totals_for_events(*, events) -> dict[int, dict[str, int]]:
    """``{event_id: {"total": active, "withdrawn": n}}`` for many events in one query."""
    rows = (
        Testimony.objects.filter(event__in=events)
        .values("event_id")
        .annotate(
            total=Count("id", filter=Q(status=Testimony.Status.ACTIVE)),
            withdrawn=Count("id", filter=Q(status=Testimony.Status.WITHDRAWN)),
        )
    )
    totals = {
        row["event_id"]: {"total": row["total"], "withdrawn": row["withdrawn"]} for row in rows
    }
    return {event.pk: totals.get(event.pk, {"total": 0, "withdrawn": 0}) for event in events}


def research_copies_for_user(*, user) -> QuerySet[ResearchCopy]:
    """Research copies a user may read: researchers and admins only, and only of stories that
    are active (not withdrawn) and whose consent covers research.

    SECURITY: returns ResearchCopy rows (redacted text); ``testimony`` is joined for its event,
    dates and scopes, with the original text deferred. Never render ``testimony.text`` from this.
    """
    if not user_has_role(user, *RESEARCH_TEAM):
        return ResearchCopy.objects.none()
    return (
        ResearchCopy.objects.filter(
            testimony__status=Testimony.Status.ACTIVE, testimony__scope_research=True
        )
        .select_related("testimony", "testimony__event", "testimony__characteristics")
        .defer("testimony__text", "testimony__title", "testimony__restore_trust")
        .order_by("-testimony__submitted_at", "-id")
    )


def quotable_research_copies_for_user(*, user, named: bool = False) -> QuerySet[ResearchCopy]:
    """Research copies that may be quoted in reports: anonymously (``scope_quote_anonymous`` or
    ``scope_quote_named``), or, with ``named``, with first name and country only. Reads the live
    flags, so a withdrawn quote scope disappears at once."""
    # "Ask me before each quote": never the whole story; passages go one by one (issue 20).
    copies = research_copies_for_user(user=user).filter(testimony__scope_quote_ask=False)
    if named:
        return copies.filter(testimony__scope_quote_named=True)
    return copies.filter(
        Q(testimony__scope_quote_anonymous=True) | Q(testimony__scope_quote_named=True)
    )


def testimonies_for_participant(*, user) -> QuerySet[Testimony]:
    """A signed-in participant's own stories (their receipts), withdrawn ones included."""
    if not user.is_authenticated:
        return Testimony.objects.none()
    return (
        Testimony.objects.filter(participant=user)
        .select_related("event", "consent_text")
        .order_by("-submitted_at")
    )


def testimonies_entered_by(*, user) -> QuerySet[Testimony]:
    """Stories a facilitator entered themselves: the only texts a facilitator may read."""
    if not user_has_role(user, *EVENT_TEAM):
        return Testimony.objects.none()
    return (
        Testimony.objects.filter(entered_by=user).select_related("event").order_by("-submitted_at")
    )


def consent_texts_with_use() -> QuerySet[ConsentText]:
    """Every consent text version, newest first per language, with ``is_used`` annotated."""
    return (
        ConsentText.objects.annotate(
            is_used=Exists(Testimony.objects.filter(consent_text=OuterRef("pk")))
        )
        .select_related("created_by")
        .order_by("language", "-version")
    )


def user_can_read_original(*, user, testimony: Testimony) -> bool:
    """Holders of the explicit grant, and the facilitator who entered this story themselves."""
    if not user.is_authenticated:
        return False
    if user.has_perm("testimonies.view_original_text"):
        return True
    return testimony.entered_by_id == user.pk and user_has_role(user, *EVENT_TEAM)


def original_text_accesses() -> QuerySet[OriginalTextAccess]:
    return OriginalTextAccess.objects.select_related("user", "testimony").order_by("-at", "-id")


def original_text_grant_holders():
    """Users holding the explicit grant directly (superusers hold every permission anyway)."""
    from accounts.models import User

    return User.objects.filter(
        user_permissions__codename="view_original_text",
        user_permissions__content_type__app_label="testimonies",
    ).order_by("email")


# The loop's reads other apps use (issue 20); their home is ``selectors_loop``.
from testimonies.selectors_loop import own_reading_for_research  # noqa: E402, F401
