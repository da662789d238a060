"""Machine suggestions on the coding screen (issue 18, point 1): services, selectors, pages
(plain POST, no script), the API, the fragment, and the instance-wide switch."""

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework.test import APIClient

from coding import selectors, services
from coding.confidence import LEXICON_BOUNDS, confidence_band, confidence_words
from coding.models import Code, CodeApplication
from coding.services import codebook_default_seed
from core.exceptions import ApplicationError
from tests.coding.factories import story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXT = "Je suis arrivée tôt. Personne ne m’a écoutée 😢 pendant trois heures.\nFin."
EVIDENCE = (21, 68)  # « Personne ne m’a écoutée 😢 pendant trois heures. »


@pytest.fixture(autouse=True)
def _reader_language_reset():
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def world(researcher):
    book = codebook_default_seed()
    s = story(text=TEXT)
    theme = Code.objects.get(codebook=book, key="person_centred")
    sub = Code.objects.get(codebook=book, key="not_listened_to")
    comm = Code.objects.get(codebook=book, key="communication")
    passage, _ = services.suggestion_record(
        testimony=s,
        code=sub,
        confidence=0.7,
        model_version="lexicon-fr-r1",
        evidence_start=EVIDENCE[0],
        evidence_end=EVIDENCE[1],
    )
    whole, _ = services.suggestion_record(
        testimony=s, code=theme, confidence=0.3, model_version="lexicon-fr-r1"
    )
    other, _ = services.suggestion_record(
        testimony=s, code=comm, confidence=0.5, model_version="lexicon-fr-r1"
    )
    return {"book": book, "story": s, "passage": passage, "whole": whole, "other": other}


def test_the_evidence_offsets_are_a_sentence_of_the_story():
    assert TEXT[EVIDENCE[0] : EVIDENCE[1]] == "Personne ne m’a écoutée 😢 pendant trois heures."


# Services ------------------------------------------------------------------------------------


def test_accepting_defaults_to_the_passage_the_suggestion_rests_on(world, researcher):
    mine = services.suggestion_accept(suggestion=world["passage"], user=researcher)
    assert (mine.start, mine.end) == EVIDENCE
    assert mine.source == "human" and mine.suggestion_id == world["passage"].id
    world["passage"].refresh_from_db()
    assert world["passage"].status == "accepted"


def test_accepting_for_the_whole_story(world, researcher):
    mine = services.suggestion_accept(suggestion=world["passage"], user=researcher, scope="story")
    assert mine.start is None and mine.end is None


def test_without_evidence_the_default_is_the_whole_story_and_a_passage_is_refused(
    world, researcher
):
    with pytest.raises(ApplicationError) as error:
        services.suggestion_accept(suggestion=world["whole"], user=researcher, scope="passage")
    assert "scope" in error.value.field_errors
    world["whole"].refresh_from_db()
    assert world["whole"].status == "suggested"  # nothing half-saved
    assert not CodeApplication.objects.filter(coder=researcher).exists()
    mine = services.suggestion_accept(suggestion=world["whole"], user=researcher)
    assert mine.start is None


def test_an_unknown_scope_changes_nothing(world, researcher):
    with pytest.raises(ApplicationError):
        services.suggestion_accept(suggestion=world["passage"], user=researcher, scope="page")
    world["passage"].refresh_from_db()
    assert world["passage"].status == "suggested"


def test_switch_off_writes_no_suggestion(world, settings):
    settings.CODING_SUGGESTIONS_ENABLED = False
    before = CodeApplication.objects.filter(source="machine").count()
    with pytest.raises(ApplicationError):
        services.suggestion_record(
            testimony=world["story"],
            code=Code.objects.get(codebook=world["book"], key="judged"),
            confidence=0.5,
            model_version="lexicon-fr-r1",
        )
    written = services.suggestions_bulk_write(
        suggestions={world["story"].id: [(world["whole"].code_id, 0.9, None, None)]},
        versions={world["story"].id: "lexicon-fr-r2"},
    )
    assert written == 0
    assert CodeApplication.objects.filter(source="machine").count() == before
    world["whole"].refresh_from_db()
    assert world["whole"].model_version == "lexicon-fr-r1"


# Selectors -----------------------------------------------------------------------------------


