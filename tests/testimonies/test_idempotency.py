"""Issue 14, point 1: an idempotency key is bound to the caller who sent it, and the same key
with another payload is a conflict that changes nothing (service, API, web form)."""

import hashlib
import importlib
import re

import pytest
from django.apps import apps as django_apps
from rest_framework.test import APIClient

from core.exceptions import ApplicationError, ConflictError
from testimonies import services
from testimonies.models import Testimony
from tests.factories import UserFactory
from tests.testimonies.factories import STORY, open_event, submit

pytestmark = pytest.mark.django_db

OTHER_STORY = "A completely different story about the clinic and its waiting room."


# --- the service --------------------------------------------------------------------------------


def test_same_caller_same_payload_gets_the_same_story_and_code(participant):
    event, key = open_event(), services.new_submission_key()
    first = submit(event, participant=participant, submission_key=key)
    again = submit(event, participant=participant, submission_key=key)
    assert (first.created, again.created) == (True, False)
    assert again.testimony.pk == first.testimony.pk
    assert again.withdrawal_code == first.withdrawal_code


def test_another_caller_with_the_key_gets_nothing_of_the_first_story(participant):
    event, key = open_event(), services.new_submission_key()
    first = submit(event, participant=participant, submission_key=key)
    for caller in ({}, {"participant": UserFactory()}):
        other = submit(event, submission_key=key, **caller)
        assert other.created is True
        assert other.testimony.pk != first.testimony.pk
        assert other.withdrawal_code != first.withdrawal_code
    assert Testimony.objects.count() == 3


def test_same_key_with_another_payload_is_a_conflict_and_changes_nothing(participant):
    event, key = open_event(), services.new_submission_key()
    first = submit(event, participant=participant, submission_key=key)
    with pytest.raises(ConflictError):
        submit(event, participant=participant, submission_key=key, text=OTHER_STORY)
    with pytest.raises(ConflictError):
        submit(
            event,
            participant=participant,
            submission_key=key,
            scopes=("research", "quote_anonymous"),
        )
    assert Testimony.objects.count() == 1
    assert Testimony.objects.get().text == first.testimony.text == STORY


def _written() -> tuple[int, ...]:
    from audit.models import AuditEntry
    from core.models import OutboxMessage
    from testimonies.models import ConsentChange, ResearchCopy

    models = (Testimony, ConsentChange, ResearchCopy, AuditEntry, OutboxMessage)
    return tuple(model.objects.count() for model in models)


def test_a_retry_writes_nothing_and_still_gets_its_story_after_the_event_closed(participant):
    """A retry is found by the key's unique hash refusing its insert, not by a query first:
    nothing of it is written; once the event has closed, the rules refuse it, and it is found
    before that refusal."""
    event, key = open_event(), services.new_submission_key()
    first = submit(event, participant=participant, submission_key=key, channel="online")
    written = _written()
    again = submit(event, participant=participant, submission_key=key, channel="online")
    assert (again.created, again.testimony.pk) == (False, first.testimony.pk)
    assert _written() == written
    event.status = event.Status.CLOSED
    event.save(update_fields=["status"])
    late = submit(event, participant=participant, submission_key=key, channel="online")
    assert (late.created, late.testimony.pk) == (False, first.testimony.pk)
    assert late.withdrawal_code == first.withdrawal_code
    assert _written() == written
    with pytest.raises(ApplicationError):
        submit(event, participant=participant, submission_key=services.new_submission_key())


def test_line_endings_and_outer_spaces_are_the_same_payload():
    event, key = open_event(), services.new_submission_key()
    first = submit(event, submission_key=key, text="Line one.\nLine two is here.")
    again = submit(event, submission_key=key, text="  Line one.\r\nLine two is here.\n")
    assert again.testimony.pk == first.testimony.pk


