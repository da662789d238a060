"""Japanese names alone on the last line after a closing formula, names declared as names
(名前はアナです) and names said to be a relative (あおいは私の娘です), issue 16. Our own
examples, none from the labelled sets."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    ("よろしくお願いします。\nまゆみ", "よろしくお願いします。\n[PERSON]"),
    ("よろしくお願いします。\n大橋", "よろしくお願いします。\n[PERSON]"),
    (
        "読んでくださってありがとうございます。\nアデミール",
        "読んでくださってありがとうございます。\n[PERSON]",
    ),
    ("名前はアナです。", "名前は[PERSON]です。"),
    ("あおいは私の娘です。", "[PERSON]は私の娘です。"),
    ("姑のトメは九十歳です。", "姑の[PERSON]は九十歳です。"),
]

UNCHANGED = [
    "よろしくお願いします。\nありがとう",
    "以上です。\n病院",
    "名前はナースです。",
    "これは私の娘です。",
    "姑のためにやりました。",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_name_is_replaced(text, expected):
    assert redacted(text, "ja") == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_words_that_are_not_names_stay(text):
    assert redacted(text, "ja") == text
