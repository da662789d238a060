"""Japanese name forms of the fifth batch (issue 16): an honorific after a line break, 女史, a
name given as someone's 通名 or 旧姓, a name one goes by (「あおい」で通って), a child after
下の子の, a given name after 母の, an old katakana name before おばあ, a Chinese given name after
its surname, a katakana signature, a one-kanji given name before さん, a Latin name in a Japanese
sentence. Each with a near miss that must stay. Our own examples, none from the labelled sets."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    ("担当の西川\n先生が来た。", "担当の[PERSON]\n先生が来た。"),
    ("担当の西川　先生が来た。", "担当の[PERSON]　先生が来た。"),
    ("指導者の大島女史に言われた。", "指導者の[PERSON]女史に言われた。"),
    ("通名は金山、本名は別です。", "通名は[PERSON]、本名は別です。"),
    ("（旧姓：大村）", "（旧姓：[PERSON]）"),
    ("旧姓は「大村」です。", "旧姓は「[PERSON]」です。"),
    ("友だちの間では「あおい」で通っています。", "友だちの間では「[PERSON]」で通っています。"),
    ("下の子の空が生まれた。", "下の子の[PERSON]が生まれた。"),
    ("母の和子が来た。", "母の[PERSON]が来た。"),
    ("協力したカマドおばあは亡くなった。", "協力した[PERSON]おばあは亡くなった。"),
    ("夫の張偉と二人で店をしている。", "夫の[PERSON]と二人で店をしている。"),
    ("ありがとうございました。\n-- タカ", "ありがとうございました。\n-- [PERSON]"),
    ("施設の職員の春さんが来た。", "施設の職員の[PERSON]さんが来た。"),
    ("同じ寮のNguyenも同じことを言われた。", "同じ寮の[PERSON]も同じことを言われた。"),
    ("友達のJoyが来た。", "友達の[PERSON]が来た。"),
]

NEAR_MISSES = [
    "市民病院\n先生は忙しい。",
    "その女史は厳しかった。",
    "本名は非公開です。",
    "毎朝「自転車」で通っています。",
    "空が晴れた。席が空いている。",
    "父の未来が心配だ。",
    "母の様子が変だ。",
    "スーパーおばあちゃんと呼ばれた。",
    "空を飛ぶタカを見た。",
    "お星様が見えた。",
    "兄さんが来た。",
    "Googleで調べた。",
    "Joyが好き。",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_name_is_replaced(text, expected):
    assert redacted(text, "ja") == expected


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_the_near_miss_stays(text):
    assert redacted(text, "ja") == text


def test_a_chinese_surname_keeps_its_title_apart():
    assert redacted("金先生と張医師に聞いた。", "ja") == "[PERSON]先生と[PERSON]医師に聞いた。"
