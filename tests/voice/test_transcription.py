"""Transcription with the real Whisper base model (from the installed packages), on clips made
here with espeak-ng in all six languages: each error rate is printed and bounded."""

import json
import subprocess

import pytest

from testimonies.selectors import consent_text_current
from tests.testimonies.factories import open_event
from tests.voice.clips import (
    BOUNDS,
    KEYWORDS,
    SENTENCES,
    error_rate,
    espeak_available,
    make_clip,
)
from voice import model, services
from voice.models import Recording

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def verified_model():
    try:
        return model.model_directory("base")
    except model.ModelUnavailable as problem:
        pytest.fail(f"the packaged Whisper base model must be installed: {problem}")


def queued(data: bytes, language: str) -> Recording:
    started = services.recording_start(
        event=open_event(),
        consent_text=consent_text_current(language=language),
        scopes=["research"],
    )
    services.recording_upload_chunk(
        recording=started.recording,
        submission_key=started.submission_key,
        offset=0,
        data=data,
        final=True,
    )
    started.recording.refresh_from_db()
    assert started.recording.status == Recording.Status.QUEUED
    return started.recording


def test_the_assembled_model_matches_the_pinned_hash(verified_model, settings):
    assert model.sha256_of(verified_model / "model.bin") == settings.VOICE_MODEL_SHA256["base"]


@pytest.mark.parametrize("language", list(SENTENCES))
def test_each_language_is_transcribed_within_its_bound(
    language, verified_model, tmp_path, settings
):
    if not espeak_available():
        pytest.skip("espeak-ng is not installed")
    settings.VOICE_CHUNK_BYTES = 8 * 1024 * 1024
    recording = queued(make_clip(tmp_path, language).read_bytes(), language)
    assert services.recording_transcribe(recording_id=recording.pk) == "transcribed"
    recording.refresh_from_db()
    rate = error_rate(SENTENCES[language][2], recording.transcript, characters=language == "ja")
    print(f"{language}: error rate {rate:.2f} (bound {BOUNDS[language]}): {recording.transcript}")
    assert rate <= BOUNDS[language]
    for word in KEYWORDS.get(language, ()):
        assert word in recording.transcript.lower()
    # The language came from the consent, not from detection; word timestamps are kept.
    assert recording.detected_language == "" and recording.language_confidence is None
    words = json.loads(recording.words)
    assert words and all(start <= end for start, end, _word in words)


def test_a_recording_with_no_speech_waits_for_manual_transcription(verified_model, tmp_path):
    silence = tmp_path / "silence.wav"
    subprocess.run(
        ["sox", "-n", "-r", "16000", "-c", "1", str(silence), "trim", "0", "4"], check=True
    )
    recording = queued(silence.read_bytes(), "en")
    assert services.recording_transcribe(recording_id=recording.pk) == "manual"
    recording.refresh_from_db()
    assert recording.problem == Recording.Problem.NO_SPEECH and recording.audio_stored


def test_a_model_that_is_not_the_pinned_one_is_refused(verified_model, settings, tmp_path):
    settings.VOICE_MODEL_SHA256 = {"base": "0" * 64}
    with pytest.raises(model.ModelUnavailable):
        model.model_directory("base")
