"""Japanese redaction examples (Sudachi's person-name tags and honorifics), including the reported
name and address."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    # The reported failure: a name and an address, left whole before.
    ("佐藤健太（東京都新宿区西新宿2-8-1）です。", "[PERSON]（[ADDRESS]）です。"),
    ("担当の田中先生は優しかった。", "担当の[PERSON]先生は優しかった。"),
    ("主治医の山本さくら医師に相談しました。", "主治医の[PERSON]医師に相談しました。"),
    ("看護師の鈴木さんが来ました。", "看護師の[PERSON]さんが来ました。"),
    ("娘のゆいちゃんと行きました。", "娘の[PERSON]ちゃんと行きました。"),
    ("ケンタくんも来た。ケンタは泣いた。", "[PERSON]くんも来た。[PERSON]は泣いた。"),
    ("高橋様、ありがとうございました。", "[PERSON]様、ありがとうございました。"),
    ("妻の由美子が付き添ってくれた。", "妻の[PERSON]が付き添ってくれた。"),
    ("電話は090-1234-5678です", "電話は[PHONE]です"),
    ("連絡先は０３－１２３４－５６７８です。", "連絡先は[PHONE]です。"),
    ("メールはtaro@example.jpです", "メールは[EMAIL]です"),
    ("マイナンバーは1234 5678 9018です。", "マイナンバーは[ID]です。"),
    ("〒160-0023 東京都新宿区西新宿二丁目8番1号に住んでいます。", "[ADDRESS]に住んでいます。"),
    ("住所は大阪市北区梅田三丁目1番3号です。", "住所は[ADDRESS]です。"),
]
UNCHANGED = [
    "私は病院で三時間待ちました。医師は説明してくれませんでした。",
    "東京の病院の先生は話を聞いてくれた。",
    "3月5日の午後2時に予約がありました。",
    "車椅子で行ったが、入口に段差があった。",
    "日本語が話せない母のために通訳を頼んだ。",
    "新宿区役所に行った。",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_identifiers_are_replaced(text, expected):
    assert redacted(text, "ja") == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_words_stay(text):
    assert redacted(text, "ja") == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Surnames that Sudachi tags as place names, before an honorific.
        ("担当の石田先生は優しかった。", "担当の[PERSON]先生は優しかった。"),
        # Names joined by a middle dot, and a signature.
        ("通訳のグエン・ティ・ランさんが来た。", "通訳の[PERSON]さんが来た。"),
        ("ありがとう。\n― アキラ・ナカムラ", "ありがとう。\n― [PERSON]"),
        # A kana name after a relative and の, and its other mentions.
        (
            "妻のさくらは入院した。先生はさくらに話した。",
            "妻の[PERSON]は入院した。先生は[PERSON]に話した。",
        ),
        # Addresses with 丁目 and 条.
        ("〒165-0026 東京都中野区新井2丁目14番5号の家", "[ADDRESS]の家"),
        ("札幌市中央区南4条西12丁目1-25の集会所", "[ADDRESS]の集会所"),
    ],
)
def test_more_names_and_addresses(text, expected):
    assert redacted(text, "ja") == expected


# Issue 16: a one-character surname before an honorific, and a signed name with its reading.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "近所の医院の朴先生が話を聞いてくれました。",
            "近所の医院の[PERSON]先生が話を聞いてくれました。",
        ),
        ("以上です。\n保健師\u3000葵（あおい）", "以上です。\n保健師\u3000[PERSON]（[PERSON]）"),
    ],
)
def test_issue16_names(text, expected):
    assert redacted(text, "ja") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A given name in kana that the dictionary reads as a common noun, before an honorific.
        ("あかりちゃんと遊んだ。", "[PERSON]ちゃんと遊んだ。"),
        ("ひなたくんが泣いた。", "[PERSON]くんが泣いた。"),
        # Kinship words and "everyone" stay.
        ("おばあさんが言った。", "おばあさんが言った。"),
        ("みなさんに感謝します。", "みなさんに感謝します。"),
    ],
)
def test_issue16_kana_names_before_an_honorific(text, expected):
    assert redacted(text, "ja") == expected