def _offered(user, world):
    offered = [
        s.id
        for s in selectors.story_suggestions(
            user=user, testimony_id=world["story"].id, codebook=world["book"]
        )
    ]
    # The coding screen reads the same list from the story's applications (no second query).
    apps = list(
        selectors.story_applications(testimony_id=world["story"].id, codebook=world["book"])
    )
    among = selectors.story_suggestions_among(user=user, applications=apps)
    assert [s.id for s in among] == offered
    return offered


def test_suggestions_are_offered_strongest_first(world, researcher):
    assert _offered(researcher, world) == [
        world["passage"].id,
        world["other"].id,
        world["whole"].id,
    ]


def test_a_suggestion_leaves_once_its_code_is_on_the_story(world, researcher):
    other = UserFactory(roles=["researcher"])
    # Applied by hand (to a passage elsewhere than its evidence): gone for this researcher...
    services.application_create(
        testimony=world["story"], code=world["other"].code, coder=researcher, start=0, end=4
    )
    assert world["other"].id not in _offered(researcher, world)
    # ...still offered to a researcher who has not applied it.
    assert world["other"].id in _offered(other, world)
    # Accepted or rejected: gone for everyone.
    services.suggestion_accept(suggestion=world["passage"], user=other)
    services.suggestion_reject(suggestion=world["whole"], user=other)
    assert _offered(researcher, world) == []
    assert _offered(other, world) == [world["other"].id]


def test_switch_off_offers_nothing(world, researcher, settings):
    settings.CODING_SUGGESTIONS_ENABLED = False
    assert _offered(researcher, world) == []
    assert not selectors.suggestions_for_user(user=researcher).exists()


def test_confidence_in_words_follows_the_calibrated_bounds():
    strong, fair = LEXICON_BOUNDS
    assert confidence_band(strong, "lexicon-en-r1") == "strong"
    assert confidence_band(fair, "lexicon-en-r1") == "fair"
    assert confidence_band(fair - 0.01, "lexicon-en-r1") == "weak"
    assert confidence_band(None, "") == "weak"
    assert confidence_band(0.85, "textcat-1") == "strong"
    assert confidence_words(0.99, "lexicon-en-r1") == "strong"


# Pages (no script: plain POST) ----------------------------------------------------------------


def test_the_panel_sits_beside_the_story_with_its_evidence_marked(world, researcher, client_for):
    c = client_for(researcher)
    body = c.get(f"/coding/stories/{world['story'].id}/").content.decode()
    panel = body.index('id="suggestions"')
    # Beside the story: the first thing in the side column, before the code palette.
    assert body.index('class="coding-side"') < panel < body.index('id="coding-tools"')
    item = body[body.index(f'id="suggestion-{world["passage"].id}"') :]
    item = item[: item.index("</li>")]
    assert f'data-api="/api/v1/suggestions/{world["passage"].id}/accept/"' in item
    assert 'data-api-method="POST"' in item
    assert 'name="scope" value="passage" id=' in item and "checked" in item
    assert "strong" in item and "lexicon-fr-r1" in item and "<details" in item
    # No passage: accepting can only be for the whole story.
    whole = body[body.index(f'id="suggestion-{world["whole"].id}"') :]
    assert '<input type="hidden" name="scope" value="story">' in whole[: whole.index("</li>")]
    # The evidence is marked in the text, on its offsets.
    assert (
        f'<mark class="seg evidence" data-start="{EVIDENCE[0]}" '
        f'data-apps="{world["passage"].id}" data-evidence="{world["passage"].id}"'
    ) in body


def test_accept_a_passage_by_plain_post(world, researcher, client_for):
    c = client_for(researcher)
    url = f"/coding/stories/{world['story'].id}/"
    response = c.post(
        f"/coding/suggestions/{world['passage'].id}/accept/", {"scope": "passage", "next": url}
    )
    assert response.status_code == 302 and response.url == url
    mine = CodeApplication.objects.get(coder=researcher, code=world["passage"].code)
    assert (mine.start, mine.end) == EVIDENCE
    assert f'id="suggestion-{world["passage"].id}"' not in c.get(url).content.decode()


