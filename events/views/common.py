"""What the event pages share: who may read or edit, and the participant link."""

from django.urls import reverse

from accounts.roles import EVENT_READERS, EVENT_TEAM
from events import selectors

READERS = EVENT_READERS
EDITORS = EVENT_TEAM
PAGE_SIZE = 25


def can_edit(request, event) -> bool:
    return selectors.user_can_edit_event(user=request.user, event=event)


def event_url(event, fragment: str = "") -> str:
    return reverse("events:detail", args=[event.slug]) + fragment


def submission_url(request, event) -> str | None:
    if not event.submission_token:
        return None
    return request.build_absolute_uri(
        reverse("testimonies:submit", kwargs={"token": event.submission_token})
    )
