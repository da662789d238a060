"""Names the testimonies tests use for the one story factory in ``tests/factories.py``."""

from tests.factories import STORY, open_event, story_submit
from tests.factories import consent_texts_ensure as ensure_consent_texts

__all__ = ["STORY", "ensure_consent_texts", "open_event", "submit"]


def submit(event=None, **kwargs):
    """``story_submit`` with the event first, as these tests write it; returns the Submission."""
    return story_submit(event=event, **kwargs)
