import pytest


@pytest.fixture(autouse=True)
def _recordings_in_tmp(settings, tmp_path):
    """Each test keeps its recordings in its own folder (checked for erasure)."""
    settings.VOICE_STORAGE_DIR = tmp_path / "recordings"


@pytest.fixture
def event(db):
    from tests.testimonies.factories import open_event

    return open_event()


@pytest.fixture
def clip(tmp_path):
    """An English clip made now with espeak-ng (its WAV bytes)."""
    from tests.voice.clips import espeak_available, make_clip

    if not espeak_available():
        pytest.skip("espeak-ng is not installed")
    return make_clip(tmp_path, "en").read_bytes()
