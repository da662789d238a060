"""Issue 17 (points 10 and 11) in a real browser at 360 px: the consent step's choices and
button within two screens, the focus on the error summary after a refused step, the label's
layout in the error state, the story's live count, and axe-core with 0 violations."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_testimonies import AXE, STORY, assert_fits, assert_no_axe_violations
from tests.conftest import IN_CI
from tests.testimonies.factories import open_event

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 740


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": WIDTH, "height": HEIGHT}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _bottom(page, selector: str) -> float:
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.bottom + window.scrollY; }",
        selector,
    )


def test_consent_in_two_screens_error_focus_and_live_count(phone):
    if not AXE.exists() and not IN_CI:
        pytest.skip("node_modules/axe-core is missing: run `npm ci`")
    page = phone
    event = open_event()
    page.goto(f"/t/{event.submission_token}/")
    assert_fits(page, "consent")
    # The choices and the button within two screens; the full text is folded away.
    button = "#step-form button[type=submit]:not([hidden])"
    assert _bottom(page, button) < 2 * HEIGHT, _bottom(page, button)
    assert _bottom(page, "#id_scope_contact") < 2 * HEIGHT
    assert not page.locator(".consent-full").evaluate("d => d.open")
    assert not page.get_by_text("Sensitive information:").is_visible()
    assert_no_axe_violations(page, "consent")
    page.get_by_text("Read the full consent text").click()
    assert page.get_by_text("Sensitive information:").is_visible()
    assert_no_axe_violations(page, "consent, full text open")

    # A refused step: the focus lands on the error summary, whose link goes to the box.
    page.get_by_role("button", name="Continue to my story").click()
    page.locator("#error-summary").wait_for()
    expect(page.locator("#error-summary")).to_be_focused()
    assert page.locator("#error-summary").get_attribute("role") == "alert"
    # The required box's label keeps its layout: one column beside the box, not word per line.
    label = page.locator("label[for=id_scope_research]").bounding_box()
    box = page.locator("#id_scope_research").bounding_box()
    assert label["width"] > 200, label
    assert abs(label["y"] - box["y"]) < 12 and label["x"] > box["x"], (label, box)
    assert_no_axe_violations(page, "consent with errors")
    page.locator("#error-summary a[href='#id_scope_research']").click()
    expect(page.locator("#id_scope_research")).to_be_focused()

    page.keyboard.press("Space")
    page.get_by_role("button", name="Continue to my story").click()
    story = page.locator("#id_text")
    story.wait_for()
    assert_fits(page, "story")
    count = page.locator("#id_text_count")
    # NOTE: story.js (deferred) writes the count in the page's number format once it runs.
    expect(count).to_have_text("0 of 20,000 characters used")
    story.click()
    page.keyboard.type("Hello")
    expect(count).to_have_text("5 of 20,000 characters used")
    assert count.inner_text() == "5 of 20,000 characters used"
    # The polite live region speaks once typing pauses.
    live = page.locator("#id_text_count_live")
    assert live.get_attribute("aria-live") == "polite"
    expect(live).to_have_text("5 of 20,000 characters used")
    story.fill(STORY)
    expect(count).to_have_text(f"{len(STORY)} of 20,000 characters used")
    assert_no_axe_violations(page, "story")
    page.get_by_role("button", name="Send my story").click()
    page.locator("#withdrawal-code").wait_for()


def test_story_error_focuses_the_summary_in_french(browser, live_server):
    if not AXE.exists() and not IN_CI:
        pytest.skip("node_modules/axe-core is missing: run `npm ci`")
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": WIDTH, "height": HEIGHT}
    )
    page = context.new_page()
    try:
        event = open_event()
        page.goto(f"/t/{event.submission_token}/")
        bottom = _bottom(page, "#step-form button[type=submit]:not([hidden])")
        assert bottom < 2 * HEIGHT, bottom
        page.locator("#id_scope_research").check()
        page.locator("#step-form button[type=submit]:not([hidden])").click()
        page.locator("#id_text").wait_for()
        page.locator("#step-form button[type=submit]:not([hidden])").click()
        page.locator("#error-summary").wait_for()
        expect(page.locator("#error-summary")).to_be_focused()
        assert page.locator("#error-summary a[href='#id_text']").count() == 1
        assert_no_axe_violations(page, "story with errors (fr)")
        page.locator("#id_text").fill("Bonjour")
        expect(page.locator("#id_text_count")).to_have_text(
            re.compile(r"^7 caractères utilisés sur 20.000$")
        )
        assert "20" in page.locator("#id_text_count").inner_text()
    finally:
        context.close()
