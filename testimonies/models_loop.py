"""Closing the loop (issue 20): quote requests a participant answers, quotes a commitment shows,
follow-up by e-mail, and the storyteller's own reading of their story.

Loaded by ``testimonies.models`` (Django finds models there); the foreign keys name the story as
``"testimonies.Testimony"`` so this module does not import that one.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from testimonies.choices import (
    CHANGE_SENTENCE_MAX_LENGTH,
    PASSAGE_MAX_LENGTH,
    PURPOSE_DETAIL_MAX_LENGTH,
    Attribution,
    QuotePurpose,
    QuoteStatus,
    TrustChange,
)


class QuoteRequest(models.Model):
    """A researcher asks to quote one passage of a story's research copy for a named purpose.

    With the "ask me before each quote" scope the participant approves or declines it; without
    it, the quote scopes already given cover the request and it is approved when made. Quote
    sheets include an asked-for story's passage only once it is approved."""

    Status = QuoteStatus  # the choices, for other apps (``QuoteRequest.Status.APPROVED``)
    Purpose = QuotePurpose
    Attribution = Attribution

    testimony = models.ForeignKey(
        "testimonies.Testimony", on_delete=models.CASCADE, related_name="quote_requests"
    )
    # Offsets in the research copy's redacted text, and the passage itself (redacted).
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    passage = models.TextField(_("passage"), max_length=PASSAGE_MAX_LENGTH)
    purpose = models.CharField(_("purpose"), max_length=16, choices=QuotePurpose.choices)
    purpose_detail = models.CharField(
        _("named purpose"), max_length=PURPOSE_DETAIL_MAX_LENGTH, blank=True
    )
    attribution = models.CharField(_("attribution"), max_length=16, choices=Attribution.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=QuoteStatus.choices, default=QuoteStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("quote request")
        verbose_name_plural = _("quote requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            # One live request per passage and purpose: a declined one is never asked again.
            models.UniqueConstraint(
                fields=["testimony", "start", "end", "purpose"],
                condition=~Q(status="cancelled"),
                name="quote_request_once_per_purpose",
            ),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="quote_span"),
        ]
        indexes = [models.Index(fields=["testimony", "status"])]

    def __str__(self) -> str:
        return f"Quote request {self.pk} ({self.status})"


class CommitmentQuote(models.Model):
    """An approved anonymous quote shown beside the commitment it motivated."""

    commitment = models.ForeignKey(
        "events.Commitment", on_delete=models.CASCADE, related_name="quote_links"
    )
    quote = models.ForeignKey(
        QuoteRequest, on_delete=models.CASCADE, related_name="commitment_links"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commitment quote")
        verbose_name_plural = _("commitment quotes")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "quote"], name="commitment_quote_once")
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} ← {self.quote_id}"


class FollowUp(models.Model):
    """What a participant with the contact scope asked to be told, by e-mail, in their language.

    SECURITY: the address stays in ``ContactDetails`` (encrypted) and goes with it; the one-click
    unsubscribe link carries a token whose SHA-256 only is kept here."""

    testimony = models.OneToOneField(
        "testimonies.Testimony", on_delete=models.CASCADE, related_name="follow_up"
    )
    commitments = models.BooleanField(_("when a commitment at my event changes"), default=False)
    quote_requests = models.BooleanField(_("when a quote request waits for me"), default=False)
    language = models.CharField(_("language"), max_length=16)
    unsubscribe_hash = models.CharField(max_length=64, unique=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("follow-up choice")
        verbose_name_plural = _("follow-up choices")

    def __str__(self) -> str:
        return f"Follow-up for {self.testimony_id}"


class OwnReading(models.Model):
    """The storyteller's own reading: the themes in their view, how their trust changed, and one
    sentence on what should change (optional, after the story)."""

    testimony = models.OneToOneField(
        "testimonies.Testimony", on_delete=models.CASCADE, related_name="own_reading"
    )
    themes = models.JSONField(_("themes in your view"), default=list, blank=True)
    trust_change = models.CharField(
        _("how your trust changed"), max_length=8, choices=TrustChange.choices, blank=True
    )
    what_should_change = models.CharField(
        _("what should change"), max_length=CHANGE_SENTENCE_MAX_LENGTH, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("own reading")
        verbose_name_plural = _("own readings")

    def __str__(self) -> str:
        return f"Own reading of {self.testimony_id}"
