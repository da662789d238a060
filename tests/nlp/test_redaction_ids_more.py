"""Identity numbers after a cue in Spanish, Portuguese, German and Japanese (issue 16): social
security and health cards, record numbers, residence cards. Our own examples."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    ("es", "Mi número de afiliación a la Seguridad Social es 28 1234567840.", "es [ID]."),
    ("es", "Mi NSS del IMSS es 12345678901.", "es [ID]."),
    ("es", "El número de la tarjeta sanitaria es BBBB123456789012.", "es [ID]."),
    ("es", "Mi número de expediente es 2019-004521.", "es [ID]."),
    ("pt", "O número do meu prontuário é 4455123.", "é [ID]."),
    ("pt", "Meu cartão SUS: 898 0012 3456 7890.", "SUS: [ID]."),
    ("de", "Meine Krankenversicherungsnummer ist A123456780.", "ist [ID]."),
    ("de", "Die Patientennummer 20231145 stand auf dem Armband.", "[ID] stand auf dem Armband."),
    ("de", "Meine Sozialversicherungsnummer ist 12 150380 M 123.", "ist [ID]."),
    ("ja", "保険証の番号は12345678です。", "番号は[ID]です。"),
    ("ja", "被保険者番号：０１２３４５６７", "被保険者番号：[ID]"),
    ("ja", "在留カードの番号はAB12345678CDでした。", "番号は[ID]でした。"),
    ("ja", "基礎年金番号は1234-567890です。", "番号は[ID]です。"),
    ("ja", "診察券番号は00123456でした。", "番号は[ID]でした。"),
]


@pytest.mark.parametrize(("language", "text", "expected_end"), CASES)
def test_a_number_after_a_cue_is_an_identifier(language, text, expected_end):
    assert redacted(text, language).endswith(expected_end)


def test_a_japanese_phone_number_stays_a_phone_number():
    assert redacted("電話番号は090-1234-5678です。", "ja") == "電話番号は[PHONE]です。"


def test_a_dialled_number_after_a_number_cue_is_a_phone_number():
    text = "私の番号は+81 70 2289 4415です。"
    assert redacted(text, "ja") == "私の番号は[PHONE]です。"
