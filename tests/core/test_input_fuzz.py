"""Issue 14, point 12: no input reaches a 500. Hypothesis sends arbitrary Unicode, odd digits
("²", "٣", full-width), huge numbers and odd types to every participant form step and to the
API's writes: every answer is below 500, and a refused request saves nothing."""

import string

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from coding.models import CodeApplication, Memo
from coding.services import codebook_default_seed
from core.validation import INT_MAX, parse_positive_int
from events.models import Event, Session
from testimonies.forms import StoryForm
from testimonies.models import Scope, Testimony
from testimonies.services import new_submission_key
from tests.coding.factories import CodebookFactory, CodeFactory
from tests.coding.factories import story as coding_story
from tests.factories import EventFacilitatorFactory, EventFactory
from tests.testimonies.factories import open_event, submit

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ODD_NUMBERS = ["²", "٣", "３", "1²", "-1", "0", "+5", " 7", "1e3", "9" * 5000, str(2**63), ""]
# Text a form can carry (the test client encodes it as UTF-8: no lone surrogates).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
FORM_VALUE = st.one_of(TEXT, st.sampled_from(ODD_NUMBERS), st.just("x" * 25_000))
JSON_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
    st.sampled_from(ODD_NUMBERS),
)
JSON_VALUE = st.one_of(JSON_SCALAR, st.lists(JSON_SCALAR, max_size=3))


def fuzzed(valid: dict, values) -> st.SearchStrategy:
    """A dict with each field either its valid value, a fuzzed value, or missing."""
    return st.fixed_dictionaries(
        {},
        optional={name: st.one_of(st.just(value), values) for name, value in valid.items()},
    )


def _counts(*models) -> list[int]:
    return [model.objects.count() for model in models]


def _check(response, before, *models):
    assert response.status_code < 500
    if response.status_code >= 400:
        assert _counts(*models) == before


# --- the helper --------------------------------------------------------------------------------


@given(st.text(max_size=30) | st.sampled_from(ODD_NUMBERS) | st.integers())
@settings(max_examples=50, deadline=None)
def test_parse_positive_int_accepts_only_ascii_digits_in_range(value):
    number = parse_positive_int(value)
    if number is not None:
        assert 1 <= number <= INT_MAX
        assert isinstance(value, int) or (set(value) <= set(string.digits))


@pytest.mark.parametrize("value", ["²", "٣", "３", "-1", "0", "9" * 5000, str(INT_MAX + 1), " 1"])
def test_parse_positive_int_refuses(value):
    assert parse_positive_int(value) is None


# --- the participant's steps -------------------------------------------------------------------


@pytest.fixture
def event():
    submit(open_event())  # the consent texts
    return open_event()


@FUZZ
@given(data=st.data())
def test_consent_and_story_steps_never_fail(client, event, data):
    cache.clear()
    url = f"/t/{event.submission_token}/"
    consent = {"step": "consent", "consent_text": "1", "scope_research": "on"}
    story_fields = dict.fromkeys(StoryForm().fields, "")
    story = {
        "step": "story",
        "consent_text": "1",
        "scopes": "research",
        "submission_key": new_submission_key(),
        **story_fields,
        "text": "A story about the clinic.",
    }
    step = data.draw(st.sampled_from([consent, story]))
    body = data.draw(fuzzed(step, FORM_VALUE))
    before = _counts(Testimony)
    _check(client.post(url, body), before, Testimony)


@FUZZ
@given(data=st.data())
def test_withdrawal_steps_never_fail(client, event, data):
    cache.clear()
    code = submit(event).withdrawal_code
    valid = {"step": "confirm", "code": code, "scopes": Scope.QUOTE_ANONYMOUS.value}
    body = data.draw(fuzzed(valid, FORM_VALUE))
    before = _counts(Testimony)
    active = Testimony.objects.filter(status="active").count()
    response = client.post("/withdraw/", body)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert _counts(Testimony) == before
        assert Testimony.objects.filter(status="active").count() == active


# --- the API's writes --------------------------------------------------------------------------


def _api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@FUZZ
@given(data=st.data())
def test_testimony_api_never_fails(event, data):
    cache.clear()
    valid = {
        "event_token": event.submission_token,
        "consent_language": "en",
        "consent_version": 1,
        "scopes": ["research"],
        "text": "A story about the clinic.",
        "submission_key": new_submission_key(),
        "event": event.pk,
        "characteristics": {"gender": "woman"},
        "contact": {"email": "a@example.org"},
    }
    body = data.draw(fuzzed(valid, JSON_VALUE))
    before = _counts(Testimony)
    response = _api().post("/api/v1/testimonies/", body, format="json")
    _check(response, before, Testimony)


