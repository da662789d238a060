"""Every role on every URL and API endpoint of the events app, including another facilitator's
event (a 404) and the one anonymous page."""

import pytest

from accounts.roles import Role
from tests.events.factories import CommitmentFactory, SessionFactory, SessionLogFactory

pytestmark = pytest.mark.django_db

ANON, P, F, R, A = "anonymous", Role.PARTICIPANT, Role.FACILITATOR, Role.RESEARCHER, Role.ADMIN
ROLES = (ANON, P, F, R, A)

READ = (302, 403, 200, 200, 200)
EDIT = (302, 403, 200, 403, 200)
ADMIN_ONLY = (302, 403, 403, 403, 200)
PUBLIC = (200, 200, 200, 200, 200)
# Another facilitator's event: our facilitator gets a 404, researchers still read.
OTHER_READ = (302, 403, 404, 200, 200)
OTHER_EDIT = (302, 403, 404, 403, 200)

POST_EDIT = (302, 403, 302, 403, 302)
POST_OTHER = (302, 403, 404, 403, 302)

API_READ = (401, 403, 200, 200, 200)
API_OTHER_READ = (401, 403, 404, 200, 200)


@pytest.fixture
def objects(event, other_event, facilitator):
    session = SessionFactory(event=event)
    SessionLogFactory(session=session)
    commitment = CommitmentFactory(event=event)
    other_session = SessionFactory(event=other_event)
    other_log = SessionLogFactory(session=other_session)
    other_commitment = CommitmentFactory(event=other_event)
    return {
        "e": event.slug,
        "s": session.pk,
        "l": session.log.pk,
        "c": commitment.pk,
        "oe": other_event.slug,
        "os": other_session.pk,
        "ol": other_log.pk,
        "oc": other_commitment.pk,
        "fid": facilitator.pk,
    }


GET_MATRIX = {
    "/events/": READ,
    "/events/new/": EDIT,
    "/events/import/": EDIT,
    "/events/export.csv": READ,
    "/events/programme/": ADMIN_ONLY,
    "/events/{e}/": READ,
    "/events/{e}/edit/": EDIT,
    "/events/{e}/facilitators/": EDIT,
    "/events/{e}/sessions/new/": EDIT,
    "/events/{e}/sessions/{s}/edit/": EDIT,
    "/events/{e}/sessions/{s}/log/": EDIT,
    "/events/{e}/commitments/": READ,
    "/events/{e}/commitments/new/": EDIT,
    "/events/{e}/commitments/{c}/edit/": EDIT,
    "/events/{e}/link/": EDIT,
    "/events/{e}/qr.png": EDIT,
    "/events/{e}/qr.svg": EDIT,
    "/events/{e}/public/": PUBLIC,
    "/events/{oe}/": OTHER_READ,
    "/events/{oe}/edit/": OTHER_EDIT,
    "/events/{oe}/facilitators/": OTHER_EDIT,
    "/events/{oe}/sessions/new/": OTHER_EDIT,
    "/events/{oe}/sessions/{os}/edit/": OTHER_EDIT,
    "/events/{oe}/sessions/{os}/log/": OTHER_EDIT,
    "/events/{oe}/commitments/": OTHER_READ,
    "/events/{oe}/commitments/new/": OTHER_EDIT,
    "/events/{oe}/commitments/{oc}/edit/": OTHER_EDIT,
    "/events/{oe}/link/": OTHER_EDIT,
    "/events/{oe}/qr.png": OTHER_EDIT,
    "/events/{oe}/qr.svg": OTHER_EDIT,
    # Not public: nobody sees it anonymously, whatever their role.
    "/events/{oe}/public/": (404, 404, 404, 404, 404),
    # A session of another event under our event's address is a 404 even for admins.
    "/events/{e}/sessions/{os}/log/": (302, 403, 404, 403, 404),
    "/api/v1/events/": API_READ,
    "/api/v1/events/{e}/": API_READ,
    "/api/v1/events/{oe}/": API_OTHER_READ,
    "/api/v1/sessions/": API_READ,
    "/api/v1/sessions/{s}/": API_READ,
    "/api/v1/sessions/{os}/": API_OTHER_READ,
    "/api/v1/session-logs/": API_READ,
    "/api/v1/session-logs/{l}/": API_READ,
    "/api/v1/session-logs/{ol}/": API_OTHER_READ,
    "/api/v1/commitments/": API_READ,
    "/api/v1/commitments/{c}/": API_READ,
    "/api/v1/commitments/{oc}/": API_OTHER_READ,
}


@pytest.mark.parametrize("pattern", GET_MATRIX)
def test_get_by_role(pattern, objects, role_users, client_for):
    url = pattern.format(**objects)
    for index, role in enumerate(ROLES):
        response = client_for(role_users[role]).get(url)
        assert response.status_code == GET_MATRIX[pattern][index], (url, role)


