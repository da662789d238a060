"""Testimonies: consented stories and everything that hangs off them.

The models, what each holds and who may read it are described in testimonies/README.md.
SECURITY: researchers never read ``Testimony.text``; they read ``ResearchCopy``.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from testimonies.choices import (  # noqa: F401  (the answers' choices)
    AgeBand,
    Consequence,
    Gender,
    Reason,
    TrustAffected,
    YesNo,
)
from testimonies.fields import EncryptedTextField

TEXT_MAX_LENGTH = 20_000
TITLE_MAX_LENGTH = 200
RESTORE_TRUST_MAX_LENGTH = 2_000


class Scope(models.TextChoices):
    """Consent scopes; each maps to a ``scope_<value>`` boolean on Testimony."""

    RESEARCH = "research", _("Store and analyse my story for research")
    QUOTE_ANONYMOUS = "quote_anonymous", _("Quote my story anonymously in reports")
    QUOTE_NAMED = "quote_named", _("Quote my story with my first name and country")
    QUOTE_ASK = "quote_ask", _("Ask me before each quote")
    GENDER = "gender", _("Share my gender")
    AGE_BAND = "age_band", _("Share my age band")
    ETHNIC_MINORITY = "ethnic_minority", _("Share whether I belong to an ethnic minority")
    DISABILITY = "disability", _("Share whether I have a disability")
    LGBTQ = "lgbtq", _("Share whether I am LGBTQ+")
    CONTACT = "contact", _("Contact me for follow-up")
    # Spoken stories (issue 19, the voice app): both only mean something for a recording.
    VOICE_KEEP = "voice_keep", _("Keep my recording after I confirm the transcript")
    VOICE_LISTEN = "voice_listen", _("Researchers may listen to my recording")


VOICE_SCOPES = (Scope.VOICE_KEEP, Scope.VOICE_LISTEN)

CHARACTERISTIC_SCOPES = (
    Scope.GENDER,
    Scope.AGE_BAND,
    Scope.ETHNIC_MINORITY,
    Scope.DISABILITY,
    Scope.LGBTQ,
)


class ConsentText(models.Model):
    language = models.CharField(_("language"), max_length=16, help_text=_("BCP 47 code"))
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20_000)
    sha256 = models.CharField(_("SHA-256 of the text"), max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["language", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["language", "version"], name="consent_text_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language} v{self.version})"


class Channel(models.TextChoices):
    ONLINE = "online", _("Online form")
    FACILITATOR = "facilitator", _("Entered by a facilitator")
    IMPORT = "import", _("Bulk import")
    API = "api", _("API")
    QDA_IMPORT = "qda_import", _("Imported from a QDA project")


class ConsentMethod(models.TextChoices):
    ONLINE = "online", _("Online form")
    PAPER = "paper", _("Paper form")
    SPOKEN = "spoken", _("Spoken")
    IMPORTED = "imported", _("Survey tool (imported)")


class Testimony(models.Model):
    __test__ = False  # NOTE: not a pytest test class, despite the name.

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # The receipt id; public, unguessable, used in URLs instead of the database id.
    public_id = models.UUIDField(_("receipt id"), default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="testimonies")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="testimonies",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="testimonies_entered",
        help_text=_("The facilitator who entered the story and witnessed the consent"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    consent_method = models.CharField(
        _("how consent was given"), max_length=16, choices=ConsentMethod.choices
    )
    consent_text = models.ForeignKey(
        ConsentText, on_delete=models.PROTECT, related_name="testimonies"
    )
    consent_given_at = models.DateTimeField(_("consent given at"))

    scope_research = models.BooleanField(default=False)
    scope_quote_anonymous = models.BooleanField(default=False)
    scope_quote_named = models.BooleanField(default=False)
    scope_quote_ask = models.BooleanField(default=False)
    scope_gender = models.BooleanField(default=False)
    scope_age_band = models.BooleanField(default=False)
    scope_ethnic_minority = models.BooleanField(default=False)
    scope_disability = models.BooleanField(default=False)
    scope_lgbtq = models.BooleanField(default=False)
    scope_contact = models.BooleanField(default=False)
    scope_voice_keep = models.BooleanField(default=False)
    scope_voice_listen = models.BooleanField(default=False)

    # The original story: erased on full withdrawal.
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH, blank=True)
    text = models.TextField(_("story"), max_length=TEXT_MAX_LENGTH, blank=True)
    declared_language = models.CharField(_("language"), max_length=16, blank=True)
    first_name = models.CharField(
        _("first name for quotes"),
        max_length=100,
        blank=True,
        help_text=_("Only with consent to be quoted with first name and country"),
    )
    trust_affected = models.CharField(
        _("did it affect your trust?"), max_length=8, choices=TrustAffected.choices, blank=True
    )
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    consequences = models.JSONField(_("consequences"), default=list, blank=True)
    restore_trust = models.TextField(
        _("what would restore your trust"), max_length=RESTORE_TRUST_MAX_LENGTH, blank=True
    )

    # SECURITY: SHA-256 of the withdrawal code's secret part (of the whole code for codes made
    # before testimonies.withdrawal_codes); the code itself is never stored.
    withdrawal_code_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The withdrawal code's public part: random, names the story so wrong secrets for it can be
    # counted against it (testimonies.ratelimit). Empty (NULL) for codes of the older format.
    withdrawal_id = models.CharField(max_length=8, null=True, unique=True, editable=False)
    # Idempotency: a hash of (the caller's scope, SHA-256 of the submission key), never the key
    # (with the caller's scope and the server's secret it derives the withdrawal code shown again
    # on a retried POST, see services.submission_key_hash and withdrawal_code_for_key).
    submission_key_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    # HMAC of the normalised payload sent with the key: the same key with another payload is a
    # conflict (services.submission_payload_hash). Empty for rows saved before it existed.
    submission_payload_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    processed_at = models.DateTimeField(_("follow-up work done at"), null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")
        ordering = ["-submitted_at"]
        permissions = [
            ("view_original_text", _("Can read the original, unredacted text of a testimony")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "submission_key_hash"],
                condition=Q(submission_key_hash__isnull=False),
                name="testimony_submission_key_unique",
            ),
            # An active story always has consent for research.
            models.CheckConstraint(
                condition=Q(status="withdrawn") | Q(scope_research=True),
                name="testimony_active_has_research_consent",
            ),
            # A tombstone keeps no text.
            models.CheckConstraint(
                condition=Q(status="active") | (Q(text="") & Q(title="") & Q(restore_trust="")),
                name="testimony_withdrawn_has_no_text",
            ),
            models.CheckConstraint(
                condition=Q(scope_quote_named=True) | Q(first_name=""),
                name="testimony_first_name_needs_scope",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["status", "-submitted_at"]),
            models.Index(fields=["participant", "-submitted_at"]),
            models.Index(fields=["entered_by", "-submitted_at"]),
            # The dashboards read every story open to research (issue 22): this narrow copy of
            # the columns they group and filter on lets PostgreSQL answer from the index alone
            # (an index-only scan) instead of reading each row with its text.
            models.Index(
                fields=["id"],
                include=[
                    "event",
                    "submitted_at",
                    "declared_language",
                    "trust_affected",
                    "scope_gender",
                    "scope_age_band",
                    "scope_ethnic_minority",
                    "scope_disability",
                    "scope_lgbtq",
                ],
                condition=Q(status="active", scope_research=True),
                name="testimony_analysis_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"Testimony {self.public_id}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def scopes(self) -> list[str]:
        return [s.value for s in Scope if getattr(self, f"scope_{s.value}")]


class TestimonyCharacteristics(models.Model):
    """Self-identified characteristics; each value is stored only with its own scope."""

    __test__ = False

    testimony = models.OneToOneField(
        Testimony, on_delete=models.CASCADE, related_name="characteristics"
    )
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=16, choices=AgeBand.choices, blank=True)
    ethnic_minority = models.CharField(
        _("ethnic minority"), max_length=16, choices=YesNo.choices, blank=True
    )
    disability = models.CharField(_("disability"), max_length=16, choices=YesNo.choices, blank=True)
    lgbtq = models.CharField(_("LGBTQ+"), max_length=16, choices=YesNo.choices, blank=True)

    class Meta:
        verbose_name = _("characteristics")
        verbose_name_plural = _("characteristics")

    def __str__(self) -> str:
        return f"Characteristics of {self.testimony_id}"


class ContactDetails(models.Model):
    """How to reach a participant for follow-up; encrypted, stored apart from the story."""

    testimony = models.OneToOneField(Testimony, on_delete=models.CASCADE, related_name="contact")
    # SECURITY: Fernet-encrypted at rest with settings.FIELD_ENCRYPTION_KEY.
    name = EncryptedTextField(_("name"), blank=True)
    email = EncryptedTextField(_("e-mail address"), blank=True)
    phone = EncryptedTextField(_("phone number"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return f"Contact for {self.testimony_id}"


class ResearchCopy(models.Model):
    """What researchers read: the story with direct identifiers replaced by typed placeholders."""

    class Method(models.TextChoices):
        RULES = "rules", _("Rule-based (e-mail addresses, phone numbers)")
        SPACY = "spacy", _("spaCy named entities and rules")
        # The text as the QDA project held it: its codings' positions refer to it.
        IMPORTED = "imported", _("Kept as imported from a QDA project")

    testimony = models.OneToOneField(
        Testimony, on_delete=models.CASCADE, related_name="research_copy"
    )
    redacted_title = models.CharField(max_length=TITLE_MAX_LENGTH * 2, blank=True)
    redacted_text = models.TextField(blank=True)
    redacted_restore_trust = models.TextField(blank=True)
    redaction_method = models.CharField(max_length=16, choices=Method.choices)
    redaction_version = models.CharField(max_length=32)
    detected_language = models.CharField(max_length=16, blank=True)
    language_confidence = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("research copy")
        verbose_name_plural = _("research copies")
        constraints = [
            models.CheckConstraint(
                condition=Q(language_confidence__isnull=True)
                | (Q(language_confidence__gte=0) & Q(language_confidence__lte=1)),
                name="research_copy_confidence_range",
            )
        ]
        indexes = [models.Index(fields=["detected_language"])]

    def __str__(self) -> str:
        return f"Research copy of {self.testimony_id}"

    @property
    def language(self) -> str:
        return self.detected_language or self.testimony.declared_language


class ConsentChange(models.Model):
    """Audit trail of a testimony's consent: scopes only, never text."""

    class Kind(models.TextChoices):
        GIVEN = "given", _("Consent given")
        NARROWED = "narrowed", _("Scopes withdrawn")
        WITHDRAWN = "withdrawn", _("Withdrawn entirely")
        QUOTE_REQUESTED = "quote_requested", _("Quote requested")
        QUOTE_APPROVED = "quote_approved", _("Quote approved")
        QUOTE_DECLINED = "quote_declined", _("Quote declined")

    class Actor(models.TextChoices):
        PARTICIPANT = "participant", _("Participant (signed in)")
        CODE = "code", _("Participant (withdrawal code)")
        FACILITATOR = "facilitator", _("Facilitator")
        IMPORT = "import", pgettext_lazy("channel", "Import")
        ADMIN = "admin", _("Administrator")
        RESEARCHER = "researcher", _("Researcher")

    testimony = models.ForeignKey(Testimony, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    actor = models.CharField(max_length=16, choices=Actor.choices)
    scopes = models.JSONField(default=list, help_text=_("Scopes given or withdrawn"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent change")
        verbose_name_plural = _("consent changes")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.testimony_id}"


class OriginalTextAccess(models.Model):
    """One row each time someone reads an original (unredacted) story: who, when, which."""

    testimony = models.ForeignKey(Testimony, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    via = models.CharField(max_length=16, default="web")

    class Meta:
        verbose_name = _("original text access")
        verbose_name_plural = _("original text accesses")
        ordering = ["-at"]
        indexes = [models.Index(fields=["testimony", "-at"]), models.Index(fields=["user", "-at"])]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.testimony_id} at {self.at}"


# The loop's models (issue 20), in their own module; importing them here registers them.
from testimonies.models_loop import CommitmentQuote, FollowUp, OwnReading, QuoteRequest  # noqa
