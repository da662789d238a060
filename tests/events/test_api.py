import pytest
from django.contrib.auth.models import Permission

from tests.events.factories import CommitmentFactory, SessionFactory, SessionLogFactory
from tests.factories import EventFacilitatorFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_researcher_reads_logs_without_notes_unless_granted(client_for, researcher, log):
    c = client_for(researcher)
    row = c.get("/api/v1/session-logs/").json()["results"][0]
    assert row["attendance_total"] == 40
    assert "notes" not in row
    assert "notes" not in c.get(f"/api/v1/session-logs/{log.pk}/").json()
    researcher.user_permissions.add(Permission.objects.get(codename="view_sessionlog_notes"))
    c = client_for(type(researcher).objects.get(pk=researcher.pk))
    assert c.get(f"/api/v1/session-logs/{log.pk}/").json()["notes"] == "Private note for the team"


def test_facilitator_and_admin_read_notes(client_for, facilitator, admin_user, log):
    for user in (facilitator, admin_user):
        row = client_for(user).get("/api/v1/session-logs/").json()["results"][0]
        assert row["notes"] == "Private note for the team"


def test_researcher_html_dashboard_hides_notes(client_for, researcher, facilitator, log, event):
    assert (
        "Private note" not in client_for(researcher).get(f"/events/{event.slug}/").content.decode()
    )
    assert "Private note" in client_for(facilitator).get(f"/events/{event.slug}/").content.decode()


def test_lists_are_scoped(client_for, facilitator, event, other_event):
    SessionFactory(event=other_event)
    CommitmentFactory(event=other_event)
    c = client_for(facilitator)
    assert [e["slug"] for e in c.get("/api/v1/events/").json()["results"]] == [event.slug]
    assert c.get("/api/v1/sessions/").json()["count"] == 0
    assert c.get("/api/v1/commitments/").json()["count"] == 0