def test_accept_for_the_whole_story_by_plain_post(world, researcher, client_for):
    c = client_for(researcher)
    c.post(f"/coding/suggestions/{world['passage'].id}/accept/", {"scope": "story"})
    mine = CodeApplication.objects.get(coder=researcher, code=world["passage"].code)
    assert mine.start is None


def test_a_bad_scope_by_plain_post_is_a_message_and_nothing_changes(world, researcher, client_for):
    c = client_for(researcher)
    response = c.post(
        f"/coding/suggestions/{world['whole'].id}/accept/", {"scope": "passage"}, follow=True
    )
    assert response.status_code == 200
    assert "rests on no passage" in response.content.decode()
    world["whole"].refresh_from_db()
    assert world["whole"].status == "suggested"
    response = c.post(f"/coding/suggestions/{world['whole'].id}/accept/", {"scope": "<b>"})
    assert response.status_code == 302
    world["whole"].refresh_from_db()
    assert world["whole"].status == "suggested"


def test_the_fragment_is_the_panel_alone(world, researcher, client_for):
    c = client_for(researcher)
    response = c.get(f"/coding/stories/{world['story'].id}/?fragment=suggestions")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<section") and 'id="suggestions"' in body
    assert "<html" not in body and 'id="coding-tools"' not in body
    assert body.count('class="app-item suggestion') == 3


def test_switch_off_hides_the_panel(world, researcher, client_for, settings):
    settings.CODING_SUGGESTIONS_ENABLED = False
    c = client_for(researcher)
    body = c.get(f"/coding/stories/{world['story'].id}/").content.decode()
    assert (
        'id="suggestions"' not in body and 'data-evidence="' + str(world["passage"].id) not in body
    )
    fragment = c.get(f"/coding/stories/{world['story'].id}/?fragment=suggestions")
    assert fragment.status_code == 200 and fragment.content.decode().strip() == ""
    assert c.post(f"/coding/suggestions/{world['passage'].id}/accept/").status_code == 404


def test_the_fragment_keeps_the_pages_access_rule(world, client_for):
    from accounts.roles import Role

    facilitator = UserFactory(roles=[Role.FACILITATOR])
    response = client_for(facilitator).get(
        f"/coding/stories/{world['story'].id}/?fragment=suggestions"
    )
    assert response.status_code == 403


# API -----------------------------------------------------------------------------------------


def _api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def test_api_accept_with_a_scope(world, researcher):
    c = _api(researcher)
    passage = c.post(
        f"/api/v1/suggestions/{world['passage'].id}/accept/", {"scope": "passage"}, format="json"
    )
    assert passage.status_code == 200
    assert (passage.json()["start"], passage.json()["end"]) == EVIDENCE
    whole = c.post(
        f"/api/v1/suggestions/{world['other'].id}/accept/", {"scope": "story"}, format="json"
    )
    assert whole.status_code == 200 and whole.json()["start"] is None


def test_api_refuses_a_bad_scope_and_a_passage_without_evidence(world, researcher):
    c = _api(researcher)
    bad = c.post(
        f"/api/v1/suggestions/{world['passage'].id}/accept/", {"scope": "page"}, format="json"
    )
    assert bad.status_code == 400
    none = c.post(
        f"/api/v1/suggestions/{world['whole'].id}/accept/", {"scope": "passage"}, format="json"
    )
    assert none.status_code == 400
    assert not CodeApplication.objects.filter(coder=researcher).exists()


def test_api_lists_only_what_is_still_on_offer(world, researcher):
    services.application_create(
        testimony=world["story"], code=world["other"].code, coder=researcher
    )
    listed = _api(researcher).get(f"/api/v1/suggestions/?story={world['story'].id}").json()
    assert {r["id"] for r in listed["results"]} == {world["passage"].id, world["whole"].id}


def test_api_switch_off_lists_nothing_and_accepts_nothing(world, researcher, settings):
    settings.CODING_SUGGESTIONS_ENABLED = False
    c = _api(researcher)
    assert c.get("/api/v1/suggestions/").json()["count"] == 0
    assert c.get("/api/v1/suggestions/?status=accepted").json()["count"] == 0
    response = c.post(f"/api/v1/suggestions/{world['passage'].id}/accept/", {}, format="json")
    assert response.status_code == 404
