"""Playwright for Python driving Debian's Chromium against Django's live server."""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import require_service

# NOTE: Playwright's sync API runs an event loop in this thread; Django's ORM would otherwise
# refuse to run in the test body. The live server itself runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    require_service("Chromium", shutil.which(CHROMIUM) is not None, f"{CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def demo_seed_queued(monkeypatch) -> None:
    """The demo data, its stories' language processing left queued: run eagerly after commit it
    takes most of a minute and changes no page's markup."""
    from core import outbox
    from core.demo import demo_seed

    monkeypatch.setattr(outbox, "_relay_after_commit", lambda batch: None)
    demo_seed()


def sign_in(page, email: str, password: str) -> None:
    """Sign in through allauth's form; for a user with an authenticator app, enter its code too."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.core.cache import cache

    from tests.factories import totp_code

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    totp = Authenticator.objects.filter(user__email=email, type=Authenticator.Type.TOTP).first()
    if totp is None:
        return
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    # NOTE: a code is good for its 30 s period only; near the period's end, wait for the next one
    # so that the server does not check it in the period after (allauth allows no tolerance).
    import time

    from allauth.mfa import app_settings

    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 5:
        time.sleep(left + 0.5)
    code = totp_code(totp.user)
    # NOTE: a code works once; forget this one so that a test may sign the same user in twice.
    cache.delete(TOTP(totp)._get_used_cache_key(code))
    page.locator("input[name=code]").fill(code)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
