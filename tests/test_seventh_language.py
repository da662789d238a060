"""A seventh interface language by configuration alone: the pages open in it, show English
where there is no translation yet, and say so (README "Adding a language")."""

import importlib
import re

import pytest
from django.conf import settings
from django.test import override_settings

from config.env import env_languages
from events.models import language_choices
from tests.factories import open_event

WITH_KOREAN = [*settings.LANGUAGES, ("ko", "Korean")]


def test_the_environment_adds_languages_django_knows(monkeypatch):
    monkeypatch.setenv("ENTENDU_EXTRA_LANGUAGES", "ko:Korean, it")
    assert env_languages("ENTENDU_EXTRA_LANGUAGES") == [("ko", "Korean"), ("it", "Italian")]
    from config.settings import base

    try:
        importlib.reload(base)
        assert [code for code, _name in base.LANGUAGES][-2:] == ["ko", "it"]
        assert len(base.LANGUAGES) == len(settings.LANGUAGES) + 2
    finally:
        monkeypatch.delenv("ENTENDU_EXTRA_LANGUAGES")
        importlib.reload(base)


def test_an_unknown_code_is_refused_at_start(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("ENTENDU_EXTRA_LANGUAGES", "xx:Nowhere")
    with pytest.raises(ImproperlyConfigured):
        env_languages("ENTENDU_EXTRA_LANGUAGES")


@pytest.mark.django_db
@override_settings(LANGUAGES=WITH_KOREAN)
def test_the_participant_page_opens_in_korean_shown_in_english_and_marked(client):
    event = open_event(languages=["ko", "en"])
    response = client.get(f"/t/{event.submission_token}/", HTTP_ACCEPT_LANGUAGE="ko")
    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<html lang="ko">', body)
    assert '<body lang="en">' in body
    assert "Share your story" in body and "Continue to my story" in body
    notice = re.search(r'<p class="notice untranslated-notice" lang="en">(.*?)</p>', body).group(1)
    assert notice == (
        'This page is not yet available in <span lang="ko">한국어</span>; it is shown in English.'
    )
    # No Korean consent text yet: the English one, marked as English.
    assert re.search(r'class="consent-text"[^>]*lang="en"', body)
    assert "Sharing your story with Entendu" in body
    assert re.search(r'<option value="ko" lang="ko" selected>한국어</option>', body)


@pytest.mark.django_db
@override_settings(LANGUAGES=WITH_KOREAN)
def test_translated_languages_carry_no_marker(client):
    event = open_event(languages=["ko", "fr"])
    body = client.get(f"/t/{event.submission_token}/?lang=fr").content.decode()
    assert '<html lang="fr">' in body and "untranslated-notice" not in body
    assert "<body>" in body


@override_settings(LANGUAGES=WITH_KOREAN)
def test_events_may_offer_the_new_language():
    assert dict(language_choices())["ko"] == "Korean"
