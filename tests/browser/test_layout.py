"""Issue 17, points 8 and 13 in a real browser: the sign-in page and the consent step's error
state pass axe-core; at 360 px every header is one line with a menu button that toggles the
menu; the administrators' menu fits one row at 1280 px; the participant link's QR code is on the
first screen."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from events.models import EventFacilitator
from tests.browser.conftest import sign_in
from tests.browser.test_testimonies import AXE, assert_no_axe_violations
from tests.conftest import IN_CI
from tests.factories import PASSWORD, UserFactory, open_event

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.fixture(autouse=True)
def _axe():
    if not AXE.exists() and not IN_CI:
        pytest.skip("node_modules/axe-core is missing: run `npm ci`")


def header_height(page) -> float:
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


def line_height_of_header(page) -> float:
    """The height of one row: the taller of the brand and the menu button."""
    return page.evaluate(
        "Math.max(...['.brand', '.menu-toggle'].map(s => document.querySelector(s)"
        ".getBoundingClientRect().height))"
    )


def assert_one_line_header(page, label: str) -> None:
    toggle = page.locator(".menu-toggle")
    expect(toggle).to_be_visible()
    brand_top = page.evaluate("document.querySelector('.brand').getBoundingClientRect().top")
    toggle_top = page.evaluate("document.querySelector('.menu-toggle').getBoundingClientRect().top")
    assert abs(brand_top - toggle_top) < 16, f"{label}: brand and menu button on two lines"
    height = header_height(page)
    assert height <= line_height_of_header(page) + 24, f"{label}: header is {height} px high"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, label


def test_sign_in_page_has_no_axe_violations(page):
    page.goto("/accounts/login/")
    assert_no_axe_violations(page, "sign in")
    forgot = page.get_by_role("link", name="Forgot your password?").bounding_box()
    assert forgot["height"] >= 24, forgot
    page.set_viewport_size(PHONE)
    page.reload()
    assert_no_axe_violations(page, "sign in at 360 px")
    page.get_by_label("Email").fill("nobody@example.org")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign In").click()
    page.locator(".errorlist, [role=alert], .error-summary").first.wait_for()
    assert_no_axe_violations(page, "sign in refused at 360 px")


def test_consent_error_state_passes_axe_and_keeps_the_label_on_the_box_row(page):
    event = open_event()
    page.set_viewport_size(PHONE)
    page.goto(f"/t/{event.submission_token}/")
    page.get_by_role("button", name="Continue to my story").click()
    page.locator("#error-summary").wait_for()
    assert_no_axe_violations(page, "consent with errors")
    box = page.locator("#id_scope_research").bounding_box()
    label = page.locator("label[for=id_scope_research]").bounding_box()
    # The label starts beside the box, on its row, and is not squeezed one word per line.
    assert label["x"] > box["x"] + box["width"]
    assert abs(label["y"] - box["y"]) < 12
    assert label["width"] > 200


def test_participant_header_at_360_px_is_one_line_with_the_language_only(page):
    event = open_event()
    page.set_viewport_size(PHONE)
    page.goto(f"/t/{event.submission_token}/")
    assert_one_line_header(page, "consent")
    header = page.locator(".site-header")
    expect(header.get_by_role("link", name="Sign in")).to_have_count(0)
    toggle = page.get_by_role("button", name="Language", exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#step-language")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#step-language")).to_be_visible()
    assert_no_axe_violations(page, "consent, language menu open")


@pytest.mark.parametrize("role", [None, Role.FACILITATOR, Role.ADMIN])
def test_header_at_360_px_is_one_line_and_the_menu_button_toggles(page, role):
    page.set_viewport_size(PHONE)
    if role is None:
        page.goto("/")
    else:
        user = UserFactory(roles=[role], password=PASSWORD)
        sign_in(page, user.email, PASSWORD)
        page.goto("/dashboard/")
    assert_one_line_header(page, str(role))
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    assert_no_axe_violations(page, f"{role} menu closed")
    toggle = page.get_by_role("button", name="Menu")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    assert_no_axe_violations(page, f"{role} menu open")
    page.keyboard.press("Escape") if role is None else toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()


def test_without_script_the_menu_stays_open(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    try:
        page = context.new_page()
        page.goto("/")
        expect(page.locator(".menu-toggle")).to_be_hidden()
        expect(page.get_by_role("navigation", name="Main")).to_be_visible()
        nav = page.get_by_role("navigation", name="Main")
        expect(nav.get_by_role("link", name="Sign in")).to_be_visible()
    finally:
        context.close()


def test_admin_menu_is_one_row_at_1280_px_and_its_groups_open(page):
    admin = UserFactory(roles=[Role.ADMIN], password=PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, admin.email, PASSWORD)
    page.goto("/dashboard/")
    expect(page.locator(".menu-toggle")).to_be_hidden()
    assert header_height(page) < 80, header_height(page)
    programme = page.locator("summary", has_text="Programme")
    programme.click()
    link = page.get_by_role("link", name="Programme overview")
    expect(link).to_be_visible()
    assert_no_axe_violations(page, "admin menu group open")
    page.keyboard.press("Escape")
    expect(link).to_be_hidden()
    page.locator("summary", has_text="Research").click()
    page.get_by_role("link", name="Coding", exact=True).click()
    page.wait_for_url("**/coding/**")


def test_participant_link_qr_on_the_first_screen_and_copy(page, browser):
    facilitator = UserFactory(roles=[Role.FACILITATOR], password=PASSWORD)
    event = open_event()
    EventFacilitator.objects.create(event=event, user=facilitator, role=EventFacilitator.Role.LEAD)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size({"width": 1280, "height": 720})
    sign_in(page, facilitator.email, PASSWORD)
    page.goto(f"/events/{event.slug}/link/")
    qr = page.locator(".qr img").bounding_box()
    assert qr["y"] + qr["height"] <= 720, qr
    page.get_by_role("button", name="Copy the link").click()
    expect(page.locator("#participant-url-copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/t/{event.submission_token}/")
    assert_no_axe_violations(page, "participant link")
    page.set_viewport_size(PHONE)
    page.reload()
    qr = page.locator(".qr img").bounding_box()
    assert qr["y"] + qr["height"] <= 740, qr


@pytest.mark.parametrize("path", ["/no-such-page/", "/events/programme/"])
def test_error_pages_pass_axe(page, path):
    if path == "/events/programme/":
        facilitator = UserFactory(roles=[Role.FACILITATOR], password=PASSWORD)
        sign_in(page, facilitator.email, PASSWORD)
        page.goto("/dashboard/")
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    if path == "/events/programme/":
        back = page.get_by_role("link", name="Go back to the previous page")
        expect(back).to_be_visible()
    assert_no_axe_violations(page, path)
    if path == "/events/programme/":
        back.click()
        page.wait_for_url("**/dashboard/")
