"""Issue 20 in a real browser: a participant tells their story asking to approve each quote,
answers the own-reading questions after it, then opens "What happened to my story" with the code:
coded, a commitment done, quotes to approve or decline; only the approved one reaches a quote
sheet. axe-core finds no violation and the page fits 360 px."""

import pytest

from accounts.roles import Role
from analysis import exporters, selectors
from analysis.selectors import AnalysisFilters
from events.services import commitment_status_change
from testimonies.models import OwnReading, QuoteRequest, Testimony
from testimonies.services import quote_request_create
from tests.analysis.factories import apply, codebook_with_themes
from tests.browser.test_testimonies import AXE, STORY, assert_fits, assert_no_axe_violations
from tests.conftest import IN_CI
from tests.events.factories import CommitmentFactory
from tests.factories import UserFactory
from tests.testimonies.factories import open_event

pytestmark = pytest.mark.browser
APPROVED = "The receptionist laughed at my accent"
DECLINED = "the doctor never looked at me"


def _submit_asking_each_quote(page, event) -> str:
    page.goto(f"/t/{event.submission_token}/")
    page.get_by_label("Store and analyse my story for research").check()
    page.get_by_label("Quote my story anonymously in reports").check()
    page.get_by_label("Ask me before each quote").check()
    page.get_by_role("button", name="Continue to my story").click()
    page.get_by_label("Your story:", exact=True).fill(STORY)
    page.get_by_role("button", name="Send my story").click()
    page.get_by_role("heading", name="Thank you. Your story is saved.").wait_for()
    return page.locator("#withdrawal-code").inner_text().strip()


def _open_my_story(page, code: str) -> None:
    page.goto("/my-story/")
    page.get_by_label("Your withdrawal code").fill(code)
    page.get_by_role("button", name="Find my story").click()
    page.get_by_role("heading", name="What happened to your story").wait_for()


def _sheet(user) -> list[str]:
    qs = selectors.quotes_for_user(user=user, filters=AnalysisFilters())
    return [q.text for q in exporters.quotes_from(qs)]


def test_submit_coded_commitment_done_quote_approved_and_declined(browser, live_server, page):
    if not AXE.exists() and not IN_CI:
        pytest.skip("node_modules/axe-core is missing: run `npm ci`")
    _book, themes = codebook_with_themes(1)
    event = open_event(title="Loop dialogue", is_public=True)
    researcher = UserFactory(roles=[Role.RESEARCHER])
    page.set_viewport_size({"width": 360, "height": 800})

    code = _submit_asking_each_quote(page, event)
    # The own reading, right after the story.
    page.get_by_label("Theme 0").check()
    page.get_by_label("I trust health services less").check()
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_role("heading", name="What happened to your story").wait_for()
    assert "Researchers have not read it yet" in page.content()
    testimony = Testimony.objects.get(event=event)
    assert OwnReading.objects.get(testimony=testimony).themes == [themes[0].key]

    # Researchers code it; a commitment at the event is done.
    first = (0, len(APPROVED))
    second = (STORY.index(DECLINED), STORY.index(DECLINED) + len(DECLINED))
    for start, end in (first, second):
        apply(testimony, themes[0], start=start, end=end, coder=researcher)
    commitment = CommitmentFactory(event=event, description="Reception staff trained")
    commitment_status_change(commitment=commitment, user=researcher, status="done")
    assert _sheet(researcher) == []  # asked for each quote: nothing yet

    for (start, end), detail in ((first, "Annual report"), (second, "Board slides")):
        quote_request_create(
            user=researcher,
            public_id=testimony.public_id,
            start=start,
            end=end,
            purpose="report",
            purpose_detail=detail,
        )
    _open_my_story(page, code)
    body = page.content()
    assert "Researchers are reading your story" in body and "Theme 0" in body
    assert "Reception staff trained" in body and "Done" in body
    assert APPROVED in body and DECLINED in body
    assert_no_axe_violations(page, "my story")
    assert_fits(page, "my story")

    approve, decline = (
        page.locator(".quote-request").filter(has_text=text) for text in (APPROVED, DECLINED)
    )
    approve.get_by_role("button", name="Approve this quote").click()
    page.get_by_text("Thank you: your answer is saved.").wait_for()
    page.locator(".quote-request").filter(has_text=DECLINED).get_by_role(
        "button", name="Decline this quote"
    ).click()
    page.get_by_text("Thank you: your answer is saved.").wait_for()
    assert decline.count() == 0
    assert "Where your words are quoted" in page.content()
    assert_no_axe_violations(page, "my story after answers")

    statuses = dict(QuoteRequest.objects.values_list("purpose_detail", "status"))
    assert statuses == {"Annual report": "approved", "Board slides": "declined"}
    assert _sheet(researcher) == [APPROVED]
