"""Japanese names that the words around them give away (issue 16): a naming cue (と呼ばれて,
と言ってもらえれば, と名乗る), a pseudonym mark, a rank or honorific after a listed surname or
given name. Our own examples, none from the labelled sets."""

import pytest

from nlp.redaction.japanese_cues import given_name_readings
from tests.nlp.redaction_cases import redacted

CASES = [
    ("のぞみと言ってもらえれば分かります。", "[PERSON]と言ってもらえれば分かります。"),
    ("みんなにはまりちゃんと呼ばれています。", "みんなには[PERSON]ちゃんと呼ばれています。"),
    ("みんなからはゆかりんと呼ばれています。", "みんなからは[PERSON]と呼ばれています。"),
    ("さくらと呼んでください。", "[PERSON]と呼んでください。"),
    ("区役所の岡田係長に相談した。", "区役所の[PERSON]係長に相談した。"),
    ("孫の葵ちゃんが来た。", "孫の[PERSON]ちゃんが来た。"),
    ("上司の西村部長は休みをくれなかった。", "上司の[PERSON]部長は休みをくれなかった。"),
    ("さくら（仮名）は三歳です。", "[PERSON]（仮名）は三歳です。"),
    ("ゆず（32歳・会社員）", "[PERSON]（32歳・会社員）"),
    ("ペンネーム：ゆず", "ペンネーム：[PERSON]"),
    ("ありがとうございました。\nゆずより", "ありがとうございました。\n[PERSON]より"),
    ("はじめまして、しおりです。", "はじめまして、[PERSON]です。"),
    ("私、あおいといいます。", "私、[PERSON]といいます。"),
    ("同僚のトゥイは泣いていた。", "同僚の[PERSON]は泣いていた。"),
    ("技能実習生のリンが倒れた。", "技能実習生の[PERSON]が倒れた。"),
    ("娘の名前は「さくら」です。", "娘の名前は「[PERSON]」です。"),
    ("私（ゆみ）は三十歳です。", "私（[PERSON]）は三十歳です。"),
    ("「ゆうき、大丈夫？」と母が言った。", "「[PERSON]、大丈夫？」と母が言った。"),
    ("友達のThuyが通訳してくれた。", "友達の[PERSON]が通訳してくれた。"),
    ("受付の小川が私の名前を大声で呼んだ。", "受付の[PERSON]が私の名前を大声で呼んだ。"),
    ("医師の松本と看護師の森", "医師の[PERSON]と看護師の[PERSON]"),
    ("ありがとうございました。\n——ひかり", "ありがとうございました。\n——[PERSON]"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_name_is_replaced(text, expected):
    assert redacted(text, "ja") == expected


@pytest.mark.parametrize(
    "text",
    [
        "お母さんと呼ばれるのがうれしかった。",
        "先生と呼ばれる人たちは忙しい。",
        "皆さんに感謝しています。患者さんと看護師さんと赤ちゃん。",
        "お客様、神様、奥様、お嬢さん。大家さんとお医者さん。",
        "外国人と呼ばれることに疲れました。「ガイジン」と呼ばれた。",
        "がんという名前の病気。これはうつと呼ばれる状態です。",
        "ママと呼んでね。「はい」と言えば分かると思った。",
        "担当部長と課長に言った。外科部長も。優しい看護師長でした。",
        "保育士さんと介護士さんと弁護士さん。妊婦さんと呼ばれた。",
        "そうです。それは、ここです。ええ、まあそうです。",
        "大事なのは、やさしさです。問題は、ことばです。家族は、ふたりです。",
        "同僚の多くは女性です。同僚のみんなが助けてくれた。先輩のおかげです。",
        "「はい、そうです」と答えた。「あの、すみません」「ねえ、聞いて」「先生、痛いです」",
        "「ママ、どこ？」「うん、わかった」「だめ、だめ」「いや、違う」「ちょっと、待って」",
        "名前は「外国人」ではない。私（四十代）は、母（八十歳）と。",
        "外国人のスタッフと日本人のナース。ベトナムから来たスタッフ。",
        "ヘルパーさんが来た。スタッフさんに聞いた。ケアマネさんと話した。",
        "医師の話を聞いた。看護師の方が優しかった。受付の人は冷たかった。先生の前で泣いた。",
        "担当の中で一番若い。医師の中には理解のある人もいた。看護師の間で噂になった。",
        "受付の前で待った。スタッフの皆が笑った。本当にありがとうございました。\n——以上",
    ],
)
def test_words_are_left(text):
    assert redacted(text, "ja") == text


def test_readings_are_shipped_in_hiragana():
    readings = given_name_readings()
    assert "のぞみ" in readings and len(readings) > 2000
    assert all(not any("\u4e00" <= c <= "\u9fff" for c in r) for r in readings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("薬剤師をしている恵です。", "薬剤師をしている[PERSON]です。"),
        ("はじめまして、誠と申します。", "はじめまして、[PERSON]と申します。"),
    ],
)
def test_a_listed_kanji_name_introduced_by_role_or_greeting(text, expected):
    assert redacted(text, "ja") == expected


def test_a_word_after_a_role_introduction_is_left():
    # 元気 is a listed given name too, but not after 私は; 主婦 is not listed.
    for text in ("私は元気です。", "パートをしている主婦です。"):
        assert redacted(text, "ja") == text
