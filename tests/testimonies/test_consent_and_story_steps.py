"""Issue 17 (points 10 and 11): a layered consent step (a short summary, the full text one tap
away, the error summary first) and a story step that helps people start (prompts, length,
count). The text recorded with the story is still the whole consent text shown."""

import hashlib
import html
import re

import pytest
from django.utils import translation

from testimonies.forms import STORY_PROMPTS
from testimonies.models import TEXT_MAX_LENGTH, ConsentText, Testimony
from testimonies.selectors import consent_text_current
from tests.testimonies.factories import STORY, open_event

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "fr", "pt-br", "es", "de", "ja")


def _url(event):
    return f"/t/{event.submission_token}/"


def _consent_post(client, event, **scopes):
    page = client.get(_url(event)).content.decode()
    pk = re.search(r'name="consent_text" value="(\d+)"', page).group(1)
    data = {"step": "consent", "consent_text": pk}
    data.update({f"scope_{name}": "on" for name in scopes})
    return pk, client.post(_url(event), data)


def _story_data(body, **extra):
    data = {
        "step": "story",
        "consent_text": re.search(r'name="consent_text" value="(\d+)"', body).group(1),
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', body).group(1),
        "scopes": re.findall(r'name="scopes" value="([^"]+)"', body),
    }
    data.update(extra)
    return data


def _paragraphs(text: ConsentText) -> list[str]:
    return [html.escape(p, quote=True) for p in text.body.split("\n\n") if p.strip()]


# --- point 10: consent ------------------------------------------------------------------------


def test_consent_step_opens_with_a_short_summary_and_the_full_text_one_tap_away(client):
    event = open_event()
    body = client.get(_url(event)).content.decode()
    summary = body.index('class="consent-summary"')
    details = body.index('<details class="consent-full">')
    form = body.index('id="step-form"')
    assert summary < details < form
    for heading in ("In short", "Who reads it:", "Changing your mind:"):
        assert heading in body[summary:details]
    # The whole consent text is on the page, inside the <details>, and on its own page.
    text = consent_text_current(language="en")
    full = body[details : body.index("</details>", details)]
    for paragraph in _paragraphs(text):
        assert paragraph in full
    assert f'href="/consent/en/v{text.version}/"' in full
    assert client.get(f"/consent/en/v{text.version}/").status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_summary_is_translated(client, language):
    event = open_event(languages=["en", "fr", "pt-BR", "es", "de", "ja"])
    body = client.get(_url(event), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    with translation.override(language):
        heading = translation.gettext("In short")
        point = translation.gettext(
            "with the code you get after sending, you can delete your story at any time."
        )
    if language != "en":
        assert heading != "In short"
        assert not point.startswith("with the code")
    assert html.escape(heading) in body
    assert html.escape(point, quote=True) in body


def test_the_consent_recorded_is_the_whole_text_shown_with_its_hash(client):
    event = open_event()
    page = client.get(_url(event)).content.decode()
    pk, response = _consent_post(client, event, research="on")
    assert response.status_code == 200
    done = client.post(_url(event), _story_data(response.content.decode(), text=STORY))
    assert done.status_code == 200
    testimony = Testimony.objects.get()
    shown = ConsentText.objects.get(pk=pk)
    assert testimony.consent_text == shown
    assert shown.sha256 == hashlib.sha256(shown.body.encode("utf-8")).hexdigest()
    # Every paragraph of the recorded text was on the consent page, not only the summary.
    for paragraph in _paragraphs(shown):
        assert paragraph in page


def test_a_refused_consent_puts_the_error_summary_first_linking_to_the_box(client):
    event = open_event()
    _pk, response = _consent_post(client, event, quote_anonymous="on")
    assert response.status_code == 400
    body = response.content.decode()
    match = re.search(
        r'<div class="error-summary" role="alert" tabindex="-1" id="error-summary">', body
    )
    assert match
    # At the top: before the lead, the summary and the form.
    assert match.start() < body.index('class="lead"') < body.index('class="consent-summary"')
    summary = body[match.start() : body.index("</div>", match.start())]
    assert re.search(
        r'<a href="#id_scope_research">[^<]+</a>: To send a story, tick this box', summary
    )
    assert 'id="id_scope_research"' in body
    # The box keeps what the person ticked; nothing is saved.
    assert re.search(r'id="id_scope_quote_anonymous" checked', body)
    assert Testimony.objects.count() == 0


def test_the_error_summary_is_focused_by_the_shared_static_script():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "static" / "js" / "entendu.js").read_text()
    assert 'getElementById("error-summary")' in script and "summary.focus()" in script


