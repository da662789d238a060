"""What the event pages share: who may read or edit, and the participant link."""

from django.urls import reverse

from accounts.roles import EVENT_READERS, EVENT_TEAM
from events import selectors
from events.forms import EventFilterForm

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


def filtered_events(request):
    """The filter form on the event list (from the query) and the events it selects."""
    events = selectors.event_list_for_user(user=request.user)
    form = EventFilterForm(
        request.GET or None,
        years=selectors.event_years(queryset=events),
        country_choices=selectors.event_countries(queryset=events),
    )
    return form, selectors.event_list_filtered(queryset=events, **form.filters())
