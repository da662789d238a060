"""A researcher codes a passage with accented letters and emoji; offsets are code points."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from coding import services
from coding.models import Code, CodeApplication
from coding.services import codebook_default_seed
from tests.browser.conftest import sign_in
from tests.coding.factories import story
from tests.conftest import require_service
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

# An emoji before the passage makes UTF-16 and code-point offsets differ by one.
TEXT = (
    "🙂 Hélène, 34 ans : « Le médecin ne m’a pas écoutée 😡 », dit-elle.\n"
    "Depuis, j’évite les cabinets médicaux. Ça a changé ma vie."
)


def utf16(index: int) -> int:
    return len(TEXT[:index].encode("utf-16-le")) // 2


def select_in_page(page, start_cp: int, end_cp: int) -> None:
    """What a mouse selection produces: a DOM range in UTF-16 units over the text node."""
    page.evaluate(
        """([a, b]) => {
            const node = document.querySelector('#story-text [data-start]').firstChild;
            const range = document.createRange();
            range.setStart(node, a);
            range.setEnd(node, b);
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
        }""",
        [utf16(start_cp), utf16(end_cp)],
    )


def test_researcher_codes_a_span_and_offsets_are_code_points(page):
    book = codebook_default_seed()
    researcher = UserFactory(roles=[Role.RESEARCHER])
    s = story(text=TEXT)
    theme = Code.objects.get(codebook=book, key="person_centred")
    start = TEXT.index("Le médecin")
    end = TEXT.index("😡") + 1
    assert utf16(end) == end + 2  # both emoji take two UTF-16 units

    sign_in(page, researcher.email, PASSWORD)
    page.goto(f"/coding/stories/{s.id}/")
    select_in_page(page, start, end)
    expect(page.locator("#selection-status")).to_contain_text("Le médecin ne m’a pas écoutée 😡")
    expect(page.locator("input[name=start]")).to_have_value(str(start))
    expect(page.locator("input[name=end]")).to_have_value(str(end))
    page.get_by_role("button", name="Prioritise holistic, person-centred care").click()

    mark = page.locator("#story-text mark")
    expect(mark).to_have_text("Le médecin ne m’a pas écoutée 😡")
    expect(page.locator("#coding-live")).to_have_text(
        "Applied “Prioritise holistic, person-centred care”."
    )
    # No page load: the passage stays selected, so a second code is one key press away; the
    # code just applied is first among the recent codes, so the keys follow the new order.
    expect(page.locator("input[name=start]")).to_have_value(str(start))
    expect(page.locator("#recent-palette .code-button").first).to_have_attribute(
        "data-shortcut", "1"
    )
    key = page.locator("#code-palette .code-button", has_text="Not listened to").get_attribute(
        "data-shortcut"
    )
    page.keyboard.press(key)
    expect(page.locator("#span-apps li")).to_have_count(2)
    second = CodeApplication.objects.get(testimony=s, coder=researcher, code__key="not_listened_to")
    assert (second.start, second.end) == (start, end)

    page.reload()
    expect(page.locator("#story-text mark").first).to_have_text("Le médecin ne m’a pas écoutée 😡")
    app = CodeApplication.objects.get(testimony=s, coder=researcher, code=theme)
    assert (app.code_id, app.start, app.end) == (theme.id, start, end)
    assert TEXT[app.start : app.end] == "Le médecin ne m’a pas écoutée 😡"
    # The text shown is exactly the research copy (the highlight adds no character).
    assert page.locator("#story-text").text_content() == TEXT


def test_keyboard_alone_selects_a_sentence_and_applies_a_code(page):
    book = codebook_default_seed()
    researcher = UserFactory(roles=[Role.RESEARCHER])
    s = story(text=TEXT)
    first_code = Code.objects.get(codebook=book, key="education")
    sign_in(page, researcher.email, PASSWORD)
    page.goto(f"/coding/stories/{s.id}/")
    page.locator("#story-text").focus()
    page.keyboard.press("j")
    page.keyboard.press("j")  # the second sentence
    expect(page.locator("#selection-status")).to_contain_text("Depuis, j’évite")
    page.keyboard.press("1")
    expect(page.locator("#story-text mark")).to_have_count(1)
    app = CodeApplication.objects.get(testimony=s, coder=researcher)
    assert app.code_id == first_code.id
    assert TEXT[app.start : app.end] == "Depuis, j’évite les cabinets médicaux."

    # D switches to the whole story; a number key still applies a code from the radio button.
    page.keyboard.press("d")
    expect(page.locator("input[name=scope][value=document]")).to_be_checked()
    page.keyboard.press("3")
    expect(page.locator("#coding-live")).to_contain_text("Champion diversity in research")
    doc = CodeApplication.objects.filter(testimony=s, coder=researcher, start__isnull=True)
    assert doc.get().code.key == "research"


def test_shortcuts_never_fire_while_an_input_method_composes(page):
    codebook_default_seed()
    researcher = UserFactory(roles=[Role.RESEARCHER])
    s = story(text=TEXT)
    sign_in(page, researcher.email, PASSWORD)
    page.goto(f"/coding/stories/{s.id}/")
    page.locator("#story-text").focus()
    status = page.locator("#selection-status").inner_text()
    # What a browser sends for the keys typed into a Japanese input method before it commits.
    page.evaluate(
        """() => {
            for (const init of [{key: "j", isComposing: true}, {key: "j", keyCode: 229}]) {
                document.dispatchEvent(new KeyboardEvent("keydown", {bubbles: true, ...init}));
            }
        }"""
    )
    expect(page.locator("#selection-status")).to_have_text(status)
    page.keyboard.press("j")  # the same key, not composing, still selects the first sentence
    expect(page.locator("#selection-status")).to_contain_text("Hélène")


def test_coding_screen_fits_a_360_px_screen(page):
    codebook_default_seed()
    researcher = UserFactory(roles=[Role.RESEARCHER])
    s = story(text=TEXT)
    sign_in(page, researcher.email, PASSWORD)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/coding/stories/{s.id}/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list:
    require_service("axe-core", AXE.exists(), "node_modules/axe-core is missing: run `npm ci`")
    # NOTE: evaluated through DevTools, not as an inline <script>, which our CSP refuses.
    page.evaluate(AXE.read_text("utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_coding_pages_have_no_axe_violations(page, live_server, language):
    book = codebook_default_seed()
    researcher = UserFactory(roles=[Role.RESEARCHER])
    admin = UserFactory(roles=[Role.ADMIN])
    s = story(text=TEXT)
    sub = Code.objects.get(codebook=book, key="not_listened_to")
    theme = Code.objects.get(codebook=book, key="person_centred")
    services.application_create(testimony=s, code=sub, coder=researcher, start=2, end=20)
    services.application_create(testimony=s, code=theme, coder=admin, start=10, end=30)
    services.application_create(testimony=s, code=theme, coder=researcher)
    services.suggestion_record(
        testimony=s,
        code=sub,
        confidence=0.8,
        model_version="lex-1",
        evidence_start=3,
        evidence_end=9,
    )
    services.memo_create(author=researcher, title="Pattern", body="Seen twice.", testimony=s)
    sign_in(page, researcher.email, PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    urls = [
        "/dashboard/",
        "/coding/",
        f"/coding/stories/{s.id}/",
        "/coding/codebooks/",
        f"/coding/codebooks/{book.slug}/",
        f"/coding/codebooks/{book.slug}/versions/",
        f"/coding/codes/{sub.id}/",
        "/coding/memos/",
        "/coding/agreement/",
        "/coding/agreement/disagreements/",
    ]
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        for url in urls:
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language, url
            assert axe_violations(page) == [], (url, width)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            wide = page.evaluate(
                "() => Array.from(document.querySelectorAll('body *'))"
                ".filter(e => !e.closest('.table-wrap'))"
                ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                ".slice(0, 5).map(e => e.tagName + '.' + e.className)"
            )
            assert overflow <= 0, (url, width, wide)
    # Blind mode: the agreement pages show a notice and a button to leave it instead.
    page.goto(f"/coding/stories/{s.id}/")
    page.locator("form[action$='/blind/'] button").first.click()
    for url in ("/coding/agreement/", "/coding/agreement/disagreements/"):
        page.goto(url)
        assert page.locator("#blind-title").count() == 1, url
        assert axe_violations(page) == [], (url, "blind")
