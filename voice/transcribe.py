"""One transcription with the product's settings: the service and the benchmark both call it."""

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Transcript:
    text: str
    words: list  # [[start, end, word], ...] in seconds
    duration: float
    language: str
    language_probability: float


def transcribe_bytes(
    model,
    data: bytes,
    *,
    language: str | None,
    on_segment: Callable[[float, float], None] | None = None,
    beam_size: int | None = None,
    vad: bool | None = None,
    word_timestamps: bool = True,
) -> Transcript:
    """Decode ``data`` (any container PyAV reads) and transcribe it. ``language`` None lets
    Whisper detect it. ``on_segment(end, duration)`` follows the progress. ``beam_size`` and
    ``vad`` default to the settings; the product keeps word timestamps (the benchmark compares)."""
    segments, info = model.transcribe(
        io.BytesIO(data),
        language=language,
        beam_size=beam_size or settings.VOICE_BEAM_SIZE,
        word_timestamps=word_timestamps,
        vad_filter=settings.VOICE_VAD if vad is None else vad,
        condition_on_previous_text=False,
    )
    texts, words = [], []
    duration = max(info.duration or 0.0, 0.001)
    for segment in segments:
        texts.append(segment.text.strip())
        words.extend([round(w.start, 2), round(w.end, 2), w.word] for w in (segment.words or ()))
        if on_segment is not None:
            on_segment(segment.end, duration)
    return Transcript(
        text=" ".join(t for t in texts if t).strip(),
        words=words,
        duration=info.duration or 0.0,
        language=info.language,
        language_probability=info.language_probability,
    )
