"""Issue 17.4: closing asks for confirmation, and reopening within the grace period keeps the
participant link (printed QR codes keep working); later, it issues a new one and says so."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.http import Http404
from django.test import override_settings
from django.utils import timezone

from events import services
from events.models import Event
from events.selectors import (
    event_for_submission_token,
    event_reopen_deadline,
    event_reopen_keeps_link,
)

pytestmark = pytest.mark.django_db


def close(event):
    return services.event_status_change(event=event, status=Event.Status.CLOSED)


def age_closing(event, days):
    Event.objects.filter(pk=event.pk).update(closed_at=timezone.now() - timedelta(days=days))
    event.refresh_from_db()


class TestGracePeriod:
    def test_closing_keeps_the_link_aside_but_it_stops_working(self, event):
        token = event.submission_token
        close(event)
        event.refresh_from_db()
        assert event.submission_token is None
        assert event.paused_submission_token == token
        assert event.closed_at is not None
        with pytest.raises(Http404):
            event_for_submission_token(token=token)

    def test_reopening_within_the_grace_period_restores_the_same_link(self, event):
        token = event.submission_token
        close(event)
        age_closing(event, 13)
        assert event_reopen_keeps_link(event=event)
        services.event_status_change(event=event, status=Event.Status.OPEN)
        event.refresh_from_db()
        assert event.submission_token == token
        assert event.paused_submission_token is None and event.closed_at is None
        assert event_for_submission_token(token=token) == event

    def test_reopening_after_the_grace_period_issues_a_new_link(self, event):
        token = event.submission_token
        close(event)
        age_closing(event, 15)
        assert not event_reopen_keeps_link(event=event)
        services.event_status_change(event=event, status=Event.Status.OPEN)
        event.refresh_from_db()
        assert event.submission_token and event.submission_token != token
        assert event.paused_submission_token is None
        with pytest.raises(Http404):
            event_for_submission_token(token=token)

    @override_settings(ENTENDU_REOPEN_GRACE_DAYS=2)
    def test_the_grace_period_is_a_setting(self, event):
        close(event)
        age_closing(event, 1)
        assert event_reopen_keeps_link(event=event)
        assert event_reopen_deadline(event=event) == event.closed_at + timedelta(days=2)
        age_closing(event, 3)
        assert not event_reopen_keeps_link(event=event)

    @override_settings(ENTENDU_REOPEN_GRACE_DAYS=0)
    def test_no_grace_period_always_renews(self, event):
        token = event.submission_token
        close(event)
        age_closing(event, 0.01)
        services.event_status_change(event=event, status=Event.Status.OPEN)
        event.refresh_from_db()
        assert event.submission_token != token

    def test_archiving_drops_the_kept_link_for_good(self, event):
        close(event)
        services.event_status_change(event=event, status=Event.Status.ARCHIVED)
        event.refresh_from_db()
        assert event.submission_token is None and event.paused_submission_token is None
        assert event_reopen_deadline(event=event) is None


class TestConfirmation:
    def test_a_single_post_without_confirm_changes_nothing(self, client_for, facilitator, event):
        token = event.submission_token
        response = client_for(facilitator).post(
            f"/events/{event.slug}/status/", {"status": "closed"}
        )
        assert response.status_code == 200
        event.refresh_from_db()
        assert event.status == "open" and event.submission_token == token
        page = response.content.decode()
        assert 'name="confirm"' in page
        assert "stops working" in page and "14 days" in page
        assert event_for_submission_token(token=token) == event

    def test_archiving_also_needs_confirmation(self, client_for, facilitator, event):
        close(event)
        response = client_for(facilitator).post(
            f"/events/{event.slug}/status/", {"status": "archived"}
        )
        assert response.status_code == 200
        event.refresh_from_db()
        assert event.status == "closed" and event.paused_submission_token

    def test_confirmed_closing_closes_and_says_how_to_get_the_link_back(
        self, client_for, facilitator, event
    ):
        c = client_for(facilitator)
        response = c.post(f"/events/{event.slug}/status/", {"status": "closed", "confirm": "on"})
        assert response.status_code == 302
        event.refresh_from_db()
        assert event.status == "closed" and event.submission_token is None
        text = " ".join(str(m) for m in get_messages(response.wsgi_request))
        assert "14 days" in text

    def test_reopening_says_whether_the_link_was_kept(self, client_for, facilitator, event):
        token = event.submission_token
        c = client_for(facilitator)
        c.post(f"/events/{event.slug}/status/", {"status": "closed", "confirm": "on"})
        page = c.get(f"/events/{event.slug}/").content.decode()
        assert "restores the same participant link" in page
        response = c.post(f"/events/{event.slug}/status/", {"status": "open"})
        event.refresh_from_db()
        assert event.submission_token == token
        text = " ".join(str(m) for m in get_messages(response.wsgi_request))
        assert "works again" in text

        c.post(f"/events/{event.slug}/status/", {"status": "closed", "confirm": "on"})
        age_closing(event, 30)
        page = c.get(f"/events/{event.slug}/").content.decode()
        assert "gives it a new participant link" in page
        response = c.post(f"/events/{event.slug}/status/", {"status": "open"})
        event.refresh_from_db()
        assert event.submission_token != token
        text = " ".join(str(m) for m in get_messages(response.wsgi_request))
        assert "new participant link" in text

    def test_confirmation_page_is_not_shown_for_a_forbidden_change(
        self, client_for, facilitator, event
    ):
        response = client_for(facilitator).post(
            f"/events/{event.slug}/status/", {"status": "archived"}
        )
        assert response.status_code == 302
        event.refresh_from_db()
        assert event.status == "open"

    def test_another_facilitators_event_is_a_404(self, client_for, facilitator, other_event):
        response = client_for(facilitator).post(
            f"/events/{other_event.slug}/status/", {"status": "closed", "confirm": "on"}
        )
        assert response.status_code == 404


def test_the_event_page_offers_entering_and_importing_stories(client_for, facilitator, event):
    page = client_for(facilitator).get(f"/events/{event.slug}/").content.decode()
    assert f"/facilitate/events/{event.pk}/stories/new/" in page
    assert f"/facilitate/events/{event.pk}/stories/import/" in page
    assert "Enter a story for a participant" in page


def test_researchers_do_not_see_the_entry_links(client_for, researcher, event):
    response = client_for(researcher).get(f"/events/{event.slug}/")
    assert response.status_code == 200
    assert "/stories/new/" not in response.content.decode()
