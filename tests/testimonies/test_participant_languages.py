"""The participant link's language: negotiated against the event's languages, switched on every
step without losing what was typed, and consent recorded in the language shown."""

import html
import re

import pytest
from django.conf import settings

from testimonies.models import Testimony
from testimonies.selectors import consent_text_current
from tests.testimonies.factories import STORY, open_event

pytestmark = pytest.mark.django_db

TITLES = {
    "en": "Sharing your story with Entendu",
    "fr": "Partager votre histoire avec Entendu",
    "es": "Compartir su relato con Entendu",
    "de": "Ihre Geschichte mit Entendu teilen",
    "ja": "あなたの体験談を Entendu と共有する",
    "pt-br": "Compartilhar sua história com o Entendu",
}


def _url(event):
    return f"/t/{event.submission_token}/"


def _body(response):
    return html.unescape(response.content.decode())


def _consent_text_id(response):
    return re.search(r'name="consent_text" value="(\d+)"', response.content.decode()).group(1)


def _html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_a_japanese_browser_gets_japanese_on_an_event_offering_it(client):
    event = open_event(languages=["en", "ja"])
    response = client.get(_url(event), HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5")
    assert _html_lang(response) == "ja"
    assert TITLES["ja"] in _body(response)
    assert response["Content-Language"] == "ja"


def test_an_event_offering_only_spanish_opens_in_spanish_whatever_the_browser(client):
    event = open_event(languages=["es"])
    response = client.get(_url(event), HTTP_ACCEPT_LANGUAGE="ja")
    assert _html_lang(response) == "es"
    assert TITLES["es"] in _body(response)
    assert 'name="switch_language"' not in response.content.decode()  # nothing to switch to


def test_without_a_match_the_events_first_language_wins(client):
    event = open_event(languages=["de", "en"])
    response = client.get(_url(event), HTTP_ACCEPT_LANGUAGE="ja")
    assert _html_lang(response) == "de"
    assert TITLES["de"] in _body(response)


def test_a_regional_variant_matches_its_language_and_back(client):
    event = open_event(languages=["pt-BR", "de"])
    assert _html_lang(client.get(_url(event), HTTP_ACCEPT_LANGUAGE="pt")) == "pt-br"
    assert _html_lang(client.get(_url(event), HTTP_ACCEPT_LANGUAGE="de-AT")) == "de"


def test_the_language_cookie_wins_over_the_browser(client):
    event = open_event(languages=["en", "fr", "ja"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get(_url(event), HTTP_ACCEPT_LANGUAGE="ja")
    assert _html_lang(response) == "fr"
    assert TITLES["fr"] in _body(response)


def test_a_cookie_for_a_language_the_event_does_not_offer_is_ignored(client):
    event = open_event(languages=["en", "ja"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert _html_lang(client.get(_url(event), HTTP_ACCEPT_LANGUAGE="ja")) == "ja"


def test_an_explicit_lang_wins_and_is_remembered_as_a_preference(client):
    event = open_event(languages=["en", "de"])
    response = client.get(_url(event) + "?lang=de", HTTP_ACCEPT_LANGUAGE="en")
    assert _html_lang(response) == "de"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "de"
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["max-age"]


def test_the_switcher_offers_the_events_languages_in_their_own_names(client):
    event = open_event(languages=["en", "ja", "pt-BR"])
    body = _body(client.get(_url(event)))
    switcher = body[body.index('id="step-language"') : body.index("</select>")]
    assert re.findall(r'value="([^"]+)"', switcher) == ["en", "ja", "pt-br"]
    assert 'lang="ja"' in switcher and "日本語" in switcher and 'lang="pt-BR"' in switcher
    assert "Français" not in switcher
    # The hidden default button comes first: Enter in a field sends the step, not a switch.
    hidden = body.index('form="step-form" hidden')
    assert hidden < body.index('name="switch_language"')


def test_switching_on_the_consent_step_keeps_the_ticks_and_saves_nothing(client):
    event = open_event(languages=["en", "de"])
    first = client.get(_url(event))
    data = {
        "step": "consent",
        "consent_text": _consent_text_id(first),
        "scope_research": "on",
        "scope_gender": "on",
        "lang": "de",
        "switch_language": "1",
    }
    response = client.post(_url(event), data)
    body = _body(response)
    assert response.status_code == 200
    assert _html_lang(response) == "de" and TITLES["de"] in body
    assert re.search(r'name="scope_research"[^>]*checked', body)
    assert re.search(r'name="scope_gender"[^>]*checked', body)
    assert not re.search(r'name="scope_contact"[^>]*checked', body)
    assert 'class="error' not in body and "error-summary" not in body
    german = consent_text_current(language="de")
    assert _consent_text_id(response) == str(german.pk)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"


def _story_step(client, event, **headers):
    first = client.get(_url(event), **headers)
    data = {"step": "consent", "consent_text": _consent_text_id(first), "scope_research": "on"}
    data["scope_contact"] = "on"
    story = client.post(_url(event), data, **headers)
    body = story.content.decode()
    return {
        "step": "story",
        "consent_text": _consent_text_id(story),
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', body).group(1),
        "scopes": ["research", "contact"],
    }


def test_switching_on_the_story_step_keeps_everything_typed(client):
    event = open_event(languages=["en", "ja"])
    data = _story_step(client, event)
    typed = {
        "text": "Le médecin m'a écouté.\nLine two <b>bold</b>",
        "title": "Un titre",
        "trust_affected": "yes",
        "reasons": ["judged", "not_listened_to"],
        "restore_trust": "Listen.",
        "contact_email": "me@example.org",
        "lang": "ja",
        "switch_language": "1",
    }
    response = client.post(_url(event), {**data, **typed})
    body = _body(response)
    assert response.status_code == 200
    assert _html_lang(response) == "ja"
    assert typed["text"] in body and 'value="Un titre"' in body
    assert 'value="me@example.org"' in body and "Listen." in body
    for value in typed["reasons"]:
        assert re.search(rf'value="{value}"[^>]*checked', body), value
    assert re.search(r'value="yes"[^>]*checked', body)
    assert data["submission_key"] in body
    assert Testimony.objects.count() == 0


def test_consent_is_recorded_in_the_language_shown_with_its_hash(client):
    event = open_event(languages=["en", "ja", "de"])
    data = _story_step(client, event, HTTP_ACCEPT_LANGUAGE="ja")
    japanese = consent_text_current(language="ja")
    assert data["consent_text"] == str(japanese.pk)
    # Switching the page to German after consenting keeps the consent given in Japanese.
    client.post(
        _url(event),
        {
            **data,
            "text": STORY,
            "contact_email": "me@example.org",
            "lang": "de",
            "switch_language": "1",
        },
    )
    response = client.post(
        _url(event), {**data, "text": STORY, "contact_email": "me@example.org", "lang": "de"}
    )
    assert response.status_code == 200 and _html_lang(response) == "de"
    testimony = Testimony.objects.get()
    assert testimony.consent_text == japanese
    import hashlib

    assert japanese.sha256 == hashlib.sha256(japanese.body.encode()).hexdigest()
    body = _body(response)
    assert japanese.sha256 in body and "(ja)" in body


def test_the_receipt_can_be_shown_again_in_another_language_with_its_code(client):
    event = open_event(languages=["en", "fr"])
    data = _story_step(client, event)
    receipt = client.post(_url(event), {**data, "text": STORY, "contact_email": "me@example.org"})
    code = re.search(r'id="withdrawal-code">([^<]+)<', receipt.content.decode()).group(1)
    assert 'name="step" value="receipt"' in receipt.content.decode()
    again = client.post(
        _url(event), {"step": "receipt", "code": code, "lang": "fr", "switch_language": "1"}
    )
    assert again.status_code == 200 and _html_lang(again) == "fr"
    assert code in again.content.decode() and "Ce que vous avez accepté" in _body(again)
    assert Testimony.objects.count() == 1


def test_a_wrong_code_on_the_receipt_switch_shows_nothing(client):
    event = open_event(languages=["en", "fr"])
    response = client.post(
        _url(event),
        {"step": "receipt", "code": "x" * 30, "lang": "fr", "switch_language": "1"},
    )
    assert response.status_code == 404


def _receipt_code(client):
    event = open_event(languages=["en", "fr"])
    data = _story_step(client, event)
    data["scopes"] = ["research", "contact"]
    receipt = client.post(_url(event), {**data, "text": STORY, "contact_email": "me@example.org"})
    return re.search(r'id="withdrawal-code">([^<]+)<', receipt.content.decode()).group(1)


def test_switching_on_the_withdrawal_code_page_keeps_the_code(client):
    response = client.post(
        "/withdraw/", {"code": "typed-but-not-sent", "lang": "ja", "switch_language": "1"}
    )
    assert response.status_code == 200 and _html_lang(response) == "ja"
    assert 'value="typed-but-not-sent"' in response.content.decode()
    assert "error-summary" not in response.content.decode()


def test_switching_on_the_withdrawal_choice_keeps_the_choices_and_withdraws_nothing(client):
    code = _receipt_code(client)
    data = {"code": code, "step": "confirm", "what": "some", "scopes": ["contact"]}
    response = client.post("/withdraw/", {**data, "lang": "de", "switch_language": "1"})
    body = response.content.decode()
    assert response.status_code == 200 and _html_lang(response) == "de"
    assert re.search(r'value="some"[^>]*checked', body)
    assert re.search(r'value="contact"[^>]*checked', body)
    assert Testimony.objects.get().scope_contact is True
    done = client.post("/withdraw/", {**data, "lang": "de"})
    assert done.status_code == 200 and _html_lang(done) == "de"
    assert Testimony.objects.get().scope_contact is False


def test_a_facilitator_entry_shows_the_consent_text_in_the_events_languages(client_for):
    from accounts.roles import Role
    from tests.factories import EventFacilitatorFactory, UserFactory

    facilitator = UserFactory(roles=[Role.FACILITATOR])
    event = open_event(languages=["ja", "de"])
    EventFacilitatorFactory(event=event, user=facilitator)
    c = client_for(facilitator)
    url = f"/facilitate/events/{event.pk}/stories/new/"
    page = c.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert _html_lang(page) == "en"  # the facilitator's own page stays in their language
    assert TITLES["ja"] in _body(page)  # the event's first language for the consent text
    assert re.search(r'class="consent-text"[^>]*lang="ja"', page.content.decode())
    german = c.get(url + "?lang=de", HTTP_ACCEPT_LANGUAGE="en")
    assert TITLES["de"] in _body(german) and _html_lang(german) == "en"
    data = {
        "consent_text": _consent_text_id(german),
        "submission_key": re.search(
            r'name="submission_key" value="([^"]+)"', german.content.decode()
        ).group(1),
        "consent_method": "spoken",
        "scope_research": "on",
        "witnessed": "on",
        "text": "Told at the dialogue.",
    }
    assert c.post(url, data, HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    assert Testimony.objects.get().consent_text.language == "de"