@FUZZ
@given(data=st.data())
def test_event_and_session_apis_never_fail(admin_user, data):
    cache.clear()
    event = Event.objects.first() or EventFactory()
    if not event.memberships.filter(user=admin_user).exists():
        EventFacilitatorFactory(event=event, user=admin_user)
    target = data.draw(st.sampled_from(["events", "sessions"]))
    if target == "events":
        valid = {
            "title": "A dialogue",
            "kind": "dialogue",
            "starts_at": "2030-05-01T17:00:00+02:00",
            "ends_at": "2030-05-01T19:00:00+02:00",
            "timezone": "Europe/Paris",
            "country": "FR",
            "city": "Lyon",
            "languages": ["fr"],
        }
    else:
        valid = {
            "event": event.slug,
            "title": "Morning",
            "starts_at": "2030-05-01T09:00:00+02:00",
            "duration_minutes": 60,
            "format": "in_person",
        }
    body = data.draw(fuzzed(valid, JSON_VALUE))
    before = _counts(Event, Session)
    response = _api(admin_user).post(f"/api/v1/{target}/", body, format="json")
    _check(response, before, Event, Session)


@pytest.fixture
def coded(researcher):
    book = CodebookFactory()
    return {"story": coding_story(), "code": CodeFactory(codebook=book)}


@FUZZ
@given(data=st.data())
def test_coding_application_and_memo_apis_never_fail(researcher, coded, data):
    cache.clear()
    target = data.draw(st.sampled_from(["applications", "memos"]))
    if target == "applications":
        valid = {
            "story": coded["story"].pk,
            "code": coded["code"].pk,
            "start": 0,
            "end": 4,
            "comment": "note",
        }
    else:
        valid = {"story": coded["story"].pk, "code": coded["code"].pk, "title": "t", "body": "b"}
    body = data.draw(fuzzed(valid, JSON_VALUE))
    before = _counts(CodeApplication, Memo)
    response = _api(researcher).post(f"/api/v1/{target}/", body, format="json")
    _check(response, before, CodeApplication, Memo)


# --- the cases the attack test found ------------------------------------------------------------

BAD_NUMBERS = ["²", "٣", "３", "9" * 5000, str(2**63)]


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_odd_consent_text_numbers_on_the_consent_and_story_steps(client, event, value):
    url = f"/t/{event.submission_token}/"
    consent = client.post(url, {"step": "consent", "consent_text": value, "scope_research": "on"})
    assert consent.status_code == 200  # the current text is used instead
    story = client.post(
        url,
        {
            "step": "story",
            "consent_text": value,
            "scopes": "research",
            "submission_key": new_submission_key(),
            "text": "A story about the clinic.",
        },
    )
    assert story.status_code == 400
    assert "consent text could not be found" in story.content.decode()
    assert Testimony.objects.count() == 1


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_odd_numbers_in_coding_and_analysis_pages(client_for, researcher, admin_user, value):
    codebook_default_seed()
    c = client_for(researcher)
    copy = coding_story()
    assert c.get(f"/coding/stories/{copy.pk}/?start={value}&end=3").status_code == 200
    before = Memo.objects.count()
    memo = c.post("/coding/memos/new/", {"memo-title": "t", "memo-body": "b", "code": value})
    assert memo.status_code == 404 and Memo.objects.count() == before
    assert c.get(f"/analysis/?by=country&parent={value}").status_code == 200
    api = _api(researcher).get(f"/api/v1/analysis/charts/themes-by/?parent={value}")
    assert api.status_code < 500
    assert _api(researcher).get(f"/api/v1/codes/?parent={value}").status_code == 400
    audit = client_for(admin_user).post(
        "/manage/original-text-log/", {"action": "revoke", "user": value}
    )
    assert audit.status_code == 404


@pytest.mark.parametrize("value", ["²", "٣", "３", "9" * 5000])
def test_odd_numbers_in_api_integer_fields_are_a_400(researcher, coded, value):
    before = _counts(CodeApplication)
    response = _api(researcher).post(
        "/api/v1/applications/",
        {"story": value, "code": coded["code"].pk},
        format="json",
    )
    assert response.status_code == 400 and "story" in response.json()
    assert _counts(CodeApplication) == before
