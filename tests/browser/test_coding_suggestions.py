"""The machine's suggestions where the eye is (issue 18): beside the story, in the first
screen at 1280 px, the evidence marked in the text, accepted for its passage without a script
being needed; axe-core passes."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from coding import services
from coding.models import Code, CodeApplication
from coding.services import codebook_default_seed
from tests.browser.conftest import sign_in
from tests.browser.test_coding import axe_violations
from tests.coding.factories import story
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

TEXT = (
    "Je suis arrivée aux urgences à deux heures du matin. "
    "Personne ne m’a écoutée 😢 pendant quatre heures. "
    + "Puis une infirmière est venue, très gentille, et tout a changé. "
    * 30
)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_suggestions_are_in_the_first_screen_beside_the_story(page, live_server, language):
    book = codebook_default_seed()
    researcher = UserFactory(roles=[Role.RESEARCHER])
    s = story(text=TEXT)
    sub = Code.objects.get(codebook=book, key="not_listened_to")
    theme = Code.objects.get(codebook=book, key="person_centred")
    start = TEXT.index("Personne")
    end = TEXT.index("heures.", start) + len("heures.")
    suggestion, _ = services.suggestion_record(
        testimony=s,
        code=sub,
        confidence=0.74,
        model_version="lexicon-fr-r1",
        evidence_start=start,
        evidence_end=end,
    )
    services.suggestion_record(
        testimony=s, code=theme, confidence=0.3, model_version="lexicon-fr-r1"
    )
    sign_in(page, researcher.email, PASSWORD)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/coding/stories/{s.id}/")
    panel = page.locator("#suggestions")
    expect(panel).to_be_visible()
    box, text_box = panel.bounding_box(), page.locator("#story-text").bounding_box()
    # In the first viewport, and beside the story (to its right, level with it).
    assert box["y"] < 800 and box["y"] + 40 < 800, box
    assert box["x"] >= text_box["x"] + text_box["width"] - 1, (box, text_box)
    assert box["y"] < text_box["y"] + text_box["height"]
    item = page.locator(f"#suggestion-{suggestion.id}")
    expect(item.locator("button", has_text="").first).to_be_visible()
    expect(item.locator(f"#scope-{suggestion.id}-passage")).to_be_checked()
    evidence = page.locator(f'#story-text mark.evidence[data-evidence="{suggestion.id}"]')
    expect(evidence).to_contain_text("Personne ne m’a écoutée 😢")
    assert axe_violations(page) == []

    # Accept for the passage (the default), then the suggestion is gone and the passage coded.
    item.locator("form.suggestion-accept button[type=submit]").click()
    expect(page.locator(f"#suggestion-{suggestion.id}")).to_have_count(0)
    mine = CodeApplication.objects.get(coder=researcher, code=sub)
    assert (mine.start, mine.end) == (start, end)
    assert axe_violations(page) == []
