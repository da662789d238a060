"""Japanese names beyond Sudachi's tags (issue 16): kanji name lists from gimei, a given name that
is also a word after a child or spouse, self-introductions in katakana, names found in parts."""

import pytest

from nlp.redaction.japanese_cues import family_names, given_names
from tests.nlp.redaction_cases import redacted

CASES = [
    ("娘の愛は三歳です。", "娘の[PERSON]は三歳です。"),
    ("私はフェルナンダです。", "私は[PERSON]です。"),
    ("私の名前はアナ・ソウザです。", "私の名前は[PERSON]です。"),
    ("日系の医師、大野レナータ先生も来た。", "日系の医師、[PERSON]先生も来た。"),
    ("私は石田美咲と申します。", "私は[PERSON]と申します。"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_whole_name_is_replaced(text, expected):
    assert redacted(text, "ja") == expected


@pytest.mark.parametrize(
    "text",
    ["母の愛は深い。", "私はシングルマザーです。", "私はナースです。", "病院まで三十分です。"],
)
def test_words_are_not_names(text):
    assert redacted(text, "ja") == text


def test_the_lists_are_shipped_in_kanji():
    assert "美咲" in given_names() and "佐藤" in family_names()
    assert len(given_names()) > 5000 and len(family_names()) > 400


def test_diseases_named_after_people_are_not_names():
    text = "妻はアルツハイマー型認知症で、マイナ保険証も使えませんでした。"
    assert redacted(text, "ja") == text
