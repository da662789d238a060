"""The participant form's empty parts are kept rendered (the "fragments" cache, issue 22 point
5): each language and each set of choices gets its own copy, and a form with answers or errors
is never served from it."""

import re

import pytest
from django.core.cache import caches
from django.test import Client

from tests.analysis.factories import codebook_with_themes
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


def _receipt(url: str) -> str:
    client = Client()
    story = _consent(client, url)
    data = {
        "step": "story",
        "consent_text": re.search(r'name="consent_text" value="(\d+)"', story).group(1),
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', story).group(1),
        "scopes": ["research"],
        "text": "The nurse explained everything twice, kindly.",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content.decode()


def _reading(receipt: str) -> str:
    return re.search(r'name="action" value="own_reading">(.*?)<button', receipt, re.S).group(1)


def test_the_receipts_own_reading_questions_are_kept_per_set_of_themes():
    _book, themes = codebook_with_themes(2)
    url = f"/t/{open_event().submission_token}/"
    first, second = _receipt(url), _receipt(url)
    assert 'value="theme_1"' in _reading(first) and "Theme 1" in _reading(first)
    assert _reading(first) == _reading(second)
    assert [k for k in caches["fragments"]._cache if "own-reading-fields" in k]
    themes[1].translations = {"en": {"label": "Waiting times"}}
    themes[1].save()
    renamed = _reading(_receipt(url))
    assert "Waiting times" in renamed and "Theme 1" not in renamed
    # The code stays out of the kept copy: each receipt carries its own.
    codes = [re.search(r'name="code" value="([^"]+)"', r).group(1) for r in (first, second)]
    assert codes[0] != codes[1] and codes[0] not in str(caches["fragments"]._cache)


def test_the_own_page_shows_the_persons_own_answers_not_the_kept_copy():
    codebook_with_themes(2)
    url = f"/t/{open_event().submission_token}/"
    receipt = _receipt(url)
    code = re.search(r'name="code" value="([^"]+)"', receipt).group(1)
    client = Client()
    data = {"code": code, "action": "own_reading", "themes": ["theme_1"], "trust_change": "lower"}
    assert client.post("/my-story/", data).status_code == 200
    page = client.post("/my-story/", {"code": code}).content.decode()
    assert re.search(r'value="theme_1"[^>]*checked', page)
    assert re.search(r'value="lower"[^>]*checked', page)
