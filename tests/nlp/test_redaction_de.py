"""German redaction examples."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    ("Frau Dr. Schneider hat mir zugehört.", "Frau Dr. [PERSON] hat mir zugehört."),
    ("Herr Yilmaz war freundlich.", "Herr [PERSON] war freundlich."),
    ("Ich heiße Katrin Müller.", "Ich heiße [PERSON]."),
    ("Mein Name ist Jürgen Weber.", "Mein Name ist [PERSON]."),
    ("Meine Tochter Lena war dabei.", "Meine Tochter [PERSON] war dabei."),
    ("Dann kam Ayşe Demir dazu.", "Dann kam [PERSON] dazu."),
    ("Viele Grüße, Jürgen", "Viele Grüße, [PERSON]"),
    ("Danke fürs Zuhören.\n— Monika", "Danke fürs Zuhören.\n— [PERSON]"),
    ("Meine Nummer: 030 12345678.", "Meine Nummer: [PHONE]."),
    ("Handy 0151 23456789", "Handy [PHONE]"),
    ("Ruf an: +49 89 1234567.", "Ruf an: [PHONE]."),
    ("Schreiben Sie an k.mueller@beispiel.de.", "Schreiben Sie an [EMAIL]."),
    ("Meine Steuer-ID ist 65929970489.", "Meine Steuer-ID ist [ID]."),
    ("Steuer-ID 47036892816", "Steuer-ID [ID]"),
    ("Ich wohne in der Hauptstraße 5, 10115 Berlin.", "Ich wohne in der [ADDRESS]."),
    ("Die Praxis ist in der Berliner Straße 12a.", "Die Praxis ist in der [ADDRESS]."),
    ("Wir wohnen Am Markt 3.", "Wir wohnen [ADDRESS]."),
]
UNCHANGED = [
    "Ich habe drei Stunden in der Notaufnahme in Hamburg gewartet.",
    "Die Ärztin hat meine Schmerzen nicht ernst genommen.",
    "Am 3. März 2022 habe ich 50 Euro bezahlt.",
    "Als gehörloser Mensch brauchte ich einen Dolmetscher.",
    "Im Mai ging es mir besser.",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_identifiers_are_replaced(text, expected):
    assert redacted(text, "de") == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_words_stay(text):
    assert redacted(text, "de") == text


def test_a_month_after_a_preposition_stays():
    assert redacted("Im August ging es besser.", "de") == "Im August ging es besser."


# Issue 16: a signature the name lists do not know.
def test_issue16_unknown_signature_on_the_last_line():
    assert redacted("Danke fürs Zuhören.\nMinh Chau", "de") == "Danke fürs Zuhören.\n[PERSON]"


def test_issue16_a_last_sentence_is_not_a_signature():
    text = "Danke fürs Zuhören.\nAlles Gute"
    assert redacted(text, "de") == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. med. Albers hat mich untersucht.", "Dr. med. [PERSON] hat mich untersucht."),
        ("Unser Enkel Jannik kam mit.", "Unser Enkel [PERSON] kam mit."),
        ("Ihre Nachbarin Bożena half mir.", "Ihre Nachbarin [PERSON] half mir."),
    ],
)
def test_issue16_degrees_and_relatives(text, expected):
    assert redacted(text, "de") == expected
