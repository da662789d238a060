"""The participant link's language switcher in a real browser: what was typed survives a
switch, Enter in a field still sends the step, and scripts get the page's catalogue."""

import pytest
from playwright.sync_api import expect

from testimonies.models import Testimony
from tests.testimonies.factories import open_event

pytestmark = pytest.mark.browser

TEXT = "待合室で二時間待たされ、誰も説明してくれませんでした。\nSecond line."
SELECT_FIRST = "Select a passage in the story first, or apply the code to the whole story."


def test_switching_language_keeps_what_was_typed_and_enter_still_sends(page):
    event = open_event(languages=["en", "ja"])
    page.goto(f"/t/{event.submission_token}/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("[name=scope_research]").check()
    page.locator(".scope-fold > summary").click()  # the "about you" choices are folded
    page.locator("[name=scope_gender]").check()
    page.locator("#step-form button[type=submit]").last.click()

    page.locator("[name=text]").fill(TEXT)
    page.locator("[name=title]").fill("受付で")
    page.locator("[name=trust_affected][value=yes]").check()
    page.get_by_label("Language", exact=True).select_option("ja")
    page.locator("[name=switch_language]").click()

    # expect() retries across the reload; a page function can run while the old document is gone.
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    assert page.locator("[name=text]").input_value() == TEXT
    assert page.locator("[name=title]").input_value() == "受付で"
    assert page.locator("[name=trust_affected][value=yes]").is_checked()
    assert page.locator("[name=gender]").count() > 0  # the scopes survived too
    assert Testimony.objects.count() == 0
    # The page's scripts speak Japanese: the catalogue of the page's language was loaded.
    translated = page.evaluate(f"gettext({SELECT_FIRST!r})")
    assert translated.startswith("先に体験談の一部を選ぶか")

    # Enter in a one-line field sends the story (the hidden default button), not a switch.
    page.locator("[name=title]").press("Enter")
    page.locator("#withdrawal-code").wait_for()
    assert page.locator("html").get_attribute("lang") == "ja"
    testimony = Testimony.objects.get()
    assert testimony.text.replace("\r\n", "\n") == TEXT
    assert testimony.consent_text.language == "en"  # consented while the page was English
