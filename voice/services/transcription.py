"""Transcription on our own workers (the Celery ``audio`` queue): faster-whisper, int8, CPU.

The language is the consent's language (never detected for it); detection runs only when that
language is not one Whisper knows, and its confidence is recorded. A missing or wrong model
leaves the recording waiting for manual transcription, with one log line.
"""

import json
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.outbox import outbox_enqueue
from voice import model as whisper
from voice import storage
from voice.models import Recording
from voice.transcribe import transcribe_bytes

logger = logging.getLogger(__name__)

# Whisper's codes for the consent languages we ship (and their plain prefixes).
_WHISPER_CODES = {"en", "fr", "pt", "es", "de", "ja"}
# Progress is written at most this often (seconds) while transcribing.
_PROGRESS_EVERY = 1.0


def whisper_language(tag: str) -> str | None:
    """``pt-BR`` -> ``pt``; None when Whisper does not know it (then it detects)."""
    primary = (tag or "").split("-")[0].lower()
    return primary if primary in _WHISPER_CODES else None


def _claim(recording_id: int) -> Recording | None:
    with transaction.atomic():
        recording = (
            Recording.objects.select_for_update(skip_locked=True).filter(pk=recording_id).first()
        )
        if recording is None or recording.status not in (
            Recording.Status.QUEUED,
            Recording.Status.TRANSCRIBING,
        ):
            return None
        recording.status = Recording.Status.TRANSCRIBING
        recording.progress = 0
        recording.save(update_fields=["status", "progress", "updated_at"])
        return recording


def _finish(recording: Recording, **fields) -> None:
    """Write the outcome unless the recording was erased meanwhile (a withdrawal)."""
    fields["updated_at"] = timezone.now()
    Recording.objects.filter(pk=recording.pk, status=Recording.Status.TRANSCRIBING).update(**fields)


def recording_transcribe(*, recording_id: int, size: str | None = None) -> str:
    """Transcribe one queued recording; returns its new status (or "" when nothing to do)."""
    recording = _claim(recording_id)
    if recording is None:
        return ""
    started = time.perf_counter()
    try:
        model = whisper.whisper_model(size)
    except whisper.ModelUnavailable as problem:
        # NOTE: one line, no story content: the facilitator sees the recording waiting.
        logger.error(
            "voice: transcription model unavailable (%s); recording %s waits for "
            "manual transcription",
            problem,
            recording.pk,
        )
        _finish(recording, status=Recording.Status.MANUAL, problem=Recording.Problem.MODEL)
        return Recording.Status.MANUAL
    language = whisper_language(recording.language)
    last_write = [time.monotonic()]

    def progress(end: float, duration: float) -> None:
        if time.monotonic() - last_write[0] > _PROGRESS_EVERY:
            last_write[0] = time.monotonic()
            Recording.objects.filter(pk=recording.pk).update(
                progress=min(end / duration, 0.99), updated_at=timezone.now()
            )

    try:
        result = transcribe_bytes(
            model, storage.audio_read(recording), language=language, on_segment=progress
        )
    except Exception:
        logger.exception("voice: recording %s could not be transcribed", recording.pk)
        _finish(recording, status=Recording.Status.MANUAL, problem=Recording.Problem.FAILED)
        return Recording.Status.MANUAL
    text, words = result.text, result.words
    common = {
        "progress": 1.0,
        "processing_seconds": time.perf_counter() - started,
        "transcribed_at": timezone.now(),
        "detected_language": "" if language else result.language,
        "language_confidence": None if language else result.language_probability,
    }
    if not text:
        _finish(
            recording,
            status=Recording.Status.MANUAL,
            problem=Recording.Problem.NO_SPEECH,
            **common,
        )
        return Recording.Status.MANUAL
    # NOTE: .update() skips the field's encryption, so the encrypted fields go through save().
    recording.transcript = text
    recording.words = json.dumps(words, ensure_ascii=False)
    with transaction.atomic():
        current = Recording.objects.select_for_update().filter(pk=recording.pk).first()
        if current is None or current.status != Recording.Status.TRANSCRIBING:
            return ""
        current.transcript = text
        current.words = recording.words
        current.status = Recording.Status.TRANSCRIBED
        current.problem = ""
        for name, value in common.items():
            setattr(current, name, value)
        current.save()
    return Recording.Status.TRANSCRIBED


def recording_requeue_lost() -> int:
    """Queue again the recordings whose transcription has not moved for a while (a lost
    message, a worker killed mid-task). Returns how many."""
    cutoff = timezone.now() - timedelta(seconds=settings.VOICE_LOST_AFTER_SECONDS)
    count = 0
    with transaction.atomic():
        lost = Recording.objects.select_for_update(skip_locked=True).filter(
            status__in=[Recording.Status.QUEUED, Recording.Status.TRANSCRIBING],
            updated_at__lt=cutoff,
        )
        for recording in lost:
            recording.status = Recording.Status.QUEUED
            recording.save(update_fields=["status", "updated_at"])
            outbox_enqueue(
                task_name="voice.transcribe", kwargs={"recording_id": recording.pk}, queue="audio"
            )
            count += 1
    return count