def test_neither_the_key_nor_the_code_is_derivable_from_the_key_alone(participant):
    event, key = open_event(), services.new_submission_key()
    submission = submit(event, participant=participant, submission_key=key)
    row = Testimony.objects.filter(pk=submission.testimony.pk).values().get()
    assert row["submission_key_hash"] != hashlib.sha256(key.encode()).hexdigest()
    assert all(key not in str(value) for value in row.values())
    anonymous_code = services.withdrawal_code_for_key(key, event.pk, scope="anonymous")
    assert anonymous_code != submission.withdrawal_code


# --- the data migration ------------------------------------------------------------------------


def _legacy_code(key, event_id):
    import base64
    import hmac

    from django.conf import settings

    message = f"entendu-withdrawal:{event_id}:{key}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, "sha256").digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:32]


def test_migration_keeps_old_rows_working_for_their_owner_only(participant):
    event, key = open_event(), services.new_submission_key()
    story = submit(event, participant=participant).testimony
    legacy_code = _legacy_code(key, event.pk)
    Testimony.objects.filter(pk=story.pk).update(
        submission_key_hash=hashlib.sha256(key.encode()).hexdigest(),
        submission_payload_hash=None,
        withdrawal_code_hash=hashlib.sha256(legacy_code.encode()).hexdigest(),
        withdrawal_id=None,  # saved before the code format of testimonies.withdrawal_codes
    )
    migration = importlib.import_module("testimonies.migrations.0006_submission_key_scoped")
    migration.rehash_keys(django_apps, None)
    again = submit(event, participant=participant, submission_key=key)
    assert (again.created, again.testimony.pk, again.withdrawal_code) == (
        False,
        story.pk,
        legacy_code,
    )
    stranger = submit(event, submission_key=key)
    assert stranger.created is True and stranger.withdrawal_code != legacy_code


# --- the API ------------------------------------------------------------------------------------


def _api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _body(event, text=STORY):
    return {
        "event_token": event.submission_token,
        "consent_language": "en",
        "consent_version": 1,
        "scopes": ["research"],
        "text": text,
    }


def _post(client, event, key, text=STORY):
    return client.post(
        "/api/v1/testimonies/", _body(event, text), format="json", HTTP_IDEMPOTENCY_KEY=key
    )


@pytest.fixture
def sent(participant):
    submit(open_event())  # makes sure the consent texts exist
    event, key = open_event(), services.new_submission_key()
    first = _post(_api(participant), event, key)
    assert first.status_code == 201
    return {"event": event, "key": key, "first": first.json()}


@pytest.mark.parametrize("caller", ["anonymous", "other participant"])
@pytest.mark.parametrize("text", [STORY, OTHER_STORY])
def test_api_another_caller_never_sees_the_first_receipt_or_code(sent, caller, text):
    user = None if caller == "anonymous" else UserFactory()
    response = _post(_api(user), sent["event"], sent["key"], text)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["created"] is True
    first = sent["first"]
    assert body["withdrawal_code"] != first["withdrawal_code"]
    receipt_id = first["receipt"]["consentReceiptID"]
    assert body["receipt"]["consentReceiptID"] != receipt_id
    assert first["receipt"]["piiPrincipalId"] not in response.content.decode()


def test_api_same_caller_same_body_gets_the_same_receipt_and_code(sent, participant):
    response = _post(_api(participant), sent["event"], sent["key"])
    assert response.status_code == 200
    body = response.json()
    assert body["created"] is False
    assert body["withdrawal_code"] == sent["first"]["withdrawal_code"]
    assert body["receipt"]["consentReceiptID"] == sent["first"]["receipt"]["consentReceiptID"]


def test_api_same_caller_another_body_is_a_409_and_changes_nothing(sent, participant):
    before = list(Testimony.objects.values_list("pk", "text"))
    response = _post(_api(participant), sent["event"], sent["key"], OTHER_STORY)
    assert response.status_code == 409
    body = response.json()
    assert "different story" in body["detail"]
    assert "withdrawal_code" not in body and "receipt" not in body
    assert list(Testimony.objects.values_list("pk", "text")) == before