def test_cannot_attach_a_session_to_someone_elses_event(client_for, facilitator, other_event):
    response = client_for(facilitator).post(
        "/api/v1/sessions/",
        {
            "event": other_event.slug,
            "title": "Sneaky",
            "starts_at": other_event.starts_at.isoformat(),
            "duration_minutes": 30,
            "format": "plenary",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "event" in response.json()
    assert not other_event.sessions.exists()


def test_event_filters(client_for, admin_user):
    EventFactory(
        slug="fr-2024",
        country="FR",
        starts_at="2024-06-20T09:00Z",
        ends_at="2024-06-20T17:00Z",
        population_focus=["lgbtq"],
        kind="dialogue",
    )
    EventFactory(
        slug="jp-2024",
        country="JP",
        starts_at="2024-04-21T01:00Z",
        ends_at="2024-04-21T07:00Z",
        languages=["ja"],
        kind="summit",
    )
    EventFactory(
        slug="fr-2023",
        country="FR",
        starts_at="2023-03-08T09:00Z",
        ends_at="2023-03-08T17:00Z",
        population_focus=["women", "disability"],
        status="closed",
    )
    c = client_for(admin_user)

    def slugs(query):
        response = c.get(f"/api/v1/events/?{query}")
        assert response.status_code == 200, response.content
        return sorted(e["slug"] for e in response.json()["results"])

    assert slugs("country=FR") == ["fr-2023", "fr-2024"]
    assert slugs("year=2024") == ["fr-2024", "jp-2024"]
    assert slugs("status=closed") == ["fr-2023"]
    assert slugs("population=disability") == ["fr-2023"]
    assert slugs("kind=summit") == ["jp-2024"]
    assert slugs("language=ja") == ["jp-2024"]
    assert slugs("country=FR&year=2024&population=lgbtq") == ["fr-2024"]
    assert c.get("/api/v1/events/?country=ZZ").status_code == 400


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"attendance_total": -3}, "attendance_total"),
        ({"attendance_total": 10, "attendance_women": 11}, "attendance_women"),
        ({"attendance_total": 10, "attendance_other": -1}, "attendance_other"),
    ],
)
def test_bad_log_is_400_per_field(client_for, facilitator, session, payload, field):
    response = client_for(facilitator).post(
        "/api/v1/session-logs/", {"session": session.pk, **payload}, content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not hasattr(type(session).objects.get(pk=session.pk), "log")


def test_bad_event_is_400_per_field(client_for, facilitator):
    response = client_for(facilitator).post(
        "/api/v1/events/",
        {
            "title": "x",
            "kind": "dialogue",
            "starts_at": "2030-05-01T17:00:00+02:00",
            "ends_at": "2030-05-01T09:00:00+02:00",
            "timezone": "Nowhere/Land",
            "country": "ZZ",
            "city": "Nantes",
            "languages": [],
            "population_focus": [],
            "partner_organisations": [],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "country" in response.json()


def test_event_api_service_errors_are_400(client_for, facilitator):
    response = client_for(facilitator).post(
        "/api/v1/events/",
        {
            "title": "x",
            "kind": "dialogue",
            "starts_at": "2030-05-01T17:00:00+02:00",
            "ends_at": "2030-05-01T09:00:00+02:00",
            "timezone": "Nowhere/Land",
            "country": "FR",
            "city": "Nantes",
            "languages": [],
            "population_focus": [],
            "partner_organisations": [],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "ends_at" in body and "timezone" in body


def test_commitment_status_change_via_api_keeps_history(client_for, facilitator, event, theme):
    c = client_for(facilitator)
    created = c.post(
        "/api/v1/commitments/",
        {
            "event": event.slug,
            "description": "Interpreters",
            "organisation": "CHU",
            "themes": ["education"],
        },
        content_type="application/json",
    ).json()
    updated = c.patch(
        f"/api/v1/commitments/{created['id']}/",
        {"status": "done", "status_note": "Interpreters hired"},
        content_type="application/json",
    ).json()
    assert updated["status"] == "done"
    assert [(h["from_status"], h["to_status"], h["note"]) for h in updated["history"]] == [
        ("", "proposed", ""),
        ("proposed", "done", "Interpreters hired"),
    ]


def test_schema_lists_the_events_paths(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in (
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
        "/api/v1/events/{slug}/status/",
        "/api/v1/sessions/",
        "/api/v1/sessions/{id}/",
        "/api/v1/session-logs/",
        "/api/v1/session-logs/{id}/",
        "/api/v1/commitments/",
        "/api/v1/commitments/{id}/",
    ):
        assert path in schema["paths"], path
    params = {p["name"] for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"]}
    assert {"country", "year", "status", "population", "kind", "language"} <= params


def _many(facilitator, n=8):
    for _i in range(n):
        event = EventFactory(population_focus=["women"])
        EventFacilitatorFactory(event=event, user=facilitator)
        session = SessionFactory(event=event)
        SessionLogFactory(session=session)
        CommitmentFactory(event=event)


@pytest.mark.parametrize(
    "url", ["/api/v1/events/", "/api/v1/sessions/", "/api/v1/session-logs/", "/api/v1/commitments/"]
)
def test_api_lists_use_a_constant_number_of_queries(
    url, client_for, facilitator, researcher, django_assert_max_num_queries
):
    _many(facilitator, 3)
    for user in (facilitator, researcher):
        c = client_for(user)
        c.get(url)  # warm the session and role caches
        with django_assert_max_num_queries(10) as small:
            c.get(url)
        _many(facilitator, 10)
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert c.get(url).status_code == 200


def test_researcher_granted_the_permission_reads_notes_in_the_pages(
    client_for, researcher, event, log
):
    researcher.user_permissions.add(Permission.objects.get(codename="view_sessionlog_notes"))
    body = client_for(researcher).get(f"/events/{event.slug}/").content.decode()
    assert "Private note for the team" in body


@pytest.mark.parametrize(
    "url",
    [
        "/admin/events/event/",
        "/admin/events/session/",
        "/admin/events/sessionlog/",
        "/admin/events/commitment/",
        "/admin/events/programmecountry/",
    ],
)
def test_admin_lists_load(client_for, admin_user, event, log, url):
    from tests.events.factories import CommitmentFactory

    CommitmentFactory(event=event)
    admin_user.is_superuser = True
    admin_user.save()
    assert client_for(admin_user).get(url).status_code == 200
    change = client_for(admin_user).get(f"/admin/events/event/{event.pk}/change/")
    assert event.submission_token not in change.content.decode()
