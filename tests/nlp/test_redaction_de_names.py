"""German names (issue 16): a closing that begins like a greeting, a name after "heiße ich"."""

from tests.nlp.redaction_cases import redacted


def test_liebe_grusse_is_a_closing_and_the_name_below_is_signed():
    assert redacted("Danke.\nLiebe Grüße\nSabine Krüger", "de") == "Danke.\nLiebe Grüße\n[PERSON]"


def test_a_name_after_heisse_ich():
    text = 'Sie nannten mich nur "die Frau aus Syrien", dabei heiße ich Amal.'
    assert redacted(text, "de").endswith("dabei heiße ich [PERSON].")


def test_a_greeting_to_a_person_still_counts():
    assert redacted("Liebe Frau Schmidt, danke.", "de") == "Liebe Frau [PERSON], danke."
