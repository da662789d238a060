"""Allauth's pages and the e-mails it sends us are in the reader's language, in all six."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = ("fr", "pt-br", "es", "de", "ja")


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def _password_reset_mail(client, email, language):
    mail.outbox.clear()
    response = client.post(
        "/accounts/password/reset/", {"email": email}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def _signup_mail(client, email, language):
    mail.outbox.clear()
    data = {"email": email, "password1": "Kx9-long-enough!", "password2": "Kx9-long-enough!"}
    client.post("/accounts/signup/", data, HTTP_ACCEPT_LANGUAGE=language)
    client.logout()
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def _sentences(text):
    """The body's sentences without links, so two languages' bodies can be compared."""
    lines = re.sub(r"https?://\S+", "", text).splitlines()
    return {line.strip() for line in lines if len(line.strip()) > 20}


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_password_reset_mail_is_in_the_readers_language(client, language):
    user = UserFactory()
    english = _password_reset_mail(client, user.email, "en")
    translated = _password_reset_mail(client, user.email, language)
    assert "Password Reset" in english.subject
    assert translated.subject != english.subject
    assert _sentences(english.body).isdisjoint(_sentences(translated.body)), translated.body
    assert "/accounts/password/reset/key/" in translated.body


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_confirmation_mail_is_in_the_readers_language(client, language):
    english = _signup_mail(client, "en@example.org", "en")
    translated = _signup_mail(client, f"{language}@example.org", language)
    assert translated.subject != english.subject
    assert _sentences(english.body).isdisjoint(_sentences(translated.body)), translated.body
    assert "/accounts/confirm-email/" in translated.body


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_allauth_pages_are_in_the_readers_language(client, language, url):
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<html lang="{language}">' in page
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", english, re.S).group(1).strip()
    assert heading not in re.sub(r"<title>.*?</title>", "", page, flags=re.S)
    assert "untranslated-notice" not in page
