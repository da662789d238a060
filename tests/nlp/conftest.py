import pytest

from core.demo import _seed_codebook


@pytest.fixture
def codebook(db):
    """The default codebook with the six themes and their sub-codes."""
    return _seed_codebook()
