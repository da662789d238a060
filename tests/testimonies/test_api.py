import json

import pytest
from rest_framework.test import APIClient

from accounts.roles import Role
from testimonies.models import Testimony
from testimonies.selectors import consent_text_current
from testimonies.services import new_submission_key
from tests.factories import EventFacilitatorFactory
from tests.testimonies.factories import STORY, open_event, submit

pytestmark = pytest.mark.django_db

ANON, P, F, R, A = "anonymous", Role.PARTICIPANT, Role.FACILITATOR, Role.RESEARCHER, Role.ADMIN
ROLES = (ANON, P, F, R, A)


def api_for(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def world(role_users):
    event = open_event()
    EventFacilitatorFactory(event=event, user=role_users[F])
    story = submit(event, participant=role_users[P]).testimony
    return {"event": event, "story": story}


def payload(ev, **extra):
    data = {
        "event_token": ev.submission_token,
        "consent_language": "en",
        "consent_version": 1,
        "scopes": ["research"],
        "text": STORY,
    }
    data.update(extra)
    return data


def test_every_role_on_every_read_endpoint(world, role_users):
    sid, eid = world["story"].public_id, world["event"].pk
    expected = {
        "/api/v1/receipts/": (401, 200, 200, 200, 200),
        f"/api/v1/receipts/{sid}/": (401, 200, 404, 404, 404),
        "/api/v1/research-copies/": (401, 403, 403, 200, 200),
        f"/api/v1/research-copies/{sid}/": (401, 403, 403, 200, 200),
        f"/api/v1/events/{eid}/testimony-counts/": (401, 403, 200, 200, 200),
        "/api/v1/my-data/": (401, 200, 200, 200, 200),
        "/api/v1/consent-texts/current/?language=fr": (200, 200, 200, 200, 200),
        "/api/v1/testimonies/": (405, 405, 405, 405, 405),
        "/api/v1/withdrawals/": (405, 405, 405, 405, 405),
    }
    for url, statuses in expected.items():
        for index, role in enumerate(ROLES):
            status = api_for(role_users[role]).get(url).status_code
            assert status == statuses[index], (url, role, status)


def test_every_role_may_submit_by_token_and_withdraw_by_code(world, role_users):
    for role in ROLES:
        response = api_for(role_users[role]).post(
            "/api/v1/testimonies/", payload(world["event"]), format="json"
        )
        assert response.status_code == 201, (role, response.content)
        code = response.json()["withdrawal_code"]
        withdrawn = api_for(role_users[role]).post(
            "/api/v1/withdrawals/", {"code": code, "everything": True}, format="json"
        )
        assert withdrawn.status_code == 200, (role, withdrawn.content)
        assert withdrawn.json()["status"] == "withdrawn"


def test_create_returns_the_receipt_and_a_code_and_links_signed_in_users(world, role_users):
    response = api_for(role_users[P]).post(
        "/api/v1/testimonies/",
        payload(
            world["event"], scopes=["research", "age_band"], characteristics={"age_band": "65_plus"}
        ),
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["receipt"]["version"] == "KI-CR-v1.1.0"
    assert body["receipt"]["entendu"]["consentText"]["sha256"]
    assert body["receipt"]["sensitive"] is True
    assert len(body["withdrawal_code"]) >= 32
    t = Testimony.objects.get(public_id=body["receipt"]["consentReceiptID"])
    assert t.participant == role_users[P]
    assert t.characteristics.age_band == "65_plus"


def test_idempotency_key_header_stores_one_story(world):
    key = new_submission_key()
    client = api_for(None)
    first = client.post(
        "/api/v1/testimonies/", payload(world["event"]), format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    second = client.post(
        "/api/v1/testimonies/", payload(world["event"]), format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["withdrawal_code"] == second.json()["withdrawal_code"]
    assert Testimony.objects.count() == 2  # the world's story and this one


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"scopes": []}, "scope_research"),
        ({"characteristics": {"gender": "woman"}}, "gender"),
        ({"contact": {"email": "a@example.org"}}, "contact_email"),
        ({"text": ""}, "text"),
        ({"text": "x" * 20_001}, "text"),
        # NOTE: control characters are removed (issue 14): a text of nothing else is empty.
        ({"text": "\x00\x07\x1b"}, "text"),
    ],
)
def test_bad_input_is_a_400_with_the_field_and_saves_nothing(world, extra, field):
    before = Testimony.objects.count()
    response = api_for(None).post(
        "/api/v1/testimonies/", payload(world["event"], **extra), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert Testimony.objects.count() == before


def test_control_characters_are_removed_from_a_story(world):
    response = api_for(None).post(
        "/api/v1/testimonies/", payload(world["event"], text="nul \x00 byte \x1b 🙂"), format="json"
    )
    assert response.status_code == 201
    assert Testimony.objects.latest("pk").text == "nul  byte  🙂"


def test_unpaired_surrogate_in_json_is_refused(world):
    body = json.dumps(payload(world["event"])).replace(STORY, "bad \\ud800 text")
    response = api_for(None).post("/api/v1/testimonies/", body, content_type="application/json")
    assert response.status_code == 400
    assert Testimony.objects.count() == 1


def test_a_closed_or_unknown_token_is_a_404(world):
    response = api_for(None).post(
        "/api/v1/testimonies/", payload(world["event"], event_token="x" * 30), format="json"
    )
    assert response.status_code == 404


def test_facilitator_creates_for_their_event_only(world, role_users):
    data = payload(world["event"], event=world["event"].pk, consent_method="paper")
    data.pop("event_token")
    assert (
        api_for(role_users[F]).post("/api/v1/testimonies/", data, format="json").status_code == 201
    )
    other = open_event()
    data["event"] = other.pk
    assert (
        api_for(role_users[F]).post("/api/v1/testimonies/", data, format="json").status_code == 404
    )
    assert (
        api_for(role_users[P]).post("/api/v1/testimonies/", data, format="json").status_code == 404
    )


def test_researchers_read_redacted_copies_only_and_never_withdrawn_ones(world, role_users):
    t = submit(world["event"], text="mail ana@example.org").testimony
    client = api_for(role_users[R])
    listed = client.get("/api/v1/research-copies/").json()["results"]
    texts = {item["id"]: item["redacted_text"] for item in listed}
    assert texts[str(t.public_id)] == "mail [EMAIL]"
    assert all("text" not in item for item in listed)
    assert "contact" not in json.dumps(listed)
    from testimonies.services import testimony_withdraw

    testimony_withdraw(testimony=t, actor="code")
    listed = client.get("/api/v1/research-copies/").json()["results"]
    assert str(t.public_id) not in {item["id"] for item in listed}
    assert client.get(f"/api/v1/research-copies/{t.public_id}/").status_code == 404


def test_narrowed_scopes_show_at_once_in_the_research_api(world, role_users):
    submission = submit(world["event"], scopes=["research", "quote_anonymous"])
    client = api_for(role_users[R])
    url = f"/api/v1/research-copies/{submission.testimony.public_id}/"
    assert client.get(url).json()["may_quote_anonymously"] is True
    api_for(None).post(
        "/api/v1/withdrawals/",
        {"code": submission.withdrawal_code, "scopes": ["quote_anonymous"]},
        format="json",
    )
    assert client.get(url).json()["may_quote_anonymously"] is False


def test_wrong_codes_are_rate_limited_in_the_api(world):
    client = api_for(None)
    statuses = [
        client.post(
            "/api/v1/withdrawals/", {"code": "z" * 32, "everything": True}, format="json"
        ).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429


def test_counts_hold_no_text(world, role_users):
    body = (
        api_for(role_users[F]).get(f"/api/v1/events/{world['event'].pk}/testimony-counts/").json()
    )
    assert body["total"] == 1
    assert body["by_scope"]["research"] == 1
    assert STORY not in json.dumps(body)


def test_receipts_list_only_ones_own(world, role_users):
    submit(world["event"])
    body = api_for(role_users[P]).get("/api/v1/receipts/").json()
    assert [r["consentReceiptID"] for r in body["results"]] == [str(world["story"].public_id)]


def test_schema_lists_the_testimony_endpoints(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in (
        "/api/v1/testimonies/",
        "/api/v1/receipts/",
        "/api/v1/receipts/{public_id}/",
        "/api/v1/withdrawals/",
        "/api/v1/research-copies/",
        "/api/v1/research-copies/{public_id}/",
        "/api/v1/my-data/",
        "/api/v1/consent-texts/current/",
    ):
        assert path in schema["paths"], path


def test_research_copies_carry_only_consented_characteristics(world, role_users):
    from testimonies.services import testimony_withdraw

    t = submit(
        world["event"],
        scopes=["research", "gender", "disability"],
        characteristics={"gender": "woman", "disability": "yes"},
    ).testimony
    client = api_for(role_users[R])
    url = f"/api/v1/research-copies/{t.public_id}/"
    assert client.get(url).json()["characteristics"] == {"gender": "woman", "disability": "yes"}
    testimony_withdraw(testimony=t, scopes=["disability"], actor="participant")
    assert client.get(url).json()["characteristics"] == {"gender": "woman"}


def test_research_copy_list_query_count_is_flat(world, role_users, django_assert_max_num_queries):
    for _ in range(25):
        submit(world["event"], scopes=["research", "gender"], characteristics={"gender": "man"})
    with django_assert_max_num_queries(8):
        assert api_for(role_users[R]).get("/api/v1/research-copies/").status_code == 200


def test_quotable_copies_follow_the_live_quote_scopes(world, role_users):
    from testimonies.selectors import quotable_research_copies_for_user
    from testimonies.services import testimony_withdraw

    anonymous = submit(world["event"], scopes=["research", "quote_anonymous"]).testimony
    named = submit(world["event"], scopes=["research", "quote_named"], first_name="Ana").testimony
    researcher = role_users[R]

    def ids(**kwargs):
        return {
            c.testimony_id for c in quotable_research_copies_for_user(user=researcher, **kwargs)
        }

    assert ids() == {anonymous.pk, named.pk}
    assert ids(named=True) == {named.pk}
    testimony_withdraw(testimony=named, scopes=["quote_named"], actor="participant")
    assert ids() == {anonymous.pk}
    assert quotable_research_copies_for_user(user=role_users[F]).count() == 0


def test_a_client_reads_the_consent_text_then_submits_with_its_version(world):
    client = api_for(None)
    text = client.get("/api/v1/consent-texts/current/?language=fr-CA").json()
    latest = consent_text_current(language="fr")
    assert (text["language"], text["version"]) == ("fr", latest.version)
    assert len(text["sha256"]) == 64
    response = client.post(
        "/api/v1/testimonies/",
        payload(world["event"], consent_language=text["language"], consent_version=text["version"]),
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["receipt"]["entendu"]["consentText"]["sha256"] == text["sha256"]
