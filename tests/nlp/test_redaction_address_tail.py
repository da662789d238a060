"""The parts after a street and its number (flat, floor, neighbourhood, town, state, postcode)
belong to the address, and a street without a street word counts when a postcode follows it
(issue 16). Our own examples, none from the labelled sets."""

import pytest

from nlp.redaction.address_tail import extend_tail
from tests.nlp.redaction_cases import redacted

WHOLE = [
    ("pt", "Moro na ", "Rua Augusta, 1500, apto 32, Consolação, São Paulo - SP, CEP 01304-001"),
    ("pt", "Fica na ", "Av. Paulista, 900 - Bela Vista"),
    ("pt", "Fica na ", "Alameda Santos, 1800, 5º andar"),
    ("pt", "É na ", "Rua Cel. Fernando Machado, 820 - Centro Histórico"),
    ("pt", "É na ", "Avenida Brasil, 5000 – Bonsucesso, Rio de Janeiro – RJ, 21040-360"),
    ("es", "Vivo en la ", "calle de Alcalá, 120, 4.º izquierda, 28009 Madrid"),
    ("es", "Es en ", "Travesía del Monte 2, portal 3, 2ºC"),
    ("es", "Es en ", "Calzada de Tlalpan 4800, Tlalpan, CDMX"),
    ("de", "Wir wohnen ", "Am Sonnenhang 7 in 79102 Freiburg"),
    ("de", "Wir wohnen in der ", "Lange Reihe 12, 20099 Hamburg"),
    ("de", "Das Haus: ", "Dorfstraße 15, OT Neuendorf, 16845 Dreetz"),
    ("de", "Die Praxis: ", "Bergstr. 3 · 69120 Heidelberg"),
    ("de", "Wir wohnen ", "Hinterm Bach 3"),
    ("en", "We were at ", "7 Oak Tree Close, Bristol"),
    ("fr", "Chez nous, ", "lieu-dit La Croix, 24250 Domme"),
]


@pytest.mark.parametrize(("language", "before", "address"), WHOLE)
def test_the_whole_address_is_one_placeholder(language, before, address):
    assert redacted(f"{before}{address}. Depois.", language) == f"{before}[ADDRESS]. Depois."


def test_a_postcode_inside_an_address_is_not_a_phone_number():
    assert redacted("Dorfstraße 15, 16845 Dreetz", "de") == "[ADDRESS]"


def test_the_tail_stops_at_the_sentence():
    text = "Rua Augusta, 1500. Foi lá que"
    assert extend_tail(text, len("Rua Augusta, 1500")) == len("Rua Augusta, 1500")
    text = "calle Mayor 3, y luego fui al centro"
    assert extend_tail(text, len("calle Mayor 3")) == len("calle Mayor 3")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Ich habe 10000 Schritte gemacht und 15000 Euro bezahlt."),
        ("de", "Seit 2019, 10115 Berlin war mein Ziel."),
        ("es", "Pagué 12000 Pesos en 2020."),
    ],
)
def test_numbers_without_a_street_are_left(language, text):
    assert redacted(text, language) == text


MORE = [
    ("pt", "Moro na ", "Avenida Sete de Setembro, 1.500, ap. 12"),
    ("pt", "Moro na ", "QNM 12 Conjunto B Casa 5, Ceilândia"),
    ("pt", "Moro na ", "Quadra 5, Lote 10, Setor Leste"),
    ("pt", "Fica na ", "Rodovia BR-116, km 25"),
    ("pt", "Moro na ", "rua Doze, casa 40, Conjunto Habitacional Esperança"),
    ("es", "Vivo en ", "Calle 10 Poniente #305, Puebla"),
    ("es", "Vivo en ", "Mz. 4 Lt. 12, Col. Ejército de Oriente, Iztapalapa"),
    ("es", "Vivo en la ", "Unidad Habitacional Vicente Guerrero, Edificio 5, Depto. 302"),
    ("es", "Vivo en ", "Calle Morelos Sur 123 Int. 4, Centro"),
    ("es", "Vivo en ", "C/ San Vicente Mártir, 85, pta. 12, 46007 València"),
    ("es", "Vivo en ", "Blvd. Kukulcán km 12.5, Cancún"),
    ("pt", "Moro na ", "Av. Brasil 500/1201, Copacabana"),
    ("pt", "Moro na ", "Rua Piauí, nº 45/302, Funcionários"),
    ("pt", "Moro no Residencial Flores, ", "Rua 3, Casa 15"),
    ("es", "Vivo en ", "C/ Mayor, 5 - 2º izda"),
    ("es", "Vivo en ", "Avenida Juárez 45-B, Int. 2, Centro"),
    ("es", "Vivo en ", "calle Hidalgo número 123-A, colonia Obrera"),
]


@pytest.mark.parametrize(("language", "before", "address"), MORE)
def test_lots_kilometres_and_thousands_are_addresses(language, before, address):
    assert redacted(f"{before}{address}. Y.", language) == f"{before}[ADDRESS]. Y."
