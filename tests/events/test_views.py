from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from events.models import Commitment, Event, SessionLog
from tests.events.factories import CommitmentFactory, SessionFactory, SessionLogFactory
from tests.factories import EventFacilitatorFactory, EventFactory

pytestmark = pytest.mark.django_db

EVENT_FORM = {
    "title": "Pride dialogue",
    "kind": "dialogue",
    "starts_at": "2030-04-21T10:00",
    "ends_at": "2030-04-21T16:00",
    "timezone": "Asia/Tokyo",
    "country": "JP",
    "city": "Tokyo",
    "languages": ["ja", "en"],
    "population_focus": ["lgbtq"],
    "partner_organisations": "Tokyo Rainbow Pride\n\nTokyo Rainbow Pride\nAnother partner",
    "description": "",
}


def test_create_event_reads_local_time_in_the_chosen_zone(client_for, facilitator):
    response = client_for(facilitator).post("/events/new/", EVENT_FORM)
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:detail", args=[event.slug])
    assert event.starts_at == datetime(2030, 4, 21, 1, 0, tzinfo=ZoneInfo("UTC"))
    assert event.timezone == "Asia/Tokyo"
    assert event.partner_organisations == ["Tokyo Rainbow Pride", "Another partner"]
    assert event.memberships.get().user == facilitator


def test_edit_form_shows_local_time(client_for, facilitator):
    client = client_for(facilitator)
    client.post("/events/new/", EVENT_FORM)
    body = client.get(f"/events/{Event.objects.get().slug}/edit/").content.decode()
    assert 'value="2030-04-21T10:00"' in body


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": "2030-04-20T10:00"}, "ends_at"),
        ({"country": "ZZ"}, "country"),
        ({"timezone": "Asia/Atlantis"}, "timezone"),
        ({"title": "x" * 201}, "title"),
        ({"description": "x" * 10_001}, "description"),
    ],
)
def test_bad_event_form_shows_a_field_error_and_saves_nothing(
    client_for, facilitator, change, field
):
    response = client_for(facilitator).post("/events/new/", {**EVENT_FORM, **change})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Event.objects.exists()


def test_session_log_form_validates_counts(client_for, facilitator, event, session):
    url = f"/events/{event.slug}/sessions/{session.pk}/log/"
    c = client_for(facilitator)
    response = c.post(url, {"attendance_total": "10", "attendance_women": "12"})
    assert response.status_code == 200
    assert "attendance_women" in response.context["form"].errors
    response = c.post(url, {"attendance_total": "-1"})
    assert "attendance_total" in response.context["form"].errors
    assert not SessionLog.objects.exists()
    response = c.post(
        url, {"attendance_total": "10", "attendance_women": "7", "attendance_disability": "6"}
    )
    assert response.status_code == 302
    assert SessionLog.objects.get().attendance_total == 10


def test_session_log_page_is_phone_friendly(client_for, facilitator, event, session):
    body = (
        client_for(facilitator)
        .get(f"/events/{event.slug}/sessions/{session.pk}/log/")
        .content.decode()
    )
    assert 'name="viewport"' in body
    assert 'inputmode="numeric"' in body and 'min="0"' in body
    assert '<label for="id_attendance_total"' in body


