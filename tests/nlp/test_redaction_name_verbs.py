"""A given name that is also a word, starting a sentence, before a verb only a person does
(issue 16: Rosa, Grace, Hope, Pilar, Sol). Our own examples, none from the labelled sets."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    ("en", "Hope drove me to the hospital.", "[PERSON] drove me to the hospital."),
    ("en", "It hurt. Grace told me not to worry.", "It hurt. [PERSON] told me not to worry."),
    ("es", "Pilar me dijo que no me preocupara.", "[PERSON] me dijo que no me preocupara."),
    ("es", "Sol me llevó al hospital.", "[PERSON] me llevó al hospital."),
    ("pt", "Rosa me disse para não me preocupar.", "[PERSON] me disse para não me preocupar."),
    ("fr", "Rose m'a dit de ne pas m'inquiéter.", "[PERSON] m'a dit de ne pas m'inquiéter."),
    ("de", "Ernst fuhr mich ins Krankenhaus.", "[PERSON] fuhr mich ins Krankenhaus."),
]

UNCHANGED = [
    ("en", "Hope is what keeps me going."),
    ("en", "Grace period ended last week."),
    ("es", "Ella me dijo que no. Nadie me explicó nada."),
    ("es", "Luz al final del túnel."),
    ("fr", "Elle m'a dit de revenir."),
    ("de", "Sie sagte nichts."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_the_name_is_replaced(lang, text, expected):
    assert redacted(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), UNCHANGED)
def test_words_stay(lang, text):
    assert redacted(text, lang) == text
