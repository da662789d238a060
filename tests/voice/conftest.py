import pytest


@pytest.fixture(autouse=True)
def _recordings_in_tmp(settings, tmp_path):
    """Each test keeps its recordings in its own folder (checked for erasure)."""
    settings.VOICE_STORAGE_DIR = tmp_path / "recordings"
