"""Factories and helpers for testimonies tests: stories go through the real service."""

from events.models import Event
from testimonies.models import Channel, ConsentMethod
from testimonies.selectors import consent_text_current
from testimonies.services import testimony_create
from tests.factories import EventFactory

STORY = "The doctor did not listen to me when I described my pain."


def ensure_consent_texts() -> None:
    """The data migration's consent texts; transactional tests flush them, so put them back."""
    import hashlib
    import importlib

    from testimonies.models import ConsentText

    texts = importlib.import_module("testimonies.migrations.0002_initial_consent_texts").TEXTS
    for language, (title, body) in texts.items():
        if not ConsentText.objects.filter(language=language).exists():
            ConsentText.objects.create(
                language=language,
                version=1,
                title=title,
                body=body,
                sha256=hashlib.sha256(body.encode()).hexdigest(),
            )


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
    return testimony_create(event=event, scopes=scopes, text=text, **kwargs)
