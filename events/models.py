"""Events, sessions, logs and commitments. NOTE: ``Commitment.themes`` closes a foreign-key loop
(events -> coding -> testimonies -> events), safe because it names ``"coding.Code"`` as a string
and no events module imports a later app (testimonies/README.md)."""

from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from core.languages import bcp47_tag
from core.validation import text_length_errors
from events import lookups  # noqa: F401  (registers the portable ``has_item`` JSON lookup)


class ProgrammeCountry(models.Model):
    """A country where the programme runs dialogues and surveys, with its main languages."""

    country = CountryField(_("country"), unique=True)
    languages = models.JSONField(_("languages"), default=list, help_text=_("BCP 47 codes"))
    surveyed_since = models.PositiveSmallIntegerField(_("surveyed since"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme country")
        verbose_name_plural = _("programme countries")
        ordering = ["country"]

    def __str__(self) -> str:
        return str(self.country.name)


class Event(models.Model):
    class Kind(models.TextChoices):
        DIALOGUE = "dialogue", _("Dialogue")
        CONFERENCE = "conference", _("Conference")
        SUMMIT = "summit", _("Summit")
        WORKSHOP = "workshop", _("Workshop")
        EXCHANGE_SESSION = "exchange_session", _("Exchange session")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for testimonies")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.DIALOGUE)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    partner_organisations = models.JSONField(_("partner organisations"), default=list, blank=True)
    # NOTE: lists of choice values (PopulationGroup, Language), validated in clean() and filtered
    # with the portable ``has_item`` lookup (events/lookups.py).
    population_focus = models.JSONField(_("population focus"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=10_000)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    is_public = models.BooleanField(_("public page"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    # SECURITY: the participant link's secret; at least 128 bits from `secrets`, rotated by
    # facilitators, and honoured only while the event is open for testimonies.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # SECURITY: a closed event's dead link, restored if reopened within ENTENDU_REOPEN_GRACE_DAYS.
    paused_submission_token = models.CharField(max_length=64, null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="EventFacilitator", related_name="facilitated_events"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["country", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def language_labels(self) -> list[str]:
        labels = dict(language_choices())
        return [str(labels[c]) for c in self.languages or [] if c in labels]

    def population_labels(self) -> list[str]:
        return [
            PopulationGroup(c).label
            for c in self.population_focus or []
            if c in PopulationGroup.values
        ]

    def clean(self):
        errors: dict[str, list] = text_length_errors(self)
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = [_("The end must not be before the start.")]
        try:
            ZoneInfo(self.timezone or "")
        except (ZoneInfoNotFoundError, ValueError):
            errors["timezone"] = [
                _("“%(value)s” is not a known time zone.") % {"value": self.timezone}
            ]
        if not self.is_online and not (self.city or "").strip():
            errors["city"] = [_("Give a city, or mark the event as online.")]
        lists = {"languages": dict(language_choices()), "population_focus": PopulationGroup.values}
        for field, choices in lists.items():
            value = getattr(self, field)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors[field] = [_("Expected a list of codes.")]
                continue
            unknown = sorted(set(value) - set(choices))
            if unknown:
                errors[field] = [_("Unknown value: %(values)s.") % {"values": ", ".join(unknown)}]
            elif len(set(value)) != len(value):
                errors[field] = [_("A value is listed twice.")]
        partners = self.partner_organisations
        if not isinstance(partners, list) or not all(
            isinstance(p, str) and 0 < len(p) <= 200 for p in partners
        ):
            errors["partner_organisations"] = [
                _("Partner organisations must be names of at most 200 characters.")
            ]
        elif len(partners) > 50:
            errors["partner_organisations"] = [_("At most 50 partner organisations.")]
        if errors:
            raise ValidationError(errors)


class EventFacilitator(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead facilitator")
        CO = "co", _("Co-facilitator")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.CO)

    class Meta:
        verbose_name = _("event facilitator")
        verbose_name_plural = _("event facilitators")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="event_facilitator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) — {self.event}"


class PopulationGroup(models.TextChoices):
    """Self-declared groups a dialogue focuses on and attendance may be counted by."""

    WOMEN = "women", _("Women")
    OVER_65 = "over_65", _("People over 65")
    ETHNIC_MINORITIES = "ethnic_minorities", _("Ethnic minorities")
    DISABILITY = "disability", _("People with disabilities")
    LGBTQ = "lgbtq", _("LGBTQ+ people")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    """The languages the programme works in (BCP 47)."""

    EN = "en", _("English")
    FR = "fr", _("French")
    PT_BR = "pt-BR", _("Portuguese (Brazil)")
    ES = "es", _("Spanish")
    DE = "de", _("German")
    JA = "ja", _("Japanese")


def language_choices() -> list[tuple[str, str]]:
    """Language, then the interface languages configuration adds (ENTENDU_EXTRA_LANGUAGES)."""
    extra = [(bcp47_tag(c), str(n)) for c, n in settings.LANGUAGES if bcp47_tag(c) not in Language]
    return list(Language.choices) + extra


class Session(models.Model):
    class Format(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        SMALL_GROUPS = "small_groups", _("Small-group dialogue")
        PANEL = "panel", _("Panel")
        ROLE_PLAY = "role_play", _("Role play")
        WORKSHOP = "workshop", _("Workshop")
        ONLINE = "online", _("Online")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    format = models.CharField(
        _("format"), max_length=32, choices=Format.choices, default=Format.SMALL_GROUPS
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="facilitated_sessions",
        blank=True,
        verbose_name=_("facilitators"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("event session", "session")
        verbose_name_plural = pgettext_lazy("event session", "sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=24 * 60),
                name="session_duration_range",
            ),
        ]
        indexes = [models.Index(fields=["event", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes or 0)

    def clean(self):
        event = self.event if self.event_id else None
        if event and self.starts_at and not (event.starts_at <= self.starts_at <= event.ends_at):
            raise ValidationError({"starts_at": [_("The session must start during the event.")]})


def _group_count_field(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


class SessionLog(models.Model):
    """What happened in a session: counts only (never names), topics, concerns and notes."""

    # NOTE: one column per self-declared group so that counts are typed, constrained and summed
    # in SQL. Groups intersect, so the group counts may add up to more than the total; each one
    # alone never exceeds it.
    GROUP_FIELDS = {
        PopulationGroup.WOMEN: "attendance_women",
        PopulationGroup.OVER_65: "attendance_over_65",
        PopulationGroup.ETHNIC_MINORITIES: "attendance_ethnic_minorities",
        PopulationGroup.DISABILITY: "attendance_disability",
        PopulationGroup.LGBTQ: "attendance_lgbtq",
        PopulationGroup.OTHER: "attendance_other",
    }

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="log")
    attendance_total = models.PositiveIntegerField(_("total attendance"))
    attendance_women = _group_count_field(_("women"))
    attendance_over_65 = _group_count_field(_("people over 65"))
    attendance_ethnic_minorities = _group_count_field(_("ethnic minorities"))
    attendance_disability = _group_count_field(_("people with disabilities"))
    attendance_lgbtq = _group_count_field(_("LGBTQ+ people"))
    attendance_other = _group_count_field(_("other group"))
    topics_discussed = models.TextField(_("topics discussed"), blank=True, max_length=5_000)
    concerns_raised = models.TextField(_("concerns raised"), blank=True, max_length=5_000)
    notes = models.TextField(_("notes"), blank=True, max_length=10_000)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session log")
        verbose_name_plural = _("session logs")
        permissions = [("view_sessionlog_notes", _("Can read the notes of session logs"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance_total__gte=0), name="sessionlog_total_non_negative"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__gte": 0, f"{name}__lte": F("attendance_total")}),
                    name=f"sessionlog_{name}_within_total",
                )
                for name in (
                    "attendance_women",
                    "attendance_over_65",
                    "attendance_ethnic_minorities",
                    "attendance_disability",
                    "attendance_lgbtq",
                    "attendance_other",
                )
            ],
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.attendance_total}"

    def clean(self):
        errors = text_length_errors(self)
        total = self.attendance_total
        for name in self.GROUP_FIELDS.values():
            value = getattr(self, name)
            if value is not None and total is not None and value > total:
                errors[name] = [
                    _("A group count cannot exceed the total attendance (%(total)s).")
                    % {"total": total}
                ]
        if errors:
            raise ValidationError(errors)


class Commitment(models.Model):
    """An action promised at an event (or one of its sessions), followed until done."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="commitments")
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=pgettext_lazy("event session", "session"),
    )
    description = models.TextField(_("what was promised"), max_length=2_000)
    organisation = models.CharField(_("organisation"), max_length=200)
    themes = models.ManyToManyField(
        "coding.Code", related_name="commitments", blank=True, verbose_name=_("action themes")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    public_progress_note = models.TextField(_("public progress note"), blank=True, max_length=2_000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.description[:60]}"

    def clean(self):
        errors = text_length_errors(self)
        if self.session_id and self.event_id and self.session.event_id != self.event_id:
            errors["session"] = [_("This session belongs to another event.")]
        if errors:
            raise ValidationError(errors)


class CommitmentStatusChange(models.Model):
    """One change of a commitment's status: who, when, from, to, and why."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="history")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(
        _("from"), max_length=16, choices=Commitment.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=Commitment.Status.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("commitment status change")
        verbose_name_plural = _("commitment status changes")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"
