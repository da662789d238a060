import pytest
from django.core.management import call_command
from django.test import override_settings

from events.models import Commitment, CommitmentStatusChange, Event, Session, SessionLog
from events.selectors import event_for_submission_token, programme_overview

pytestmark = pytest.mark.django_db


def counts():
    return tuple(
        m.objects.count() for m in (Session, SessionLog, Commitment, CommitmentStatusChange)
    )


@override_settings(DEBUG=True)
def test_demo_has_sessions_commitments_and_one_open_public_event(client):
    call_command("seed_demo")
    first = counts()
    open_event = Event.objects.get(status=Event.Status.OPEN)
    token = open_event.submission_token
    call_command("seed_demo")
    assert counts() == first
    assert first[0] == first[1] == 15 * 3
    open_event.refresh_from_db()
    assert open_event.is_public and open_event.submission_token == token
    assert event_for_submission_token(token=token) == open_event
    assert open_event.commitments.filter(status="done").exists()
    assert open_event.commitments.first().themes.exists()
    assert client.get(f"/events/{open_event.slug}/public/").status_code == 200
    overview = programme_overview()
    assert overview["events"] == 15 and overview["countries"] == 8
    assert overview["participants"] > 0
