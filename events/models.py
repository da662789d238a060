from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


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
    description = models.TextField(_("description"), blank=True, max_length=10_000)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    is_public = models.BooleanField(_("public page"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    # SECURITY: the participant link's secret; at least 128 bits from `secrets`, rotated by
    # facilitators, and honoured only while the event is open for testimonies.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
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
