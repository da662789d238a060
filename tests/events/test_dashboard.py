"""The starting page's "Your events" comes from events through core.dashboard's hook."""

from core.dashboard import dashboard_context, dashboard_context_hooks
from events import selectors


def test_events_registers_its_dashboard_context_with_core():
    assert selectors.dashboard_context in list(dashboard_context_hooks)


def test_a_facilitator_sees_their_events_and_not_others(
    client_for, facilitator, event, other_event
):
    response = client_for(facilitator).get("/dashboard/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"/events/{event.slug}/" in page
    assert f"/events/{other_event.slug}/" not in page
    assert list(dashboard_context(user=facilitator)["events"]) == [event]


def test_a_participant_gets_no_event_list(client_for, participant, event):
    response = client_for(participant).get("/dashboard/")
    assert response.status_code == 200
    assert f"/events/{event.slug}/" not in response.content.decode()
    assert dashboard_context(user=participant) == {}
