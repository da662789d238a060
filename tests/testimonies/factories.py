"""Factories and helpers for testimonies tests: stories go through the real service."""

from events.models import Event
from testimonies.models import Channel, ConsentMethod
from testimonies.selectors import consent_text_current
from testimonies.services import SubmissionDraft, testimony_create
from tests.factories import EventFactory

STORY = "The doctor did not listen to me when I described my pain."


def ensure_consent_texts() -> None:
    """Transactional tests flush the data migration's consent texts; put them back."""
    from testimonies.services import consent_texts_ensure_defaults

    consent_texts_ensure_defaults()


def open_event(**kwargs) -> Event:
    ensure_consent_texts()
    kwargs.setdefault("status", Event.Status.OPEN)
    kwargs.setdefault("submission_token", f"tok-{Event.objects.count()}-abcdefghijklmnopqrstuvwxyz")
    return EventFactory(**kwargs)


def submit(event=None, *, scopes=("research",), text=STORY, **kwargs):
    """Save a story through ``testimony_create``; returns the Submission."""
    event = event or open_event()
    kwargs.setdefault("consent_text", consent_text_current(language="en"))
    kwargs.setdefault("channel", Channel.ONLINE)
    kwargs.setdefault("consent_method", ConsentMethod.ONLINE)
    relay_on_commit = kwargs.pop("relay_on_commit", True)
    draft = SubmissionDraft(event=event, scopes=scopes, text=text, **kwargs)
    return testimony_create(draft=draft, relay_on_commit=relay_on_commit)
