"""Spoken stories: a recording on its way to becoming a story (issue 19; voice/README.md).

SECURITY: the audio is never in the database: it is a Fernet-encrypted file under
``VOICE_STORAGE_DIR`` (voice/storage.py). The transcript and its word timestamps are story
text: encrypted fields, erased with the story.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from testimonies.fields import EncryptedTextField


class Recording(models.Model):
    class Status(models.TextChoices):
        UPLOADING = "uploading", _("Being recorded or sent")
        QUEUED = "queued", _("Waiting to be transcribed")
        TRANSCRIBING = "transcribing", _("Being transcribed")
        TRANSCRIBED = "transcribed", _("Transcript ready to check")
        MANUAL = "manual", _("Waiting for manual transcription")
        CONFIRMED = "confirmed", _("Confirmed: now a story")

    class Problem(models.TextChoices):
        NONE = "", _("None")
        MODEL = "model", _("The transcription model is not available")
        NO_SPEECH = "no_speech", _("No speech was heard")
        FAILED = "failed", _("The transcription failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="+")
    consent_text = models.ForeignKey(
        "testimonies.ConsentText", on_delete=models.PROTECT, related_name="+"
    )
    # The scopes ticked before recording; they become the story's when the text is confirmed.
    scopes = models.JSONField(default=list)
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The facilitator recording on the participant's behalf (the witness of a spoken consent).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # How the consent was given: online (the participant's own form), or spoken or on paper
    # with the facilitator in ``entered_by`` as witness (testimonies' witness rules).
    consent_method = models.CharField(max_length=16, default="online")
    # SECURITY: SHA-256 of the return code and of the upload's submission key, never the values.
    return_code_hash = models.CharField(max_length=64, unique=True, editable=False)
    submission_key_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.UPLOADING)
    problem = models.CharField(max_length=16, choices=Problem.choices, blank=True, default="")
    received_bytes = models.BigIntegerField(default=0)
    size_bytes = models.BigIntegerField(default=0)
    duration_seconds = models.FloatField(default=0)
    container = models.CharField(max_length=32, blank=True)
    # False once the audio file is erased (after confirmation without the keep scope).
    audio_stored = models.BooleanField(default=False)
    language = models.CharField(max_length=16, blank=True, help_text=_("BCP 47 code"))
    detected_language = models.CharField(max_length=16, blank=True)
    language_confidence = models.FloatField(null=True, blank=True)
    progress = models.FloatField(default=0)
    transcript = EncryptedTextField(blank=True)
    # JSON list of [start, end, word] in seconds: lets an allowed researcher play a passage.
    words = EncryptedTextField(blank=True)
    processing_seconds = models.FloatField(null=True, blank=True)
    testimony = models.OneToOneField(
        "testimonies.Testimony",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recording",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    transcribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "updated_at"], name="voice_rec_status")]

    def __str__(self) -> str:
        return f"recording {self.public_id}"


class RecordingListen(models.Model):
    """An audited listening: who heard which story's recording, when (never the audio)."""

    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="listens")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"listening {self.pk}"
