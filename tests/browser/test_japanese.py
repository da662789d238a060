"""Japanese pages at 360 px: system CJK fonts, strict line breaking, no horizontal overflow."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from coding.services import codebook_default_seed
from tests.browser.conftest import sign_in
from tests.coding.factories import story
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

# A long story with no space at all (as Japanese is written), a long Latin token and a long
# run of digits: each must wrap inside a 360 px column.
STORY = (
    "病院の受付で、名前を呼ばれるまで一時間以上待ちました。"
    "看護師さんは忙しそうで、私の話を最後まで聞いてくれませんでした。"
    * 12
    + "予約の確認はhttps://example.org/very/long/path/without/any/space/at/all/abcdefghijklmnop"
    + "で行いました。番号は１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０です。"
)
CJK_FAMILIES = (
    "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
    "Yu Gothic",
    "Meiryo",
    "Noto Sans CJK JP",
)
NO_OVERFLOW = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
WIDE = (
    "() => Array.from(document.querySelectorAll('body *'))"
    ".filter(e => !e.closest('.table-wrap, .chart-scroll'))"
    ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
    ".slice(0, 5).map(e => e.tagName + '.' + e.className)"
)


def test_japanese_pages_fit_360px_and_use_cjk_fonts(page, live_server):
    codebook_default_seed()
    researcher = UserFactory(roles=[Role.RESEARCHER])
    s = story(text=STORY, declared_language="ja")
    sign_in(page, researcher.email, PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "ja", "url": live_server.url}])
    page.set_viewport_size({"width": 360, "height": 740})
    for url in (f"/coding/stories/{s.id}/", "/coding/", "/research/stories/"):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "ja", url
        assert page.evaluate(NO_OVERFLOW), (url, page.evaluate(WIDE))

    page.goto(f"/coding/stories/{s.id}/")
    text = page.locator("#story-text")
    expect(text).to_contain_text("看護師さん")
    style = text.evaluate(
        "e => { const s = getComputedStyle(e);"
        " return [s.fontFamily, s.lineBreak, s.wordBreak, s.overflowWrap]; }"
    )
    family, line_break, word_break, overflow_wrap = style
    assert any(name in family for name in CJK_FAMILIES), family
    assert (line_break, word_break, overflow_wrap) == ("strict", "normal", "anywhere")
    body_family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK JP" in body_family
    # Japanese is never set in italics.
    italic = page.evaluate(
        "Array.from(document.querySelectorAll('main *'))"
        ".filter(e => getComputedStyle(e).fontStyle === 'italic').length"
    )
    assert italic == 0
