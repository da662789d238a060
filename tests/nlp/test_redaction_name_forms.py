"""More of the places where names hide in Latin-script stories (issue 16): nicknames after
"me chama de" or "nennen mich", "seu" and "Auntie" as titles, and a name that is also a word
when a role follows it ("Grace, the midwife"). Our own examples, none from the labelled sets."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    ("pt", "Todo mundo me chama de Mundinha.", "Todo mundo me chama de [PERSON]."),
    (
        "pt",
        "Quem ajudou foi o seu Tonho, o motorista.",
        "Quem ajudou foi o seu [PERSON], o motorista.",
    ),
    ("pt", "Rosa, a enfermeira, me ouviu.", "[PERSON], a enfermeira, me ouviu."),
    ("es", "Gracias a Sol, la trabajadora social.", "Gracias a [PERSON], la trabajadora social."),
    ("es", "En el barrio soy conocida como Chabela.", "En el barrio soy conocida como [PERSON]."),
    ("en", "Grace, the midwife, held my hand.", "[PERSON], the midwife, held my hand."),
    ("en", "Auntie Bisi came every day.", "Auntie [PERSON] came every day."),
    ("en", "He goes by Tiny.", "He goes by [PERSON]."),
    ("de", "Alle nennen mich Hansi.", "Alle nennen mich [PERSON]."),
    ("de", "Ein Pfleger namens Tobi lachte.", "Ein Pfleger namens [PERSON] lachte."),
    ("es", "Un enfermero llamado Chuy me ayudó.", "Un enfermero llamado [PERSON] me ayudó."),
    ("de", "Meine Kollegin Merve Aydın half mir.", "Meine Kollegin [PERSON] half mir."),
    ("fr", "On m'appelait Titi à l'hôpital.", "On m'appelait [PERSON] à l'hôpital."),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_the_name_is_replaced(language, text, expected):
    assert redacted(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pt", "Ele pegou o seu Cartão do SUS e o seu Bilhete Único."),
        ("pt", "Graças a Deus, a enfermeira chegou."),
        ("es", "Gracias a Dios, la enfermera llegó."),
        ("en", "Known as the best hospital in town, it failed us. Long story short."),
        ("en", "I took my mum to St. Ambrose Medical Center."),
        ("de", "Wir nennen es Glück."),
    ],
)
def test_words_are_left(language, text):
    assert redacted(text, language) == text
