import pytest

from coding.services import codebook_default_seed


@pytest.fixture
def codebook(db):
    """The default codebook with the six themes and their sub-codes."""
    return codebook_default_seed()


@pytest.fixture
def make_story(db):
    """A story saved through the testimonies service, its follow-up work not run."""
    from tests.factories import story_create

    def make(text: str, *, declared_language: str = "", **kwargs):
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=False):
            return story_create(text=text, declared_language=declared_language, **kwargs)

    return make