def test_commitment_board_changes_status_with_history(client_for, facilitator, event):
    commitment = CommitmentFactory(event=event)
    c = client_for(facilitator)
    c.post(
        f"/events/{event.slug}/commitments/{commitment.pk}/status/",
        {"status": "done", "note": "Delivered"},
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DONE
    change = commitment.history.get()
    assert (change.from_status, change.to_status, change.note) == ("proposed", "done", "Delivered")
    body = c.get(f"/events/{event.slug}/commitments/").content.decode()
    assert "Delivered" in body


def test_dashboard_figures(client_for, facilitator, event):
    s1 = SessionFactory(event=event)
    SessionFactory(event=event)
    SessionLogFactory(session=s1, attendance_total=40, attendance_women=22)
    CommitmentFactory(event=event, status="done")
    CommitmentFactory(event=event)
    response = client_for(facilitator).get(f"/events/{event.slug}/")
    figures = response.context["figures"]
    assert (figures["sessions_held"], figures["sessions_planned"], figures["attendance"]) == (
        1,
        2,
        40,
    )
    assert {s: n for s, _, n in figures["commitments"]} == {
        "proposed": 1,
        "in_progress": 0,
        "done": 1,
        "dropped": 0,
    }
    assert ("women", "women", 22) in [(g, str(label), n) for g, label, n in figures["groups"]]


def test_public_page_shows_commitments_and_figures_never_notes(client, event, log):
    CommitmentFactory(event=event, status="done", public_progress_note="Interpreters hired")
    body = client.get(f"/events/{event.slug}/public/").content.decode()
    assert "Interpreters hired" in body
    assert "Private note" not in body
    assert "Not being listened to" not in body  # concerns raised stay internal
    assert ">40<" in body  # attendance aggregate (no separator below 1,000)


def test_public_page_of_a_private_event_is_404(client, event):
    Event.objects.filter(pk=event.pk).update(is_public=False)
    assert client.get(f"/events/{event.slug}/public/").status_code == 404


def test_qr_codes_encode_the_participant_link(client_for, facilitator, event):
    c = client_for(facilitator)
    png = c.get(f"/events/{event.slug}/qr.png")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert "no-store" in png["Cache-Control"]
    svg = c.get(f"/events/{event.slug}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    link = c.get(f"/events/{event.slug}/link/").content.decode()
    assert f"/t/{event.submission_token}/" in link


def test_rotating_the_link_from_the_page(client_for, facilitator, event):
    old = event.submission_token
    client_for(facilitator).post(f"/events/{event.slug}/link/rotate/")
    event.refresh_from_db()
    assert event.submission_token != old


def test_closing_the_event_stops_the_link(client_for, facilitator, event):
    c = client_for(facilitator)
    c.post(f"/events/{event.slug}/status/", {"status": "closed", "confirm": "on"})
    event.refresh_from_db()
    assert event.status == "closed" and event.submission_token is None
    assert c.get(f"/events/{event.slug}/qr.png").status_code == 404


def test_list_filters(client_for, admin_user):
    EventFactory(title="Paris women", country="FR", population_focus=["women"])
    EventFactory(title="Tokyo pride", country="JP", population_focus=["lgbtq"], kind="summit")
    c = client_for(admin_user)

    def titles(query):
        page = c.get(f"/events/?{query}").context["page"]
        return sorted(e.title for e in page.object_list)

    assert titles("") == ["Paris women", "Tokyo pride"]
    assert titles("country=JP") == ["Tokyo pride"]
    assert titles("population=women") == ["Paris women"]
    assert titles("kind=summit&country=FR") == []


def test_programme_overview_totals(client_for, admin_user):
    for country, year, attendance in (("FR", 2023, 100), ("FR", 2024, 250), ("JP", 2024, 80)):
        event = EventFactory(
            country=country,
            starts_at=datetime(year, 5, 1, 9, tzinfo=UTC),
            ends_at=datetime(year, 5, 1, 17, tzinfo=UTC),
        )
        SessionLogFactory(
            session=SessionFactory(event=event), attendance_total=attendance, attendance_women=None
        )
    overview = client_for(admin_user).get("/events/programme/").context["overview"]
    assert (overview["events"], overview["countries"], overview["participants"]) == (3, 2, 430)
    assert [(r["country"], r["events"], r["participants"]) for r in overview["by_country"]] == [
        ("FR", 2, 350),
        ("JP", 1, 80),
    ]
    assert [(r["year"], r["events"], r["participants"]) for r in overview["by_year"]] == [
        (2023, 1, 100),
        (2024, 2, 330),
    ]


def _many(facilitator, n):
    for _ in range(n):
        event = EventFactory()
        EventFacilitatorFactory(event=event, user=facilitator)
        SessionLogFactory(session=SessionFactory(event=event))
        CommitmentFactory(event=event)


@pytest.mark.parametrize("url", ["/events/", "/events/programme/", "/events/export.csv"])
def test_list_pages_use_a_constant_number_of_queries(
    url, client_for, admin_user, facilitator, django_assert_max_num_queries
):
    _many(facilitator, 3)
    c = client_for(admin_user)
    c.get(url)
    with django_assert_max_num_queries(15) as small:
        b"".join(getattr(c.get(url), "streaming_content", [b""]))
    _many(facilitator, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        b"".join(getattr(c.get(url), "streaming_content", [b""]))


def test_event_pages_use_a_constant_number_of_queries(
    client_for, facilitator, event, django_assert_max_num_queries
):
    for _ in range(2):
        SessionLogFactory(session=SessionFactory(event=event))
        CommitmentFactory(event=event)
    c = client_for(facilitator)
    for url in (
        f"/events/{event.slug}/",
        f"/events/{event.slug}/commitments/",
        f"/events/{event.slug}/public/",
    ):
        c.get(url)
        with django_assert_max_num_queries(25) as small:
            c.get(url)
        for _ in range(8):
            SessionLogFactory(session=SessionFactory(event=event))
            CommitmentFactory(event=event)
        with django_assert_max_num_queries(len(small.captured_queries)):
            c.get(url)


def test_pages_render_in_french(client_for, facilitator, event, log):
    c = client_for(facilitator)
    c.cookies["django_language"] = "fr"
    body = c.get(f"/events/{event.slug}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Séances" in body
    assert "Sessions" not in body


def test_dashboard_counts_testimonies_received_never_shows_their_text(
    client_for, facilitator, event
):
    from tests.testimonies.factories import STORY, ensure_consent_texts, submit

    ensure_consent_texts()
    submit(event)
    submit(event)
    response = client_for(facilitator).get(f"/events/{event.slug}/")
    assert response.context["figures"]["testimonies"]["total"] == 2
    assert STORY not in response.content.decode()
    public = client_for(None).get(f"/events/{event.slug}/public/").content.decode()
    assert STORY not in public


def test_a_time_skipped_by_the_clock_change_is_refused(client_for, facilitator):
    # Europe/Paris went from 02:00 to 03:00 on 2030-03-31.
    form = {**EVENT_FORM, "timezone": "Europe/Paris", "country": "FR", "city": "Paris"}
    form.update(starts_at="2030-03-31T02:30", ends_at="2030-03-31T16:00")
    response = client_for(facilitator).post("/events/new/", form)
    assert "starts_at" in response.context["form"].errors
    assert not Event.objects.exists()


def test_a_co_facilitator_who_leaves_lands_on_the_list(client_for, event):
    from tests.factories import UserFactory

    co = UserFactory(roles=["facilitator"])
    EventFacilitatorFactory(event=event, user=co, role="co")
    response = client_for(co).post(f"/events/{event.slug}/facilitators/{co.pk}/remove/")
    assert response["Location"] == "/events/"
    assert not event.memberships.filter(user=co).exists()
    assert client_for(co).get(f"/events/{event.slug}/").status_code == 404
