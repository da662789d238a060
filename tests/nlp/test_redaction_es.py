"""Spanish redaction examples (Spain and Mexico), including the reported CURP and DNI."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    ("La Dra. Martínez me escuchó.", "La Dra. [PERSON] me escuchó."),
    ("El Sr. Gutiérrez no quiso atenderme.", "El Sr. [PERSON] no quiso atenderme."),
    ("Me llamo Guadalupe Hernández.", "Me llamo [PERSON]."),
    ("Mi hija Valentina vino conmigo.", "Mi hija [PERSON] vino conmigo."),
    ("Soy la Lupita, de Puebla.", "Soy la [PERSON], de Puebla."),
    ("Entonces llegó Javier Romero.", "Entonces llegó [PERSON]."),
    ("Un saludo, Ana García.", "Un saludo, [PERSON]."),
    ("Gracias por escucharme.\n— Carmen", "Gracias por escucharme.\n— [PERSON]"),
    ("Mi móvil es 612 345 678.", "Mi móvil es [PHONE]."),
    ("Llámame al 55 1234 5678.", "Llámame al [PHONE]."),
    ("Mi teléfono: +34 915 123 456.", "Mi teléfono: [PHONE]."),
    ("Escríbeme a lupe.hdz@ejemplo.mx.", "Escríbeme a [EMAIL]."),
    # The reported failures: a Mexican CURP and a Spanish DNI.
    ("Mi CURP es GODE561231HDFRRN00.", "Mi CURP es [ID]."),
    ("CURP: BADD110313HCMLNS06", "CURP: [ID]"),
    ("Mi DNI es 48291735S.", "Mi DNI es [ID]."),
    ("DNI 12345678-Z", "DNI [ID]"),
    ("Mi NIE es X1234567L.", "Mi NIE es [ID]."),
    ("Vivo en Calle Mayor 12, 3º B, 28013 Madrid.", "Vivo en [ADDRESS]."),
    ("Vivo en C/ Alcalá 45.", "Vivo en [ADDRESS]."),
    ("Mi casa: Av. Insurgentes Sur 1234, Col. Roma, 06700.", "Mi casa: [ADDRESS]."),
]
UNCHANGED = [
    "Esperé cinco horas en urgencias del hospital de Sevilla.",
    "Dolores de cabeza y nadie me creía.",
    "Pagué 200 pesos el 5 de mayo de 2021.",
    "Soy una mujer indígena y el médico no me escuchó.",
    "Gracias a Dios estoy mejor.",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_identifiers_are_replaced(text, expected):
    assert redacted(text, "es") == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_words_stay(text):
    assert redacted(text, "es") == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Francisco me acompañó.", "[PERSON] me acompañó."),
        ("Pilar, mi vecina, también vino.", "[PERSON], mi vecina, también vino."),
        ("Socorro, grité.", "Socorro, grité."),
        ("Ángeles del hospital, así les decía.", "Ángeles del hospital, así les decía."),
    ],
)
def test_names_at_the_start_of_a_sentence(text, expected):
    assert redacted(text, "es") == expected


# Issue 16: names and addresses the development set showed were missed.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("En el barrio me dicen la Flaca.", "En el barrio me dicen [PERSON]."),
        ("Soy madre de Valentín y lo cuido sola.", "Soy madre de [PERSON] y lo cuido sola."),
        (
            "Nos atendió la licenciada Luz, muy amable.",
            "Nos atendió la licenciada [PERSON], muy amable.",
        ),
        (
            "Ayudó una vecina, la Trini, que habla inglés.",
            "Ayudó una vecina, la [PERSON], que habla inglés.",
        ),
        ("Eso fue todo.\nMa. Guadalupe Ortiz", "Eso fue todo.\n[PERSON]"),
        ("Eso fue todo.\nMaría del Carmen", "Eso fue todo.\n[PERSON]"),
        ("Gracias por leer.\nYolotl", "Gracias por leer.\n[PERSON]"),
        # Street types in lower case, floors with "2.º", "bajo", and the postcode and town.
        ("Vivo en calle Almendros 9, 3.º A desde mayo.", "Vivo en [ADDRESS] desde mayo."),
        ("Era en avenida de la Paz 21, 18002 Granada.", "Era en [ADDRESS]."),
        (
            "El local está en calle Maestro Serrano 4, bajo, 29680 Estepona.",
            "El local está en [ADDRESS].",
        ),
    ],
)
def test_issue16_names_and_addresses(text, expected):
    assert redacted(text, "es") == expected


def test_a_lower_case_street_word_without_a_name_stays():
    text = "Caminé por la calle de 3 en 3 minutos."
    assert redacted(text, "es") == text