def test_api_anonymous_replay_of_an_anonymous_key(sent):
    key = services.new_submission_key()
    first = _post(_api(), sent["event"], key)
    again = _post(_api(), sent["event"], key)
    changed = _post(_api(), sent["event"], key, OTHER_STORY)
    assert (first.status_code, again.status_code, changed.status_code) == (201, 200, 409)
    assert again.json()["withdrawal_code"] == first.json()["withdrawal_code"]


# --- the web form -------------------------------------------------------------------------------


def _story_form(client, event):
    url = f"/t/{event.submission_token}/"
    page = client.get(url).content.decode()
    consent_text = re.search(r'name="consent_text" value="(\d+)"', page).group(1)
    story = client.post(
        url, {"step": "consent", "consent_text": consent_text, "scope_research": "on"}
    ).content.decode()
    return url, {
        "step": "story",
        "consent_text": consent_text,
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', story).group(1),
        "scopes": re.findall(r'name="scopes" value="([^"]+)"', story),
        "text": STORY,
    }


def _code(response) -> str:
    return re.search(r'id="withdrawal-code">([^<]+)<', response.content.decode()).group(1)


@pytest.mark.parametrize("first_caller", ["participant", "anonymous"])
def test_web_replays_by_caller_and_payload(client_for, participant, first_caller):
    event = open_event()
    owner = client_for(participant if first_caller == "participant" else None)
    url, data = _story_form(owner, event)
    first = owner.post(url, data)
    assert first.status_code == 200
    code = _code(first)
    # The same caller, the same story: the same receipt and code.
    again = owner.post(url, data)
    assert again.status_code == 200 and _code(again) == code
    assert Testimony.objects.count() == 1
    # The same caller, another story: a clear message, nothing changed.
    changed = owner.post(url, data | {"text": OTHER_STORY})
    assert changed.status_code == 400
    assert "already been sent with a different story" in changed.content.decode()
    assert code not in changed.content.decode()
    assert list(Testimony.objects.values_list("text", flat=True)) == [STORY]
    # Other callers holding the key: a new story of their own, never the first one's code.
    others = [client_for(UserFactory())]
    if first_caller == "participant":
        others.append(client_for(None))
    for other in others:
        response = other.post(url, data)
        assert response.status_code == 200
        assert _code(response) != code
        assert participant.email not in response.content.decode()
    assert Testimony.objects.count() == 1 + len(others)


# --- a withdrawal id that clashes (not looked up first: the unique index refuses it) ------------


@pytest.mark.parametrize("with_key", [False, True])
def test_a_clashing_withdrawal_id_is_drawn_again_and_the_code_works(
    monkeypatch, participant, with_key
):
    from testimonies import withdrawal_codes

    taken = submit(open_event()).testimony.withdrawal_id
    drawn = iter([taken, taken, "FRESH234"])
    monkeypatch.setattr(withdrawal_codes, "public_id_generate", lambda: next(drawn))
    key = services.new_submission_key() if with_key else None
    sent = submit(open_event(), participant=participant, submission_key=key)
    assert sent.created and sent.testimony.withdrawal_id == "FRESH234"
    assert Testimony.objects.filter(withdrawal_id=taken).count() == 1
    found = services.testimony_for_withdrawal_code(code=sent.withdrawal_code, client_key="t")
    assert found.pk == sent.testimony.pk


def test_a_withdrawal_id_that_always_clashes_gives_up_and_saves_nothing(monkeypatch):
    from testimonies import withdrawal_codes
    from testimonies.services import submission

    taken = submit(open_event()).testimony.withdrawal_id
    monkeypatch.setattr(withdrawal_codes, "public_id_generate", lambda: taken)
    event = open_event()
    with pytest.raises(AssertionError, match="no free withdrawal id"):
        submit(event)
    assert not Testimony.objects.filter(event=event).exists()
    assert submission.ID_ATTEMPTS >= 3