# Each POST is sent to a fresh set of objects per role, so one role's change cannot hide
# another's refusal.
POST_MATRIX = {
    "/events/{e}/status/": ({"status": "closed"}, POST_EDIT),
    "/events/{oe}/status/": ({"status": "closed"}, POST_OTHER),
    "/events/{e}/link/rotate/": ({}, POST_EDIT),
    "/events/{oe}/link/rotate/": ({}, POST_OTHER),
    "/events/{e}/commitments/{c}/status/": ({"status": "done"}, POST_EDIT),
    "/events/{oe}/commitments/{oc}/status/": ({"status": "done"}, POST_OTHER),
    "/events/{e}/sessions/{s}/delete/": ({}, POST_EDIT),
    "/events/{oe}/sessions/{os}/delete/": ({}, POST_OTHER),
    "/events/{e}/facilitators/{fid}/remove/": ({}, POST_EDIT),
}


@pytest.mark.parametrize("pattern", POST_MATRIX)
@pytest.mark.parametrize("index", range(5))
def test_post_by_role(pattern, index, objects, role_users, client_for):
    data, expected = POST_MATRIX[pattern]
    role = ROLES[index]
    response = client_for(role_users[role]).post(pattern.format(**objects), data)
    assert response.status_code == expected[index], (pattern, role)


API_WRITES = {
    ("post", "/api/v1/events/"): (401, 403, 201, 403, 201),
    ("patch", "/api/v1/events/{e}/"): (401, 403, 200, 403, 200),
    ("patch", "/api/v1/events/{oe}/"): (401, 403, 404, 403, 200),
    ("post", "/api/v1/events/{e}/status/"): (401, 403, 200, 403, 200),
    ("post", "/api/v1/events/{oe}/status/"): (401, 403, 404, 403, 200),
    ("post", "/api/v1/sessions/"): (401, 403, 201, 403, 201),
    ("patch", "/api/v1/sessions/{s}/"): (401, 403, 200, 403, 200),
    ("patch", "/api/v1/sessions/{os}/"): (401, 403, 404, 403, 200),
    ("delete", "/api/v1/sessions/{os}/"): (401, 403, 404, 403, 204),
    ("patch", "/api/v1/session-logs/{l}/"): (401, 403, 200, 403, 200),
    ("patch", "/api/v1/session-logs/{ol}/"): (401, 403, 404, 403, 200),
    ("post", "/api/v1/commitments/"): (401, 403, 201, 403, 201),
    ("patch", "/api/v1/commitments/{c}/"): (401, 403, 200, 403, 200),
    ("patch", "/api/v1/commitments/{oc}/"): (401, 403, 404, 403, 200),
}


def _api_payload(method, pattern, objects, index):
    if pattern == "/api/v1/events/":
        return {
            "title": f"API dialogue {index}",
            "kind": "dialogue",
            "starts_at": "2030-05-01T09:00:00+02:00",
            "ends_at": "2030-05-01T17:00:00+02:00",
            "timezone": "Europe/Paris",
            "country": "FR",
            "city": "Nantes",
            "languages": ["fr"],
            "population_focus": ["women"],
            "partner_organisations": [],
        }
    if pattern.endswith("/status/"):
        return {"status": "closed"}
    if pattern == "/api/v1/sessions/":
        return {
            "event": objects["e"],
            "title": "Breakout",
            "starts_at": "2099-01-01T00:00:00Z",
            "duration_minutes": 45,
            "format": "role_play",
        }
    if pattern == "/api/v1/commitments/":
        return {"event": objects["e"], "description": "Interpreters", "organisation": "CHU"}
    if "session-logs" in pattern:
        return {"attendance_total": 50}
    if "sessions" in pattern:
        return {"title": "Renamed"}
    return {"organisation": "Renamed"}


@pytest.mark.parametrize("key", API_WRITES)
@pytest.mark.parametrize("index", range(5))
def test_api_writes_by_role(key, index, objects, event, role_users, client_for):
    method, pattern = key
    role = ROLES[index]
    payload = _api_payload(method, pattern, objects, index)
    if pattern == "/api/v1/sessions/":
        payload["starts_at"] = event.starts_at.isoformat()
    client = client_for(role_users[role])
    response = getattr(client, method)(
        pattern.format(**objects), payload, content_type="application/json"
    )
    assert response.status_code == API_WRITES[key][index], (method, pattern, role, response.content)


def test_every_events_url_is_in_the_matrix():
    """A new URL of the events app must be added to the matrix above."""
    from django.urls import get_resolver

    resolver = get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if getattr(pattern, "namespace", None) == "events":
            names |= {p.name for p in pattern.url_patterns}
    covered = {
        "list", "create", "import", "export", "programme", "detail", "edit", "facilitators",
        "session_create", "session_edit", "session_log", "commitments", "commitment_create",
        "commitment_edit", "link", "qr_png", "qr_svg", "public", "status", "link_rotate",
        "commitment_status", "session_delete", "facilitator_remove",
    }  # fmt: skip
    assert names == covered
