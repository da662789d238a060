"""Base template: landmarks, skip link, language switcher, nothing from third-party origins."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


@pytest.mark.parametrize("url", PAGES)
def test_landmarks_skip_link_and_language(url, client):
    body = client.get(url).content.decode()
    assert re.search(r'<html lang="en"', body)
    assert '<a class="skip-link" href="#main">' in body
    assert '<main id="main"' in body
    assert "<header" in body and "<footer" in body and '<nav aria-label="Main">' in body
    assert 'action="/i18n/setlang/"' in body


@pytest.mark.parametrize("url", PAGES + ["/api/v1/docs/"])
def test_no_third_party_origin(url, client):
    body = client.get(url).content.decode()
    external = re.findall(r'(?:src|href)="(https?:)?//[^"]+"', body)
    assert external == []


def test_login_form_fields_are_labelled(client):
    body = client.get("/accounts/login/").content.decode()
    for field_id in re.findall(r'<input[^>]+type="(?:email|password|text)"[^>]*id="([^"]+)"', body):
        assert f'for="{field_id}"' in body


def test_french_is_served_when_chosen(client):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="fr"' in body
    assert "Aller au contenu principal" in body
    assert "Se connecter" in body


@override_settings(LANGUAGE_CODE="fr")
def test_accept_language_french(client):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Votre expérience des soins compte" in body
