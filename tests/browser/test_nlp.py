"""NLP pages in a real browser: live job progress, keyboard use, no axe-core violations."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from nlp import services
from nlp.models import LexiconEntry, NlpJob
from tests.browser.conftest import sign_in
from tests.browser.test_analysis import axe_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def researcher(transactional_db):
    from coding.services import codebook_default_seed

    codebook_default_seed()
    services.lexicon_seed(languages=["en", "fr"])
    return UserFactory(roles=[Role.RESEARCHER])


def test_job_progress_updates_live_and_pages_are_accessible(page, live_server, researcher):
    job = NlpJob.objects.create(kind="retag", status="running", total=10, processed=2)
    sign_in(page, researcher.email, PASSWORD)
    page.goto(f"/nlp/jobs/{job.pk}/")
    bar = page.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "20")
    assert axe_violations(page) == []
    NlpJob.objects.filter(pk=job.pk).update(processed=10, status="done")
    # The page polls the job's JSON and moves the bar without a reload.
    expect(bar).to_have_attribute("aria-valuenow", "100", timeout=15_000)
    expect(page.get_by_role("status")).to_contain_text("Done")

    for url in ("/nlp/", "/nlp/lexicons/?language=en", "/nlp/classifier/"):
        page.goto(url)
        assert axe_violations(page) == [], url
    page.context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    for url in ("/nlp/", f"/nlp/jobs/{job.pk}/", "/nlp/lexicons/?language=fr"):
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        assert axe_violations(page) == [], url


def test_a_researcher_adds_a_term_with_the_keyboard_only(page, researcher):
    sign_in(page, researcher.email, PASSWORD)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/nlp/lexicons/?language=en&code=judged")
    field = page.get_by_label("Term, phrase or pattern")
    field.focus()
    page.keyboard.type("looked down on me")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("The term was added.")
    assert LexiconEntry.objects.filter(language="en", value="looked down on me").exists()
    # Its "Disable" button is reachable and visible.
    disable = page.get_by_role("button", name="Disable looked down on me")
    expect(disable).to_be_visible()
    disable.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("The term was updated.")
    assert not LexiconEntry.objects.get(language="en", value="looked down on me").is_active
    # Nothing is wider than a small phone's screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
