"""The participant's path in a real browser: keyboard only, 360 px, axe-core in English and
French; then withdrawal with the code, after which researchers no longer see the story."""

import json
from pathlib import Path

import pytest

from accounts.roles import Role
from accounts.services import api_token_create
from testimonies.models import Testimony
from tests.conftest import IN_CI, require_service
from tests.factories import PASSWORD, UserFactory
from tests.testimonies.factories import open_event

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STORY = "The receptionist laughed at my accent and the doctor never looked at me."


def tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until ``locator`` has the focus: proves it is reachable by keyboard alone."""
    handle = locator.element_handle()
    for _ in range(limit):
        if page.evaluate("el => el === document.activeElement", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"not reachable with the Tab key: {locator}")


def assert_no_axe_violations(page, label: str) -> None:
    require_service(
        "axe-core",
        AXE.exists(),
        "node_modules/axe-core is missing: run `npm ci` (make test does it when npm is present)",
    )
    # NOTE: evaluated through DevTools, not as an inline <script>, which our CSP refuses.
    page.evaluate(AXE.read_text("utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]
    assert violations == [], f"{label}: {violations}"


def assert_fits(page, label: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{label}: the page scrolls sideways at 360 px ({width} px)"


def participant_submits(page, event) -> str:
    """Consent and story by keyboard only; returns the withdrawal code."""
    page.goto(f"/t/{event.submission_token}/")
    research = page.get_by_label("Store and analyse my story for research")
    tab_to(page, research)
    assert not research.is_checked()
    page.keyboard.press("Space")
    assert research.is_checked()
    tab_to(page, page.get_by_role("button", name="Continue to my story"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/t/{event.submission_token}/")
    story = page.get_by_label("Your story:", exact=True)
    tab_to(page, story)
    page.keyboard.type(STORY)
    tab_to(page, page.get_by_role("button", name="Send my story"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Thank you. Your story is saved.").wait_for()
    return page.locator("#withdrawal-code").inner_text().strip()


def test_participant_consents_submits_keeps_receipt_and_withdraws(browser, live_server, page):
    event = open_event(title="Browser dialogue")
    researcher = UserFactory(roles=[Role.RESEARCHER])
    api_token = api_token_create(user=researcher, name="browser").key

    code = participant_submits(page, event)
    assert len(code) >= 32
    page.get_by_text("Details for your records").click()  # the technical record is folded
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the receipt (JSON)").click()
    receipt = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert receipt["version"] == "KI-CR-v1.1.0"
    assert receipt["entendu"]["withdrawalCode"] == code
    testimony = Testimony.objects.get(public_id=receipt["consentReceiptID"])
    assert testimony.text == STORY

    # A researcher sees the research copy, in the pages and in the API.
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    researcher_page = context.new_page()
    from tests.browser.conftest import sign_in

    sign_in(researcher_page, researcher.email, PASSWORD)
    researcher_page.goto("/research/stories/")
    detail_url = f"/research/stories/{testimony.public_id}/"
    assert researcher_page.locator(f'a[href="{detail_url}"]').count() == 1

    # The participant withdraws everything with the code, by keyboard.
    page.goto("/withdraw/")
    code_field = page.get_by_label("Your withdrawal code")
    tab_to(page, code_field)
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    everything = page.get_by_label("Everything: delete my story and all that was made from it")
    tab_to(page, everything)
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Withdraw now"))
    page.keyboard.press("Enter")
    # Deleting everything asks once more; nothing is erased before the second step.
    page.get_by_role("heading", name="Delete your story?").wait_for()
    assert Testimony.objects.get(public_id=testimony.public_id).status == "active"
    tab_to(page, page.get_by_role("button", name="Yes, delete my story"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Your story is deleted").wait_for()

    # Gone from every researcher page and API.
    researcher_page.goto("/research/stories/")
    assert researcher_page.locator(f'a[href="{detail_url}"]').count() == 0
    assert STORY not in researcher_page.content()
    response = researcher_page.goto(detail_url)
    assert response.status == 404
    api = researcher_page.request
    listed = api.get(
        "/api/v1/research-copies/", headers={"Authorization": f"Token {api_token}"}
    ).json()
    assert str(testimony.public_id) not in {item["id"] for item in listed["results"]}
    detail = api.get(
        f"/api/v1/research-copies/{testimony.public_id}/",
        headers={"Authorization": f"Token {api_token}"},
    )
    assert detail.status == 404
    context.close()
    testimony.refresh_from_db()
    assert (testimony.status, testimony.text) == ("withdrawn", "")


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_participant_pages_have_no_axe_violations_and_fit_360px(browser, live_server, locale):
    if not AXE.exists() and not IN_CI:
        pytest.skip("node_modules/axe-core is missing: run `npm ci`")
    event = open_event()
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    french = locale.startswith("fr")
    try:
        page.goto(f"/t/{event.submission_token}/")
        assert page.locator("html").get_attribute("lang") == ("fr" if french else "en")
        assert_fits(page, "consent")
        assert_no_axe_violations(page, "consent")
        # The refused consent step, with its error summary.
        page.get_by_role(
            "button", name="Continuer vers mon histoire" if french else "Continue to my story"
        ).click()
        assert_no_axe_violations(page, "consent with errors")
        page.locator("#id_scope_research").check()
        # The "about you" choices are folded on a phone (issue 17): open them first.
        page.locator(".scope-fold > summary").click()
        page.locator("#id_scope_gender").check()
        page.locator("#id_scope_contact").check()
        page.get_by_role(
            "button", name="Continuer vers mon histoire" if french else "Continue to my story"
        ).click()
        page.locator("#id_text").wait_for()
        assert_fits(page, "story")
        assert_no_axe_violations(page, "story")
        page.locator("#id_text").fill(STORY)
        page.locator("#id_contact_email").fill("not-an-email")
        page.get_by_role(
            "button", name="Envoyer mon histoire" if french else "Send my story"
        ).click()
        assert_no_axe_violations(page, "story with errors")
        page.locator("#id_contact_email").fill("me@example.org")
        page.get_by_role(
            "button", name="Envoyer mon histoire" if french else "Send my story"
        ).click()
        page.locator("#withdrawal-code").wait_for()
        assert_fits(page, "receipt")
        assert_no_axe_violations(page, "receipt")
        code = page.locator("#withdrawal-code").inner_text().strip()
        page.goto("/withdraw/")
        assert_fits(page, "withdraw")
        assert_no_axe_violations(page, "withdraw")
        page.locator("#id_code").fill(code)
        page.locator("#id_code").press("Enter")
        page.locator("#id_what_0").wait_for()
        assert_fits(page, "withdraw choose")
        assert_no_axe_violations(page, "withdraw choose")
    finally:
        context.close()


def test_the_axe_check_can_fail(page):
    """The accessibility assertion is live: a page with a known fault is caught."""
    page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page, "deliberately broken")


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_signed_in_pages_have_no_axe_violations(browser, live_server, locale):
    """Receipts, researcher, facilitator and admin pages of the testimonies app."""
    if not AXE.exists() and not IN_CI:
        pytest.skip("node_modules/axe-core is missing: run `npm ci`")
    from tests.browser.conftest import sign_in
    from tests.factories import EventFacilitatorFactory
    from tests.testimonies.factories import submit

    participant = UserFactory(roles=[Role.PARTICIPANT])
    facilitator = UserFactory(roles=[Role.FACILITATOR])
    researcher = UserFactory(roles=[Role.RESEARCHER])
    admin = UserFactory(roles=[Role.ADMIN], is_staff=True)
    event = open_event()
    EventFacilitatorFactory(event=event, user=facilitator)
    story = submit(event, participant=participant, scopes=["research", "quote_anonymous"])
    pages = {
        participant: ["/my/stories/", f"/my/stories/{story.testimony.public_id}/"],
        researcher: ["/research/stories/", f"/research/stories/{story.testimony.public_id}/"],
        facilitator: [
            "/facilitate/stories/",
            f"/facilitate/events/{event.pk}/stories/",
            f"/facilitate/events/{event.pk}/stories/new/",
            f"/facilitate/events/{event.pk}/stories/import/",
        ],
        admin: ["/manage/consent-texts/", "/manage/original-text-log/"],
    }
    for user, urls in pages.items():
        context = browser.new_context(
            base_url=live_server.url, locale=locale, viewport={"width": 360, "height": 740}
        )
        page = context.new_page()
        try:
            if locale.startswith("en"):
                sign_in(page, user.email, PASSWORD)
            else:
                _sign_in_fr(page, user.email)
            for url in urls:
                page.goto(url)
                assert_fits(page, url)
                assert_no_axe_violations(page, url)
        finally:
            context.close()


def _sign_in_fr(page, email: str) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.core.cache import cache

    from tests.factories import totp_code

    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    totp = Authenticator.objects.filter(user__email=email, type=Authenticator.Type.TOTP).first()
    if totp is not None:  # researchers and admins: the code from their app too
        page.wait_for_url("**/accounts/2fa/authenticate/**")
        code = totp_code(totp.user)
        cache.delete(TOTP(totp)._get_used_cache_key(code))
        page.locator("input[name=code]").fill(code)
        page.locator("input[name=code]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/" not in url)


def test_receipt_and_printable_receipt_copy_print_axe_at_360px(browser, live_server):
    """The receipt right after submitting: the copy button (added by JS) copies the code and
    says so in the live region; the printable receipt has its Print button and QR code; both
    pages pass axe-core and fit 360 px."""
    if not AXE.exists() and not IN_CI:
        pytest.skip("node_modules/axe-core is missing: run `npm ci`")
    event = open_event()
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 360, "height": 740}
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    code = participant_submits(page, event)
    assert_no_axe_violations(page, "receipt")
    assert_fits(page, "receipt")
    copy = page.get_by_role("button", name="Copy the code")
    copy.click()
    page.locator("#copy-status", has_text="Copied").wait_for(state="attached")
    assert page.evaluate("navigator.clipboard.readText()") == code
    assert page.locator(".qr img").count() == 1
    page.get_by_role("button", name="Open a receipt to print or save").click()
    page.get_by_role("heading", name="Your consent receipt").wait_for()
    assert page.locator("#withdrawal-code").inner_text().strip() == code
    assert page.get_by_role("button", name="Print").is_visible()
    assert page.locator(".qr img").count() == 1
    assert_no_axe_violations(page, "printable receipt")
    assert_fits(page, "printable receipt")
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Print").is_visible()
    assert not page.locator(".site-header").is_visible()
    context.close()
