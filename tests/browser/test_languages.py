"""The participant's whole path in each of the six languages, at 360 px: link → consent → story
→ receipt → withdrawal with the code, axe-core clean on every page, ``<html lang>`` right.

The language is the participant's browser's (Playwright's ``locale`` sends it as
Accept-Language); the ``django_language`` cookie, which the page's language switcher sets, says
the same, so the test does not depend on which of the two the site reads first.
"""

import pytest

from testimonies.models import Testimony
from tests.browser.test_testimonies import AXE, assert_fits, assert_no_axe_violations
from tests.conftest import IN_CI
from tests.testimonies.factories import open_event

pytestmark = pytest.mark.browser

# (LANGUAGES code, browser locale, <html lang>)
LANGUAGES = [
    ("en", "en-GB", "en"),
    ("fr", "fr-FR", "fr"),
    ("pt-br", "pt-BR", "pt-br"),
    ("es", "es-ES", "es"),
    ("de", "de-DE", "de"),
    ("ja", "ja-JP", "ja"),
]
STORIES = {
    "en": "The nurse spoke to my daughter instead of to me, as if I was not there.",
    "fr": "L’infirmière parlait à ma fille au lieu de me parler, comme si je n’étais pas là.",
    "pt-br": "A enfermeira falava com a minha filha e não comigo, como se eu não estivesse lá.",
    "es": "La enfermera hablaba con mi hija en vez de conmigo, como si yo no estuviera allí.",
    "de": "Die Pflegekraft sprach mit meiner Tochter statt mit mir, als wäre ich nicht da.",
    "ja": "看護師は私ではなく娘に話しかけました。まるで私がそこにいないかのようでした。",
}


def check_page(page, expected_lang: str, label: str) -> None:
    lang = page.locator("html").get_attribute("lang")
    assert (lang or "").lower() == expected_lang, f"{label}: <html lang={lang!r}>"
    assert_fits(page, label)
    assert_no_axe_violations(page, label)


def submit_button(page, field: str):
    """The submit button of the form holding ``field`` (not the language switcher's)."""
    return page.locator(f"form:has({field}) button[type=submit]").last


@pytest.mark.parametrize(
    ("code", "locale", "html_lang"), LANGUAGES, ids=[c for c, _, _ in LANGUAGES]
)
def test_participant_path_in_each_language(
    browser, live_server, monkeypatch, code, locale, html_lang
):
    if not AXE.exists() and not IN_CI:
        pytest.skip("node_modules/axe-core is missing: run `npm ci`")
    # NOTE: the story's follow-up work (NLP) stays queued: run eagerly in the live server, a
    # language's spaCy model would load inside the request and hold SQLite's lock.
    monkeypatch.setattr("core.outbox.outbox_relay", lambda **kwargs: 0)
    event = open_event(title="Zxq", languages=[code])
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport={"width": 360, "height": 740}
    )
    context.add_cookies([{"name": "django_language", "value": code, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"/t/{event.submission_token}/")
        check_page(page, html_lang, "consent")
        page.locator("#id_scope_research").check()
        page.locator("#id_scope_quote_anonymous").check()
        submit_button(page, "#id_scope_research").click()

        page.locator("#id_text").wait_for()
        check_page(page, html_lang, "story")
        page.locator("#id_text").fill(STORIES[code])
        submit_button(page, "#id_text").click()

        page.locator("#withdrawal-code").wait_for()
        check_page(page, html_lang, "receipt")
        withdrawal_code = page.locator("#withdrawal-code").inner_text().strip()
        assert len(withdrawal_code) >= 32
        testimony = Testimony.objects.get(event=event)
        assert testimony.text == STORIES[code]

        page.goto("/withdraw/")
        check_page(page, html_lang, "withdrawal code")
        page.locator("#id_code").fill(withdrawal_code)
        submit_button(page, "#id_code").click()

        page.locator("input[name=what][value=everything]").wait_for()
        check_page(page, html_lang, "withdrawal choice")
        page.locator("input[name=what][value=everything]").check()
        submit_button(page, "input[name=what]").click()

        page.locator("input[name=erase_confirmed]").wait_for(state="attached")
        check_page(page, html_lang, "erase confirmation")
        submit_button(page, "input[name=erase_confirmed]").click()

        page.locator("input[name=what]").wait_for(state="detached")
        check_page(page, html_lang, "withdrawal done")
        testimony.refresh_from_db()
        assert (testimony.status, testimony.text) == ("withdrawn", "")
    finally:
        context.close()
