from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.http import Http404

from core.exceptions import ApplicationError
from events import services
from events.models import Commitment, CommitmentStatusChange, Event, EventFacilitator, SessionLog
from events.selectors import event_for_submission_token
from tests.events.factories import SessionFactory, ThemeFactory
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def event_fields(**overrides):
    fields = {
        "title": "Dialogue on disability and women's health",
        "kind": Event.Kind.DIALOGUE,
        "starts_at": datetime(2030, 3, 8, 9, 30, tzinfo=PARIS),
        "ends_at": datetime(2030, 3, 8, 17, 0, tzinfo=PARIS),
        "timezone": "Europe/Paris",
        "country": "FR",
        "city": "Paris",
        "languages": ["fr"],
        "population_focus": ["women", "disability"],
        "partner_organisations": ["UNESCO", "APF France handicap"],
    }
    fields.update(overrides)
    return fields


class TestEventCreate:
    def test_creates_with_lead_facilitator_slug_and_token(self, facilitator):
        event = services.event_create(user=facilitator, **event_fields())
        assert event.slug == "dialogue-on-disability-and-womens-health"
        assert EventFacilitator.objects.get(event=event).user == facilitator
        assert event.memberships.get().role == EventFacilitator.Role.LEAD
        # SECURITY: at least 128 bits; token_urlsafe(32) gives 43 characters of 6 bits each.
        assert len(event.submission_token) >= 43

    def test_second_event_with_same_title_gets_another_slug(self, facilitator):
        first = services.event_create(user=facilitator, **event_fields())
        second = services.event_create(user=facilitator, **event_fields())
        assert first.slug != second.slug

    def test_reserved_slug_is_avoided(self, facilitator):
        assert services.event_create(user=facilitator, **event_fields(title="New")).slug == "new-2"

    def test_admin_creates_without_becoming_facilitator(self, admin_user):
        event = services.event_create(user=admin_user, **event_fields())
        assert not event.memberships.exists()

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"ends_at": datetime(2030, 3, 8, 8, 0, tzinfo=PARIS)}, "ends_at"),
            ({"country": "XX"}, "country"),
            ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
            ({"title": "x" * 201}, "title"),
            ({"description": "x" * 10_001}, "description"),
            ({"languages": ["klingon"]}, "languages"),
            ({"population_focus": ["women", "women"]}, "population_focus"),
            ({"city": "", "is_online": False}, "city"),
            ({"partner_organisations": ["x" * 201]}, "partner_organisations"),
        ],
    )
    def test_bad_input_is_a_field_error_and_saves_nothing(self, facilitator, overrides, field):
        with pytest.raises(ApplicationError) as info:
            services.event_create(user=facilitator, **event_fields(**overrides))
        assert field in info.value.field_errors
        assert info.value.field_errors[field]
        assert not Event.objects.exists()
        assert not EventFacilitator.objects.exists()

    def test_online_event_needs_no_city(self, facilitator):
        event = services.event_create(user=facilitator, **event_fields(city="", is_online=True))
        assert event.is_online

    def test_datetimes_are_stored_aware_in_utc(self, facilitator):
        event = services.event_create(user=facilitator, **event_fields())
        event.refresh_from_db()
        assert event.starts_at == datetime(2030, 3, 8, 8, 30, tzinfo=ZoneInfo("UTC"))


class TestStatusAndToken:
    def test_open_event_token_resolves(self, event):
        assert event_for_submission_token(token=event.submission_token) == event

    @pytest.mark.parametrize("status", ["planned", "closed", "archived"])
    def test_token_of_an_event_that_is_not_open_is_refused(self, event, status):
        Event.objects.filter(pk=event.pk).update(status=status)
        with pytest.raises(Http404):
            event_for_submission_token(token=event.submission_token)

    @pytest.mark.parametrize("token", ["", "short", "x" * 200, None])
    def test_malformed_or_unknown_tokens_are_refused(self, event, token):
        with pytest.raises(Http404):
            event_for_submission_token(token=token)

    def test_rotation_kills_the_old_token(self, event):
        old = event.submission_token
        services.event_token_rotate(event=event)
        assert event.submission_token != old
        with pytest.raises(Http404):
            event_for_submission_token(token=old)
        assert event_for_submission_token(token=event.submission_token) == event

    def test_closing_clears_the_token_and_reopening_late_issues_a_new_one(self, event):
        old = event.submission_token
        services.event_status_change(event=event, status=Event.Status.CLOSED)
        event.refresh_from_db()
        assert event.submission_token is None
        with pytest.raises(Http404):
            event_for_submission_token(token=old)
        with pytest.raises(ApplicationError):
            services.event_token_rotate(event=event)
        Event.objects.filter(pk=event.pk).update(closed_at=event.closed_at - timedelta(days=15))
        services.event_status_change(event=event, status=Event.Status.OPEN)
        event.refresh_from_db()
        assert event.submission_token and event.submission_token != old

    def test_archived_is_final(self, event):
        services.event_status_change(event=event, status=Event.Status.CLOSED)
        services.event_status_change(event=event, status=Event.Status.ARCHIVED)
        with pytest.raises(ApplicationError):
            services.event_status_change(event=event, status=Event.Status.OPEN)

    def test_planned_cannot_jump_to_archived(self, facilitator):
        event = services.event_create(user=facilitator, **event_fields())
        with pytest.raises(ApplicationError) as info:
            services.event_status_change(event=event, status=Event.Status.ARCHIVED)
        assert "status" in info.value.field_errors


