"""Error pages (issue 17, point 8): 400, 403, 404 and 500 in the site's layout, in every
interface language, with a way back; never Django's bare English "403 Forbidden"."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
HEADINGS = {
    400: "The request could not be read",
    403: "You cannot open this page",
    404: "Page not found",
    500: "Something went wrong",
}


def _client(language: str, user=None) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
    return client


def _fetch(status: int, language: str):
    if status == 400:
        # A Host header outside ALLOWED_HOSTS: Django's SuspiciousOperation, answered with 400.
        return _client(language).get("/", HTTP_HOST="evil.example")
    if status == 403:
        # The finding: a facilitator opening the programme page (administrators only).
        return _client(language, UserFactory(roles=[Role.FACILITATOR])).get("/events/programme/")
    if status == 404:
        return _client(language).get("/no-such-page/")
    return _client(language).get("/boom/")


def _h1(body: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", body, re.S).group(1).strip()


def test_the_settings_serve_error_pages_not_debug_pages():
    assert settings.DEBUG is False


@pytest.mark.urls("tests.core.urls_boom")
@pytest.mark.parametrize("status", sorted(HEADINGS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_error_page_in_each_language(status, language):
    response = _fetch(status, language)
    assert response.status_code == status
    body = response.content.decode()
    with translation.override(language):
        expected = translation.gettext(HEADINGS[status])
    if language != "en":
        assert expected != HEADINGS[status], f"{status} heading is not translated into {language}"
    assert _h1(body) == expected
    assert f'<html lang="{language}"' in body
    # The site's layout and a way back.
    assert 'class="site-header' in body and '<main id="main"' in body and "<footer" in body
    assert '<a class="button" href="/">' in body
    assert "Forbidden" not in body and "Server Error" not in body


@pytest.mark.urls("tests.core.urls_boom")
def test_the_500_page_needs_no_request_and_shows_no_detail():
    body = _fetch(500, "fr").content.decode()
    assert "deliberate failure" not in body and "RuntimeError" not in body
    assert "csrfmiddlewaretoken" not in body  # rendered without the request


@pytest.mark.urls("tests.core.urls_boom")
def test_the_500_page_falls_back_to_plain_html_if_its_template_fails(monkeypatch):
    from core import views

    def broken(name):
        raise ValueError("missing manifest entry")

    monkeypatch.setattr(views.loader, "get_template", broken)
    response = _fetch(500, "en")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert 'href="/"' in response.content.decode()


def test_403_offers_a_signed_out_visitor_the_sign_in_and_a_signed_in_one_the_dashboard():
    user = UserFactory(roles=[Role.FACILITATOR])
    body = _client("en", user).get("/events/programme/").content.decode()
    assert 'href="/dashboard/"' in body
    assert "ask the person who manages your programme" in body


def test_a_missing_object_in_a_view_is_the_404_page(client_for, facilitator):
    body = client_for(facilitator).get("/events/no-such-event/").content.decode()
    assert _h1(body) == "Page not found"


def test_the_go_back_link_is_hidden_until_script_shows_it():
    body = _client("en").get("/no-such-page/").content.decode()
    assert re.search(r"<a [^>]*data-history-back hidden>", body)


def test_the_api_still_answers_its_404_in_json():
    response = _client("en").get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
