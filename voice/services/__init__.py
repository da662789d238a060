"""The voice app's writes (voice/README.md): capture and upload, transcription, confirmation,
erasure. Every public name is importable from here."""

from voice.services.capture import (
    UploadResult,
    recording_for_return_code,
    recording_rekey,
    recording_start,
    recording_upload_chunk,
)
from voice.services.confirm import (
    recording_confirm,
    recording_erase_for_testimony,
    recording_listen,
    recording_narrow_for_testimony,
)
from voice.services.transcription import (
    recording_requeue_lost,
    recording_transcribe,
    whisper_language,
)

__all__ = [
    "UploadResult",
    "recording_confirm",
    "recording_erase_for_testimony",
    "recording_for_return_code",
    "recording_listen",
    "recording_narrow_for_testimony",
    "recording_rekey",
    "recording_requeue_lost",
    "recording_start",
    "recording_transcribe",
    "recording_upload_chunk",
    "whisper_language",
]
