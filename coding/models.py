"""Coding: codebooks, codes, code applications, memos and the records agreement work needs.

For the other engineers (NLP, testimonies, analysis):

- ``Codebook`` / ``Code`` — codes nest through ``Code.parent``; the default codebook
  (``is_default``; read it with ``selectors.codebook_default()``) has the six action themes at
  its top level, keyed ``education``, ``research``, ``community``, ``person_centred``,
  ``communication``, ``workforce``, with sub-codes under them.
  ``Code.guid`` is the stable REFI-QDA identifier; a merged code is archived
  (``is_archived=True``, ``merged_into`` = the survivor) and keeps no application.
- ``Code.translations`` — its texts per language (``coding/translations.py``); read them with
  ``code.text(field)`` / ``code.label`` (reader's language, falling back to English).
- ``CodeApplication`` — one code applied to one story (``testimony``, a ``testimonies.Testimony``)
  on its RESEARCH COPY (``ResearchCopy.redacted_text``):
    * ``start``/``end``: offsets in Unicode code points (Python ``str`` indices), end exclusive
      (the REFI-QDA convention); both null for a document-level application.
    * ``coder``: the researcher; null for a machine suggestion. ``source``: ``human`` or
      ``machine``. ``comment``, ``created_at``.
    * machine only: ``confidence`` (0..1), ``model_version``, ``evidence_start``/``evidence_end``
      (the span that triggered the suggestion, same convention), ``status``: ``suggested``,
      ``accepted`` or ``rejected``. A human application is always ``accepted``.
    * Accepting a suggestion keeps the machine row (status ``accepted``, ``reviewed_by``,
      ``reviewed_at``) and creates the researcher's own human application (``suggestion`` points
      back to it). Rejecting keeps the row (status ``rejected``) for learning.
    * Idempotency: at most one machine row per (testimony, code) at document level and per
      (testimony, code, start, end) on a span, whatever the model version. Coding owns every
      write to them: the NLP tasks write a batch with ``services.suggestions_bulk_write(...)``,
      one suggestion is written with ``services.suggestion_record(...)``, both on the same rules
      (``coding/services/suggestions.py``: get-or-create on those keys, a pending row refreshed,
      a reviewed row never touched again), so running a task twice adds nothing.
- ``Memo`` — on a story, on a code, or on the project (``kind``).
- ``CodingCompletion`` — a coder finished a story (agreement counts absences only from them).
- ``Reconciliation`` — the team's decision on a (story, code) disagreement.
- ``CodebookVersion`` — a JSON snapshot of a codebook after each change.

Erasure: ``coding.services.erase_for_testimony`` is registered with
``testimonies.hooks.erasure_hooks``; a full withdrawal deletes the story's applications, memos,
completions and reconciliations.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from coding.translations import TranslatedText, code_text, code_translated, translations_clean


class Codebook(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("default codebook"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("codebook")
        verbose_name_plural = _("codebooks")
        ordering = ["-is_default", "name"]
        permissions = [
            ("manage_codebook", _("Can add, rename, move, merge and import codes")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_codebook"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Code(models.Model):
    """A code in a codebook; codes nest. The six action themes are the default top level."""

    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    key = models.SlugField(_("key"), max_length=100, help_text=_("Stable identifier"))
    translations = models.JSONField(
        _("texts in each language"),
        default=dict,
        help_text=_("Label, description, criteria and example by language; English required"),
    )
    colour = models.CharField(_("colour"), max_length=7, default="#1f5f8b")
    is_codable = models.BooleanField(_("codable"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    guid = models.UUIDField(_("REFI-QDA identifier"), default=uuid.uuid4, unique=True)
    is_exclusive_group = models.BooleanField(
        _("sub-codes are mutually exclusive"),
        default=False,
        help_text=_("A coder chooses at most one of its sub-codes for a story"),
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_codes",
        verbose_name=_("merged into"),
    )
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["codebook", "key"], name="code_key_unique"),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="code_colour_hex"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="code_not_its_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(translations__has_key="en"), name="code_translations_has_english"
            ),
        ]
        indexes = [models.Index(fields=["codebook", "parent", "position"])]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        try:
            self.translations = translations_clean(self.translations)
        except ValidationError as error:
            raise ValidationError({"translations": error.messages}) from error

    def text(self, field: str, language: str | None = None) -> TranslatedText:
        """A text in ``language`` (default: the reader's), English with a marker when missing."""
        return code_translated(self, field, language)

    @property
    def label(self) -> str:
        """The label in the reader's language (plain text; English when it has none)."""
        return code_text(self, "label")[0]

    @property
    def description(self) -> str:
        return code_text(self, "description")[0]

    @property
    def label_marked(self) -> SafeString:  # for pages: ``lang`` and the fallback marker
        return self.text("label").html


class CodebookVersion(models.Model):
    """A snapshot of a codebook (every code and its fields) taken after each change."""

    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    summary = models.CharField(_("change"), max_length=300)
    snapshot = models.JSONField(_("snapshot"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("codebook version")
        verbose_name_plural = _("codebook versions")
        ordering = ["codebook", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["codebook", "number"], name="codebook_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.codebook} v{self.number}"


class CodeApplication(models.Model):
    """One code on one story's research copy, on a span or the whole document (see above)."""

    class Source(models.TextChoices):
        HUMAN = "human", _("Researcher")
        MACHINE = "machine", _("Machine suggestion")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    testimony = models.ForeignKey(
        "testimonies.Testimony", on_delete=models.CASCADE, related_name="code_applications"
    )
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="applications")
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="code_applications",
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.HUMAN
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACCEPTED
    )
    start = models.PositiveIntegerField(_("start (code points)"), null=True, blank=True)
    end = models.PositiveIntegerField(_("end (code points, exclusive)"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=2_000)
    confidence = models.FloatField(_("confidence"), null=True, blank=True)
    model_version = models.CharField(_("model version"), max_length=64, blank=True)
    evidence_start = models.PositiveIntegerField(null=True, blank=True)
    evidence_end = models.PositiveIntegerField(null=True, blank=True)
    suggestion = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
        help_text=_("The machine suggestion this application was accepted from"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("code application")
        verbose_name_plural = _("code applications")
        ordering = ["testimony", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(start__isnull=True) & Q(end__isnull=True))
                | (Q(start__isnull=False) & Q(end__gt=models.F("start"))),
                name="application_span_valid",
            ),
            models.CheckConstraint(
                condition=(Q(evidence_start__isnull=True) & Q(evidence_end__isnull=True))
                | (
                    Q(evidence_start__isnull=False) & Q(evidence_end__gt=models.F("evidence_start"))
                ),
                name="application_evidence_valid",
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True)
                | (Q(confidence__gte=0) & Q(confidence__lte=1)),
                name="application_confidence_range",
            ),
            models.CheckConstraint(
                condition=Q(source="machine") | Q(status="accepted"),
                name="application_human_is_accepted",
            ),
            models.CheckConstraint(
                condition=Q(source="human") | Q(coder__isnull=True),
                name="application_machine_has_no_coder",
            ),
            models.UniqueConstraint(
                fields=["testimony", "code", "coder"],
                condition=Q(source="human", start__isnull=True),
                name="application_human_document_unique",
            ),
            models.UniqueConstraint(
                fields=["testimony", "code", "coder", "start", "end"],
                condition=Q(source="human", start__isnull=False),
                name="application_human_span_unique",
            ),
            models.UniqueConstraint(
                fields=["testimony", "code"],
                condition=Q(source="machine", start__isnull=True),
                name="application_machine_document_unique",
            ),
            models.UniqueConstraint(
                fields=["testimony", "code", "start", "end"],
                condition=Q(source="machine", start__isnull=False),
                name="application_machine_span_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["testimony", "source", "status"]),
            models.Index(fields=["code", "source", "status"]),
            models.Index(fields=["coder", "testimony"]),
            models.Index(fields=["source", "status", "testimony"]),
            models.Index(fields=["coder", "-created_at"], name="application_coder_recent"),
        ]

    def __str__(self) -> str:
        where = "document" if self.start is None else f"{self.start}-{self.end}"
        return f"{self.code_id} on {self.testimony_id} ({where})"

    @property
    def is_document_level(self) -> bool:
        return self.start is None


class Memo(models.Model):
    """A researcher's note on a story, on a code, or on the project as a whole."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("Project")
        CODE = "code", _("Code")
        STORY = "story", _("Story")

    kind = models.CharField(_("about"), max_length=8, choices=Kind.choices)
    code = models.ForeignKey(
        Code, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    testimony = models.ForeignKey(
        "testimonies.Testimony",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memos",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="memos"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("memo"), max_length=20_000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memos")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="project") & Q(code__isnull=True) & Q(testimony__isnull=True))
                | (Q(kind="code") & Q(code__isnull=False) & Q(testimony__isnull=True))
                | (Q(kind="story") & Q(code__isnull=True) & Q(testimony__isnull=False)),
                name="memo_target_matches_kind",
            )
        ]
        indexes = [
            models.Index(fields=["kind", "-updated_at"]),
            models.Index(fields=["testimony"]),
            models.Index(fields=["code"]),
        ]

    def __str__(self) -> str:
        return self.title


class CodingCompletion(models.Model):
    """A coder says they have finished coding a story."""

    testimony = models.ForeignKey(
        "testimonies.Testimony", on_delete=models.CASCADE, related_name="coding_completions"
    )
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coding_completions"
    )
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coding completion")
        verbose_name_plural = _("coding completions")
        constraints = [
            models.UniqueConstraint(fields=["testimony", "coder"], name="coding_completion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.coder_id} finished {self.testimony_id}"


class Reconciliation(models.Model):
    """The team's decision where coders disagree on whether a code applies to a story."""

    class Decision(models.TextChoices):
        PRESENT = "present", _("The code applies")
        ABSENT = "absent", _("The code does not apply")

    testimony = models.ForeignKey(
        "testimonies.Testimony", on_delete=models.CASCADE, related_name="reconciliations"
    )
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="reconciliations")
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True, max_length=2_000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reconciliation")
        verbose_name_plural = _("reconciliations")
        constraints = [
            models.UniqueConstraint(fields=["testimony", "code"], name="reconciliation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code_id} on {self.testimony_id}: {self.decision}"
