"""Spoken stories in a real browser: the recorder by keyboard alone with Chromium's fake
microphone, at 360 px, and axe-core with no violation on the recorder and the transcript check
(with its player) in every interface language."""

import shutil

import pytest

from tests.browser.test_testimonies import AXE, assert_fits, assert_no_axe_violations, tab_to
from tests.conftest import IN_CI, require_service
from tests.testimonies.factories import open_event
from voice import services
from voice.models import Recording

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]
LOCALES = [
    ("en-GB", "en"),
    ("fr-FR", "fr"),
    ("pt-BR", "pt-br"),
    ("es-ES", "es"),
    ("de-DE", "de"),
    ("ja-JP", "ja"),
]


@pytest.fixture(scope="module")
def microphone_browser(browser):
    """A second Chromium with a fake microphone, from the session's Playwright (a second
    Playwright in one process is refused)."""
    require_service("Chromium", shutil.which(CHROMIUM) is not None, f"{CHROMIUM} not found")
    fake = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
    yield fake
    fake.close()


@pytest.fixture(autouse=True)
def _no_model(settings, tmp_path):
    # The real model is tested in tests/voice; here the recording waits for manual transcription.
    settings.VOICE_MODEL_DIR = str(tmp_path / "no-model")
    settings.VOICE_STORAGE_DIR = tmp_path / "recordings"


def _wait_until(page, expression: str, timeout: float = 20) -> None:
    """Poll ``expression`` (a function's source) with page.evaluate: wait_for_function evaluates
    a string, which the site's CSP refuses."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.evaluate(expression):
                return
        except Exception:  # noqa: S110 (the page is navigating: try again)
            pass
        page.wait_for_timeout(200)
    raise AssertionError(f"never true: {expression}")


def _to_recorder(page, event) -> None:
    page.goto(f"/t/{event.submission_token}/")
    page.locator("#id_scope_research").check()
    page.locator("#step-form button[type=submit]").click()
    page.locator(".speak-offer button[type=submit]").click()
    page.wait_for_url("**/speak/*/")


def test_record_by_keyboard_listen_back_send_and_confirm(microphone_browser, live_server):
    event = open_event(languages=["en"])
    context = microphone_browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 360, "height": 740}
    )
    context.grant_permissions(["microphone"])
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        _to_recorder(page, event)
        assert_fits(page, "recorder")
        start = page.get_by_role("button", name="Start recording")
        tab_to(page, start)
        page.keyboard.press("Enter")
        _wait_until(page, "() => document.getElementById('voice-timer').textContent !== '0:00'")
        tab_to(page, page.get_by_role("button", name="Pause"))
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Resume").wait_for()
        page.keyboard.press("Enter")
        page.wait_for_timeout(1200)
        tab_to(page, page.get_by_role("button", name="Stop"))
        page.keyboard.press("Enter")
        send = page.get_by_role("button", name="Send my recording")
        send.wait_for()
        assert page.locator("#voice-playback").is_visible()
        assert page.get_by_role("button", name="Record again").is_visible()
        page.keyboard.press("Enter")  # the focus moved to "Send my recording"
        _wait_until(page, "() => document.getElementById('voice').dataset.status !== 'uploading'")
        recording = Recording.objects.get()
        if recording.status == Recording.Status.QUEUED:
            services.recording_transcribe(recording_id=recording.pk)
        page.reload()
        box = page.get_by_label("Your story, as written down")
        tab_to(page, box)
        page.keyboard.type("I told my story out loud.")
        tab_to(page, page.get_by_role("button", name="This is my story: send it"))
        page.keyboard.press("Enter")
        page.get_by_role("heading", name="Thank you. Your story is saved.").wait_for()
    finally:
        context.close()


@pytest.mark.parametrize(("locale", "code"), LOCALES)
def test_recorder_and_transcript_check_have_no_axe_violations(
    microphone_browser, live_server, tmp_path, locale, code
):
    if not AXE.exists() and not IN_CI:
        pytest.skip("node_modules/axe-core is missing: run `npm ci`")
    event = open_event(languages=["en", "fr", "pt-BR", "es", "de", "ja"])
    context = microphone_browser.new_context(
        base_url=live_server.url, locale=locale, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        _to_recorder(page, event)
        assert page.locator("html").get_attribute("lang").lower() == code
        assert_fits(page, f"recorder {locale}")
        assert_no_axe_violations(page, f"recorder {locale}")
        # A file sent instead (espeak-ng's voice): it waits for manual transcription.
        from tests.voice.clips import espeak_available, make_clip

        if not espeak_available():
            pytest.skip("espeak-ng is not installed")
        page.locator("#voice-file").set_input_files(str(make_clip(tmp_path, "en")))
        page.locator("#voice-upload-form button[type=submit]").click()
        _wait_until(page, "() => document.getElementById('voice-file') === null", timeout=60)
        recording = Recording.objects.get()
        if recording.status == Recording.Status.QUEUED:
            services.recording_transcribe(recording_id=recording.pk)
        page.reload()
        page.locator("#voice-text").wait_for()
        assert page.locator("audio").count() == 1  # the transcript is shown with the player
        assert_fits(page, f"check {locale}")
        assert_no_axe_violations(page, f"check {locale}")
        page.goto("/speak/return/")
        assert_no_axe_violations(page, f"return {locale}")
    finally:
        context.close()
