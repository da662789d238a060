"""No IP address or user agent is stored with a story; story text, tokens and withdrawal codes
never reach the logs."""

import logging
import re

import pytest
from django.apps import apps
from rest_framework.test import APIClient

from testimonies.models import Testimony
from tests.testimonies.factories import open_event

pytestmark = pytest.mark.django_db

CANARY = "CANARY-7f3e9b1c-story-text-must-never-be-logged"


@pytest.fixture
def every_logger(caplog):
    """caplog at DEBUG on the root logger and on every logger that does not propagate."""
    caplog.set_level(logging.DEBUG)
    attached = []
    for logger in list(logging.root.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            previous = logger.level
            logger.setLevel(logging.DEBUG)
            if not logger.propagate:
                logger.addHandler(caplog.handler)
            attached.append((logger, previous))
    yield caplog
    for logger, previous in attached:
        logger.setLevel(previous)
        if caplog.handler in logger.handlers:
            logger.removeHandler(caplog.handler)


def _logged(caplog) -> str:
    parts = [caplog.text]
    for record in caplog.records:
        parts.append(str(record.args))
        parts.append(str(getattr(record, "request", "")))
    return "\n".join(parts)


def test_canary_story_token_and_code_never_reach_the_logs(
    client, every_logger, django_capture_on_commit_callbacks
):
    event = open_event()
    token = event.submission_token
    url = f"/t/{token}/"
    page = client.get(url).content.decode()
    consent_text = re.search(r'name="consent_text" value="(\d+)"', page).group(1)
    # A refused consent step (400) and a refused story (400): errors are not logged with the path.
    client.post(url, {"step": "consent", "consent_text": consent_text})
    step2 = client.post(
        url, {"step": "consent", "consent_text": consent_text, "scope_research": "on"}
    ).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', step2).group(1)
    story = {
        "step": "story",
        "consent_text": consent_text,
        "scopes": ["research"],
        "submission_key": key,
        "text": f"{CANARY} my doctor ignored me",
    }
    client.post(url, {**story, "lgbtq": "yes"})
    client.put(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, story)
    code = re.search(r'id="withdrawal-code">([^<]+)<', response.content.decode()).group(1)
    client.post(url, story)  # a double click
    # A closed link, wrong codes, then the right code.
    client.get(f"/t/{token}x/")
    for _ in range(3):
        client.post("/withdraw/", {"code": code[::-1]})
    client.post("/withdraw/", {"code": code})
    client.post(
        "/withdraw/",
        {"code": code, "step": "confirm", "what": "everything", "erase_confirmed": "yes"},
    )
    # The API, with its 4xx answers.
    api = APIClient()
    payload = {
        "event_token": token,
        "consent_language": "en",
        "consent_version": 1,
        "scopes": ["research"],
        "text": f"{CANARY} via the API",
    }
    api.post("/api/v1/testimonies/", {**payload, "scopes": []}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post("/api/v1/testimonies/", payload, format="json").json()
    api_code = created["withdrawal_code"]
    api.post("/api/v1/withdrawals/", {"code": api_code[::-1], "everything": True}, format="json")
    api.post("/api/v1/withdrawals/", {"code": api_code, "everything": True}, format="json")

    logged = _logged(every_logger)
    assert every_logger.records, "the capture saw nothing: the test would prove nothing"
    for secret in (CANARY, "my doctor ignored me", token, code, api_code, key):
        assert secret not in logged
    assert Testimony.objects.filter(status="withdrawn").count() == 2
    # A template variable that fails to resolve makes django.template log the whole context:
    # our templates get every variable they read (Django's own form templates aside).
    unresolved = [
        r.getMessage()
        for r in every_logger.records
        if r.name == "django.template" and "testimonies/" in r.getMessage()
    ]
    assert unresolved == []


def test_no_model_of_the_app_has_an_ip_or_user_agent_field():
    forbidden = {"ip", "ipaddress", "addr", "address", "remote", "agent", "useragent", "host"}
    models = list(apps.get_app_config("testimonies").get_models())
    models.append(apps.get_model("core", "OutboxMessage"))
    for model in models:
        for field in model._meta.get_fields():
            tokens = set(field.name.lower().split("_"))
            assert not tokens & forbidden, (model.__name__, field.name)
