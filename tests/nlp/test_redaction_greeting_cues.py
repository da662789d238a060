"""Names after a greeting and "I am" (Hola, soy Sol), after "m'appelle" without "je" or "on",
a name that is also a month right after a relative (my daughter, April), and a contraction that
is not a name (Hi, I'm Rosa: "I'm" stays), issue 16. Our own examples, none from the labelled
sets."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    ("es", "Hola, soy Sol y vivo en Málaga.", "Hola, soy [PERSON] y vivo en Málaga."),
    ("pt", "Oi, sou Luz e moro em Belém.", "Oi, sou [PERSON] e moro em Belém."),
    ("en", "Hi, I'm Rosa and I live in Leeds.", "Hi, I'm [PERSON] and I live in Leeds."),
    ("fr", "Tout le monde m'appelle Titi.", "Tout le monde m'appelle [PERSON]."),
    ("fr", "Tata Fatou a apporté à manger.", "Tata [PERSON] a apporté à manger."),
    ("en", "My daughter, April, was with me.", "My daughter, [PERSON], was with me."),
]

UNCHANGED = [
    ("de", "Hallo, ich bin Ärztin und arbeite in Kiel."),
    ("en", "I saw my GP in April and again in May."),
    ("en", "Hi, I'm 45 and I live in Leeds."),
    ("en", "My daughter was born May 3, 2019."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_the_name_is_replaced(lang, text, expected):
    assert redacted(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), UNCHANGED)
def test_other_words_stay(lang, text):
    assert redacted(text, lang) == text
