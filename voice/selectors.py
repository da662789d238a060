"""Reads of the voice app."""

import json

from accounts.roles import RESEARCH_TEAM, user_has_role
from testimonies.models import Testimony
from voice.models import Recording


def recording_for_session(*, public_id, allowed_ids) -> Recording | None:
    """A recording this browser session started or came back to with its code; else None."""
    if str(public_id) not in set(allowed_ids or ()):
        return None
    return (
        Recording.objects.select_related("event", "consent_text")
        .filter(public_id=public_id)
        .first()
    )


def recording_for_testimony(*, testimony) -> Recording | None:
    return Recording.objects.filter(testimony=testimony).first()


def recording_words(recording: Recording) -> list:
    """The word timestamps: [[start, end, word], ...]."""
    try:
        return json.loads(recording.words or "[]")
    except ValueError:
        return []


def recordings_waiting_for_event(*, event):
    """Recordings of an event waiting for manual transcription (for its facilitators)."""
    return Recording.objects.filter(event=event, status=Recording.Status.MANUAL)


def recording_counts_for_event(*, event) -> dict:
    """Counts for the event's dashboard (events' testimony_count_hooks): recordings waiting
    for manual transcription, and how many of them because the model is not available."""
    waiting = recordings_waiting_for_event(event=event)
    return {
        "recordings_waiting": waiting.count(),
        "recordings_without_model": waiting.filter(problem=Recording.Problem.MODEL).count(),
    }


def recording_listenable(*, user, testimony) -> Recording | None:
    """The kept recording of a story this user may hear, else None: the story is active with
    research consent, the speaker allowed researchers to listen, and the user is on the
    research team with the explicit original-text grant (a voice identifies a person)."""
    allowed = (
        testimony.status == Testimony.Status.ACTIVE
        and testimony.scope_research
        and testimony.scope_voice_listen
        and user_has_role(user, *RESEARCH_TEAM)
        and user.has_perm("testimonies.view_original_text")
    )
    if not allowed:
        return None
    return Recording.objects.filter(testimony=testimony, audio_stored=True).first()
