"""A researcher follows a search hit and a quote back to the story: the coding screen opens at
the passage, scrolled to it and with the keyboard focus on it; axe-core finds nothing on the
search page (marked snippets), the quote finder (with its links) or the coding screen opened at
a passage."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.analysis.factories import apply, codebook_with_themes, story
from tests.browser.conftest import sign_in
from tests.browser.test_analysis import axe_violations
from tests.factories import PASSWORD, EventFactory, UserFactory

pytestmark = pytest.mark.browser

FILLER = "We waited in the corridor for a long time, and nobody came to tell us anything. " * 12
TEXT = FILLER + "Then the nurse listened to me <script>alert(1)</script> and explained."


def focused_passage(page) -> str | None:
    """The text of the focused element when it is the passage, else None."""
    return page.evaluate(
        "() => document.activeElement && document.activeElement.id === 'passage'"
        " ? document.activeElement.textContent : null"
    )


def in_view(page) -> bool:
    return page.evaluate(
        """() => {
            const box = document.getElementById('passage').getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
        }"""
    )


def test_a_search_hit_and_a_quote_open_the_story_at_their_passage(page):
    researcher = UserFactory(roles=[Role.RESEARCHER])
    _book, themes = codebook_with_themes(2)
    event = EventFactory(country="FR", title="Dialogue à Lyon")
    s = story(event=event, text=TEXT, scopes=("quote_anonymous",))
    start = TEXT.index("the nurse listened")
    apply(s, themes[0], start=start, end=start + len("the nurse listened to me"), coder=researcher)
    sign_in(page, researcher.email, PASSWORD)

    page.goto("/analysis/search/?q=listen")
    hit = page.locator("a.snippet").first
    expect(hit.locator("mark")).to_have_text("listened")
    assert axe_violations(page) == [], "search"
    hit.click()
    page.wait_for_url(f"**/coding/stories/{s.id}/?at=*#passage")
    expect(page.locator("#passage")).to_be_visible()
    expect(page.locator("#passage")).to_be_focused()
    assert focused_passage(page) == "listened"
    assert in_view(page)
    assert axe_violations(page) == [], "coding screen at a passage"

    page.goto("/analysis/quotes/")
    expect(page.locator(".result-list bdi", has_text="Dialogue à Lyon")).to_be_visible()
    assert axe_violations(page) == [], "quotes"
    page.get_by_role("link", name="Read this passage in its story").click()
    page.wait_for_url(f"**/coding/stories/{s.id}/?at=*#passage")
    expect(page.locator("#passage")).to_be_focused()
    assert focused_passage(page) == "the nurse listened to me"
    assert in_view(page)
    # Tab goes on from the passage, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") != "passage"


def test_the_passage_is_reached_without_the_fragment_and_without_javascript(browser, live_server):
    researcher = UserFactory(roles=[Role.RESEARCHER])
    codebook_with_themes(1)
    s = story(text=TEXT)
    start = TEXT.index("listened")
    url = f"/coding/stories/{s.id}/?at={start}-{start + 8}"
    for javascript in (True, False):
        context = browser.new_context(
            base_url=live_server.url, locale="en-GB", java_script_enabled=javascript
        )
        page = context.new_page()
        try:
            sign_in(page, researcher.email, PASSWORD)
            if javascript:
                # No #passage in the URL: passage.js scrolls to it and focuses it.
                page.goto(url)
                expect(page.locator("#passage")).to_be_focused()
            else:
                # No script: the fragment alone brings the passage into view.
                page.goto(url + "#passage")
            assert in_view(page) if javascript else page.locator("#passage").is_visible()
            box = page.locator("#passage").bounding_box()
            assert box is not None and 0 <= box["y"] <= page.viewport_size["height"]
        finally:
            context.close()
