"""Starting a recording and receiving it in chunks (resumable, bound to a submission key)."""

import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, ConflictError, NotFoundError
from core.outbox import outbox_enqueue
from testimonies.models import ConsentMethod, ConsentText, Scope
from testimonies.services import new_submission_key, submission_key_hash
from voice import audio, codes, storage
from voice.models import Recording


@dataclass(frozen=True)
class Started:
    recording: Recording
    return_code: str
    submission_key: str


def _key_hash(recording_or_key: str) -> str:
    return submission_key_hash(key=recording_or_key, scope="voice")


def recording_start(
    *,
    event,
    consent_text: ConsentText,
    scopes,
    participant=None,
    entered_by=None,
    consent_method: str = ConsentMethod.ONLINE,
    witnessed: bool = False,
) -> Started:
    """A new, empty recording with the consent already given; returns its return code and the
    submission key its upload must carry (neither is stored, only their hashes). A facilitator
    recording on a participant's behalf (``entered_by``) is the witness: the consent was given
    on paper or spoken, and they say they witnessed it (testimonies' witness rules)."""
    scopes = sorted({str(s) for s in scopes} & set(Scope.values))
    if Scope.RESEARCH not in scopes:
        raise ApplicationError(_("To send a story, tick the first consent box."))
    if consent_text is None:
        raise ApplicationError(_("The consent text could not be found. Please start again."))
    if entered_by is not None:
        if consent_method not in (ConsentMethod.PAPER, ConsentMethod.SPOKEN):
            raise ApplicationError(_("Say how the participant gave consent: on paper or spoken."))
        if not witnessed:
            raise ApplicationError(_("A witness is required."))
    else:
        consent_method = ConsentMethod.ONLINE
    code = codes.new_code()
    key = new_submission_key()
    recording = Recording.objects.create(
        event=event,
        consent_text=consent_text,
        scopes=scopes,
        participant=participant if getattr(participant, "is_authenticated", False) else None,
        entered_by=entered_by,
        consent_method=consent_method,
        return_code_hash=codes.code_hash(code),
        submission_key_hash=_key_hash(key),
        language=consent_text.language,
    )
    return Started(recording=recording, return_code=code, submission_key=key)


def recording_for_return_code(code: str) -> Recording:
    recording = Recording.objects.filter(return_code_hash=codes.code_hash(code)).first()
    if recording is None or recording.status == Recording.Status.CONFIRMED:
        raise NotFoundError(_("No recording waits with this code."))
    return recording


@dataclass(frozen=True)
class UploadResult:
    received: int
    complete: bool


def recording_upload_chunk(
    *, recording: Recording, submission_key: str, offset: int, data: bytes, final: bool
) -> UploadResult:
    """Append one chunk at ``offset`` (which must be what the server has: a resent chunk is
    ignored, a gap is a conflict). With ``final``, the whole file is checked by decoding it
    and queued for transcription; a file that is not usable is dropped with a clear message and
    the recording waits for a new file (nothing is kept)."""
    with transaction.atomic():
        locked = Recording.objects.select_for_update().get(pk=recording.pk)
        if not hmac.compare_digest(locked.submission_key_hash, _key_hash(submission_key or "")):
            raise NotFoundError(_("This upload is not for this recording."))
        if locked.status != Recording.Status.UPLOADING:
            # NOTE: a final chunk sent again after a lost answer: the file is already complete.
            return UploadResult(received=locked.received_bytes, complete=True)
        problem = _append(locked, offset=offset, data=data, final=final)
        if problem:
            _reset(locked)
    if problem:
        raise ApplicationError(problem)
    return UploadResult(
        received=locked.received_bytes, complete=locked.status != Recording.Status.UPLOADING
    )


def _append(locked: Recording, *, offset: int, data: bytes, final: bool) -> str:
    """Store the chunk (and check and queue the whole file when final); return a problem."""
    if len(data) > settings.VOICE_CHUNK_BYTES:
        raise ApplicationError(_("This part of the upload is too large."))
    if offset < locked.received_bytes and offset + len(data) <= locked.received_bytes:
        data = b""  # already have it: a retry after a lost answer
    elif offset != locked.received_bytes:
        raise ConflictError(_("Part of the upload is missing; it resumes where the server is."))
    if locked.received_bytes + len(data) > settings.VOICE_MAX_BYTES:
        return _("The file is larger than %(mb)d MB. Please choose a shorter recording.") % {
            "mb": settings.VOICE_MAX_BYTES // (1024 * 1024)
        }
    if data:
        storage.chunk_save(locked, offset=offset, data=data)
        locked.received_bytes += len(data)
        locked.save(update_fields=["received_bytes", "updated_at"])
    if not final:
        return ""
    whole = storage.chunks_read(locked)
    try:
        found = audio.probe(whole, max_seconds=settings.VOICE_MAX_SECONDS)
    except audio.NotAudio as problem:
        return str(problem)
    storage.audio_save(locked, whole)
    locked.size_bytes = len(whole)
    locked.duration_seconds = found.duration_seconds
    locked.container = found.container
    locked.audio_stored = True
    locked.status = Recording.Status.QUEUED
    locked.queued_at = timezone.now()
    locked.save()
    outbox_enqueue(task_name="voice.transcribe", kwargs={"recording_id": locked.pk}, queue="audio")
    return ""


def _reset(recording: Recording) -> None:
    """Drop what was received: the recording waits for a new file."""
    storage.erase(recording)
    recording.received_bytes = 0
    recording.save(update_fields=["received_bytes", "updated_at"])


def recording_rekey(*, recording: Recording) -> str:
    """A new submission key for a speaker who came back with their code (the old one stays on
    the first device, which can no longer upload or confirm)."""
    key = new_submission_key()
    Recording.objects.filter(pk=recording.pk).update(
        submission_key_hash=_key_hash(key), updated_at=timezone.now()
    )
    return key