# --- point 11: story --------------------------------------------------------------------------


def test_the_story_step_offers_prompts_the_length_and_a_count(client):
    event = open_event()
    _pk, response = _consent_post(client, event, research="on")
    body = response.content.decode()
    prompts = body[
        body.index('id="id_text_prompts"') : body.index("</ul>", body.index('id="id_text_prompts"'))
    ]
    for prompt in STORY_PROMPTS:
        assert html.escape(str(prompt), quote=True) in prompts
    assert f'maxlength="{TEXT_MAX_LENGTH}"' in body
    assert "Up to 20,000 characters." in body
    textarea = re.search(r"<textarea[^>]*>", body).group(0)
    described = re.search(r'aria-describedby="([^"]+)"', textarea).group(1).split()
    assert described == ["id_text_prompts", "id_text_helptext", "id_text_count"]
    for element_id in described:
        assert f'id="{element_id}"' in body
    count = re.search(r'<p class="help char-count" id="id_text_count"[^>]*>([^<]*)</p>', body)
    assert f'data-max="{TEXT_MAX_LENGTH}"' in count.group(0)
    assert 'data-template="{used} of {limit} characters used"' in count.group(0)
    assert count.group(1) == f"0 of {TEXT_MAX_LENGTH} characters used"
    assert re.search(
        r'<p class="visually-hidden" id="id_text_count_live" aria-live="polite">', body
    )
    assert 'src="/static/testimonies/story.js"' in body


@pytest.mark.parametrize("language", ["fr", "ja"])
def test_the_prompts_and_count_are_translated(client, language):
    event = open_event(languages=["en", "fr", "ja"])
    page = client.get(_url(event), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    pk = re.search(r'name="consent_text" value="(\d+)"', page).group(1)
    response = client.post(
        _url(event),
        {"step": "consent", "consent_text": pk, "scope_research": "on"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    body = response.content.decode()
    with translation.override(language):
        prompt = translation.gettext(str(STORY_PROMPTS[1]))
        template = translation.gettext("%(used)s of %(limit)s characters used")
    assert prompt != "What would have helped you then?"
    assert html.escape(prompt, quote=True) in body
    expected = html.escape(template % {"used": "{used}", "limit": "{limit}"}, quote=True)
    assert f'data-template="{expected}"' in body


def test_only_the_text_is_required(client):
    event = open_event()
    _pk, response = _consent_post(client, event, research="on")
    body = response.content.decode()
    empty = client.post(_url(event), _story_data(body, text=""))
    assert empty.status_code == 400
    errors = empty.content.decode()
    summary = errors[
        errors.index('id="error-summary"') : errors.index(
            "</div>", errors.index('id="error-summary"')
        )
    ]
    assert re.findall(r'<a href="#([^"]+)">', summary) == ["id_text"]
    assert errors.index('id="error-summary"') < errors.index('id="step-form"')
    done = client.post(_url(event), _story_data(body, text="Short."))
    assert done.status_code == 200
    assert Testimony.objects.get().text == "Short."


def test_the_count_is_kept_when_the_page_comes_back(client):
    event = open_event()
    _pk, response = _consent_post(client, event, research="on", contact="on")
    data = _story_data(response.content.decode(), text="Twelve chars", contact_email="nope")
    body = client.post(_url(event), data).content.decode()
    assert f"12 of {TEXT_MAX_LENGTH} characters used" in body
