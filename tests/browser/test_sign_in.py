import pytest
from playwright.sync_api import expect

from core.demo import DEMO_USERS
from tests.browser.conftest import demo_seed_queued, sign_in

pytestmark = pytest.mark.browser


def test_demo_facilitator_signs_in_and_reaches_their_dashboard(page, monkeypatch):
    demo_seed_queued(monkeypatch)
    cred = next(c for c in DEMO_USERS if c.role == "facilitator")
    sign_in(page, cred.email, cred.password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.get_by_role("heading", name="Your events")).to_be_visible()
    expect(page.get_by_text("TIE Summit")).to_be_visible()
    assert page.url.endswith("/dashboard/")


def test_skip_link_is_first_and_focusable(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"


def test_home_fits_a_360_px_screen(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
