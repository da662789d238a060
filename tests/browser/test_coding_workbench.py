"""The coding screen without page reloads (issue 18, points 2 and 3): apply, remove, comment,
accept, reject and write a memo through the API, the screen updated in place with the focus
kept and an announcement; errors in place with nothing saved; the next story without a page
load; the same work without a script; a palette of 200 codes by keyboard; axe-core passes."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from coding import services
from coding.models import Code, CodeApplication, Memo
from coding.services import codebook_default_seed
from tests.browser.conftest import sign_in
from tests.browser.test_coding import axe_violations
from tests.coding.factories import CodebookFactory, CodeFactory, story
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

TEXT = (
    "Je suis arrivée aux urgences à deux heures du matin. "
    "Personne ne m’a écoutée 😢 pendant quatre heures. "
    "Puis une infirmière est venue, très gentille, et tout a changé."
)


def no_reload_marker(page):
    page.evaluate("window.__sameDocument = true")


def same_document(page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def focus_inside(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => { const el = document.querySelector(s);"
        " return !!el && el.contains(document.activeElement); }",
        selector,
    )


def test_every_action_updates_the_screen_in_place(page, live_server):
    book = codebook_default_seed()
    researcher = UserFactory(roles=[Role.RESEARCHER])
    s = story(text=TEXT)
    nxt = story(text="Une autre histoire, à coder ensuite.")
    sub = Code.objects.get(codebook=book, key="not_listened_to")
    theme = Code.objects.get(codebook=book, key="person_centred")
    education = Code.objects.get(codebook=book, key="education")
    start = TEXT.index("Personne")
    accepted, _ = services.suggestion_record(
        testimony=s,
        code=theme,
        confidence=0.8,
        model_version="lexicon-fr-r1",
        evidence_start=start,
        evidence_end=start + 24,
    )
    rejected, _ = services.suggestion_record(
        testimony=s, code=education, confidence=0.3, model_version="lexicon-fr-r1"
    )
    sign_in(page, researcher.email, PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/coding/stories/{s.id}/")
    no_reload_marker(page)
    live = page.locator("#coding-live")

    # Select the first sentence by keyboard; "/" and a name, then Enter applies the code.
    page.locator("#story-text").focus()
    page.keyboard.press("j")
    page.keyboard.press("/")
    expect(page.locator("#code-filter")).to_be_focused()
    page.keyboard.type("not listened")
    expect(page.locator("#code-filter-count")).to_contain_text("1 code shown")
    page.keyboard.press("Enter")
    expect(live).to_have_text("Applied “Not listened to”.")
    app = CodeApplication.objects.get(testimony=s, coder=researcher, code=sub)
    assert TEXT[app.start : app.end] == "Je suis arrivée aux urgences à deux heures du matin."
    expect(page.locator(f"#app-{app.id}")).to_be_visible()
    expect(page.locator(f'#story-text mark[data-apps~="{app.id}"]')).to_have_count(1)
    expect(page.locator("#code-filter")).to_be_focused()  # the focus stayed where it was
    expect(page.locator("#recent-palette .code-button").first).to_contain_text("Not listened to")

    # Accept a suggestion for its passage: it leaves the panel, its code is on the story.
    page.locator(f"#suggestion-{accepted.id}").get_by_role("button", name="Accept").click()
    expect(live).to_have_text("Suggestion accepted: the code is now yours.")
    expect(page.locator(f"#suggestion-{accepted.id}")).to_have_count(0)
    mine = CodeApplication.objects.get(testimony=s, coder=researcher, code=theme)
    assert (mine.start, mine.end) == (start, start + 24)
    # Its item is gone: the focus moved to the next suggestion, not to the page's top.
    assert focus_inside(page, "#suggestions")
    page.locator(f"#suggestion-{rejected.id}").get_by_role("button", name="Reject").click()
    expect(live).to_have_text("Suggestion rejected.")
    expect(page.locator(f"#suggestion-{rejected.id}")).to_have_count(0)
    rejected.refresh_from_db()
    assert rejected.status == CodeApplication.Status.REJECTED

    # Comment on one's code, then remove it.
    item = page.locator(f"#app-{app.id}")
    item.locator("summary").click()
    item.get_by_label("Comment").fill("Attente longue.")
    item.get_by_role("button", name="Save the comment").click()
    expect(live).to_have_text("Comment saved.")
    expect(page.locator(f"#app-{app.id} .comment")).to_have_text("Attente longue.")
    app.refresh_from_db()
    assert app.comment == "Attente longue."
    assert focus_inside(page, f"#app-{app.id}")
    page.locator(f"#app-{app.id} summary").click()
    page.locator(f"#app-{app.id}").get_by_role("button", name="Remove this code").click()
    expect(live).to_have_text("Code removed.")
    expect(page.locator(f"#app-{app.id}")).to_have_count(0)
    assert not CodeApplication.objects.filter(pk=app.pk).exists()
    assert page.evaluate("document.activeElement !== document.body")

    # A memo.
    page.get_by_text("Write a memo").click()
    page.locator("#id_memo-title").fill("Nuit aux urgences")
    page.locator("#id_memo-body").fill("Attente, puis écoute.")
    page.get_by_role("button", name="Save the memo").click()
    expect(live).to_have_text("Memo saved.")
    expect(page.locator("#memo-list")).to_contain_text("Nuit aux urgences")
    assert Memo.objects.filter(testimony=s, title="Nuit aux urgences").exists()
    expect(page.locator("#id_memo-title")).to_have_value("")

    # An error stays in place, and nothing is saved.
    page.locator("details.offsets summary").click()
    page.locator("input[name=start]").fill("0")
    page.locator("input[name=end]").fill("99999")
    page.locator("#code-palette .code-button", has_text="Not listened to").click()
    expect(page.locator("#apply-form .action-error")).to_be_visible()
    expect(page.locator("#apply-form .action-error")).to_contain_text("Nothing was saved.")
    assert not CodeApplication.objects.filter(testimony=s, coder=researcher, code=sub).exists()
    assert axe_violations(page) == []
    assert same_document(page)

    # The next story, without a page load; its address is in the history.
    page.locator("h1").click()
    page.keyboard.press("n")
    expect(page.locator("h1")).to_have_text(f"Story {nxt.id}")
    expect(page).to_have_url(f"{live_server.url}/coding/stories/{nxt.id}/?codebook={book.slug}")
    expect(page.locator("#story-text")).to_contain_text("Une autre histoire")
    assert same_document(page)
    page.locator("#story-text").focus()
    page.keyboard.press("j")
    page.keyboard.press("1")
    expect(live).to_contain_text("Applied")
    assert CodeApplication.objects.filter(testimony=nxt, coder=researcher).count() == 1
    assert axe_violations(page) == []


def test_without_a_script_the_same_work_is_done_with_page_loads(browser, live_server):
    book = codebook_default_seed()
    researcher = UserFactory(roles=[Role.RESEARCHER])
    s = story(text=TEXT)
    theme = Code.objects.get(codebook=book, key="person_centred")
    suggestion, _ = services.suggestion_record(
        testimony=s,
        code=theme,
        confidence=0.8,
        model_version="lexicon-fr-r1",
        evidence_start=0,
        evidence_end=20,
    )
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, researcher.email, PASSWORD)
        page.goto(f"/coding/stories/{s.id}/")
        page.locator("details.offsets summary").click()
        page.locator("input[name=start]").fill("0")
        page.locator("input[name=end]").fill("7")
        page.locator("#code-palette .code-button", has_text="Not listened to").click()
        expect(page.locator(".messages")).to_contain_text("Applied “Not listened to”.")
        page.locator(f"#suggestion-{suggestion.id}").get_by_role("button", name="Accept").click()
        expect(page.locator(".messages")).to_contain_text("Suggestion accepted")
        page.get_by_text("Write a memo").click()
        page.locator("#id_memo-title").fill("Sans script")
        page.locator("#id_memo-body").fill("Tout marche.")
        page.get_by_role("button", name="Save the memo").click()
        expect(page.locator(".messages")).to_be_visible()
    finally:
        context.close()
    assert CodeApplication.objects.filter(testimony=s, coder=researcher).count() == 2
    assert Memo.objects.filter(testimony=s, title="Sans script").exists()


def test_a_palette_of_200_codes_by_keyboard_stays_in_view(page):
    researcher = UserFactory(roles=[Role.RESEARCHER])
    book = CodebookFactory(is_default=True)
    codes = [
        CodeFactory(codebook=book, label_en=f"Theme {i:03d} with a rather long name to wrap")
        for i in range(200)
    ]
    s = story(text=TEXT * 20)
    sign_in(page, researcher.email, PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/coding/stories/{s.id}/?codebook={book.slug}")
    # Nothing clipped: the palette is no scroll box of its own, every label shown whole.
    clipped = page.evaluate(
        """() => {
            const ul = document.getElementById('code-palette');
            const buttons = Array.from(ul.querySelectorAll('.code-button'));
            return [ul.scrollHeight - ul.clientHeight,
                    buttons.filter(b => b.scrollWidth > b.clientWidth + 1).length, buttons.length];
        }"""
    )
    assert clipped == [0, 0, 200]
    # The palette stays in view while the page scrolls.
    page.mouse.wheel(0, 3000)
    page.keyboard.press("d")  # the whole story
    page.keyboard.press("/")
    filter_box = page.locator("#code-filter").bounding_box()
    assert 0 <= filter_box["y"] < 800
    page.keyboard.type("theme 187")
    page.keyboard.press("Enter")
    expect(page.locator("#coding-live")).to_contain_text("Theme 187")
    app = CodeApplication.objects.get(testimony=s, coder=researcher)
    assert app.code == codes[187] and app.start is None
    # Now first among the recent codes, on key 1.
    expect(page.locator('#recent-palette [data-shortcut="1"]')).to_contain_text("Theme 187")
    assert axe_violations(page) == []