class TestFacilitators:
    def test_add_co_facilitator_and_keep_a_lead(self, event, facilitator):
        co = UserFactory(roles=["facilitator"])
        services.event_facilitator_add(event=event, email=co.email.upper(), role="co")
        assert event.memberships.count() == 2
        with pytest.raises(ApplicationError):
            services.event_facilitator_remove(event=event, user_id=facilitator.pk)
        services.event_facilitator_remove(event=event, user_id=co.pk)
        assert event.memberships.count() == 1

    def test_only_facilitators_can_be_added(self, event, researcher):
        with pytest.raises(ApplicationError) as info:
            services.event_facilitator_add(event=event, email=researcher.email, role="co")
        assert "email" in info.value.field_errors


class TestSessionsAndLogs:
    def test_session_must_start_during_the_event(self, event):
        with pytest.raises(ApplicationError) as info:
            services.session_create(
                event=event,
                title="Too early",
                starts_at=event.starts_at - timedelta(days=1),
                duration_minutes=60,
                format="plenary",
            )
        assert "starts_at" in info.value.field_errors

    def test_session_facilitators_must_facilitate_the_event(self, event):
        stranger = UserFactory(roles=["facilitator"])
        with pytest.raises(ApplicationError) as info:
            services.session_create(
                event=event,
                title="Circle",
                starts_at=event.starts_at,
                duration_minutes=60,
                format="plenary",
                facilitators=[stranger],
            )
        assert "facilitators" in info.value.field_errors

    def test_log_is_created_then_updated(self, session, facilitator):
        services.session_log_save(session=session, user=facilitator, attendance_total=30)
        services.session_log_save(
            session=session, user=facilitator, attendance_total=35, attendance_women=20
        )
        log = SessionLog.objects.get(session=session)
        assert (log.attendance_total, log.attendance_women) == (35, 20)

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"attendance_total": -1}, "attendance_total"),
            ({"attendance_total": 10, "attendance_women": -2}, "attendance_women"),
            ({"attendance_total": 10, "attendance_lgbtq": 11}, "attendance_lgbtq"),
            ({"attendance_total": 10, "notes": "x" * 10_001}, "notes"),
        ],
    )
    def test_bad_counts_are_refused(self, session, facilitator, fields, field):
        with pytest.raises(ApplicationError) as info:
            services.session_log_save(session=session, user=facilitator, **fields)
        assert field in info.value.field_errors
        assert not SessionLog.objects.exists()

    def test_overlapping_groups_may_sum_above_the_total(self, session, facilitator):
        log = services.session_log_save(
            session=session,
            user=facilitator,
            attendance_total=10,
            attendance_women=8,
            attendance_disability=6,
        )
        assert log.pk

    def test_database_refuses_a_group_count_above_the_total(self, session):
        from django.db import IntegrityError

        with pytest.raises(IntegrityError):
            SessionLog.objects.create(session=session, attendance_total=5, attendance_women=6)


class TestCommitments:
    def test_status_history_records_who_when_from_to_and_note(self, event, facilitator, theme):
        c = services.commitment_create(
            event=event,
            user=facilitator,
            description="Interpreters at reception",
            organisation="City hospital",
            themes=[theme],
        )
        services.commitment_status_change(
            commitment=c, user=facilitator, status="in_progress", note="Budget approved"
        )
        services.commitment_update(commitment=c, user=facilitator, status="done")
        history = list(CommitmentStatusChange.objects.filter(commitment=c))
        assert [(h.from_status, h.to_status) for h in history] == [
            ("", "proposed"),
            ("proposed", "in_progress"),
            ("in_progress", "done"),
        ]
        assert history[1].note == "Budget approved"
        assert all(h.changed_by == facilitator and h.changed_at for h in history)
        assert list(Commitment.objects.get().themes.all()) == [theme]

    def test_same_status_adds_no_history(self, event, facilitator):
        c = services.commitment_create(
            event=event, user=facilitator, description="x", organisation="y"
        )
        services.commitment_status_change(commitment=c, user=facilitator, status="proposed")
        assert c.history.count() == 1

    def test_themes_must_be_top_level_codes_of_the_default_codebook(self, event, facilitator):
        parent = ThemeFactory()
        child = ThemeFactory(codebook=parent.codebook, parent=parent)
        with pytest.raises(ApplicationError) as info:
            services.commitment_create(
                event=event,
                user=facilitator,
                description="x",
                organisation="y",
                themes=[child],
            )
        assert "themes" in info.value.field_errors
        assert not Commitment.objects.exists()

    def test_session_of_another_event_is_refused(self, event, other_event, facilitator):
        with pytest.raises(ApplicationError) as info:
            services.commitment_create(
                event=event,
                user=facilitator,
                description="x",
                organisation="y",
                session=SessionFactory(event=other_event),
            )
        assert "session" in info.value.field_errors


class TestPortableListLookup:
    def test_has_item_filters_languages_and_population(self, db):
        a = EventFactory(languages=["fr", "en"], population_focus=["women"])
        b = EventFactory(languages=["pt-BR"], population_focus=["lgbtq", "over_65"])
        assert list(Event.objects.filter(languages__has_item="en")) == [a]
        assert list(Event.objects.filter(languages__has_item="pt-BR")) == [b]
        assert list(Event.objects.filter(population_focus__has_item="over_65")) == [b]
        # A prefix or substring is not an item.
        assert not Event.objects.filter(languages__has_item="pt").exists()
        assert not Event.objects.filter(population_focus__has_item="wo").exists()
