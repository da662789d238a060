"""The participant form's empty parts are kept rendered (the "fragments" cache, issue 22 point
5): each language and each set of choices gets its own copy, and a form with answers or errors
is never served from it."""

import re

import pytest
from django.core.cache import caches
from django.test import Client

from tests.testimonies.factories import open_event

pytestmark = pytest.mark.django_db


def _consent(client: Client, url: str, *scopes: str, language: str = "en") -> str:
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    data = {
        "step": "consent",
        "consent_text": re.search(r'name="consent_text" value="(\d+)"', page).group(1),
        **{f"scope_{s}": "on" for s in ("research", *scopes)},
    }
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_each_set_of_choices_gets_its_own_story_fields():
    url = f"/t/{open_event().submission_token}/"
    with_contact = _consent(Client(), url, "contact")
    without = _consent(Client(), url)
    again = _consent(Client(), url, "contact")
    assert 'name="contact_email"' in with_contact and 'name="contact_email"' in again
    assert 'name="contact_email"' not in without
    assert 'name="text"' in without
    assert len(caches["fragments"]._cache) >= 3  # consent choices, two story field sets


def test_each_language_gets_its_own_copy():
    url = f"/t/{open_event().submission_token}/"
    english = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = Client().get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Required to send a story" in english
    assert "Nécessaire pour envoyer une histoire" in french
    story = _consent(Client(), url, "contact", language="fr")
    assert "Comment pouvons-nous vous contacter ?" in story


def test_a_form_with_errors_is_rendered_afresh():
    url = f"/t/{open_event().submission_token}/"
    client = Client()
    story = _consent(client, url)
    data = {
        "step": "story",
        "consent_text": re.search(r'name="consent_text" value="(\d+)"', story).group(1),
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', story).group(1),
        "scopes": ["research"],
        "title": "A title kept as typed",
        "text": "",
    }
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Please write your story before sending it." in body
    assert 'value="A title kept as typed"' in body
    consent = client.post(url, {"step": "consent", "consent_text": data["consent_text"]})
    assert consent.status_code == 400
    assert "To send a story, tick this box." in consent.content.decode()
