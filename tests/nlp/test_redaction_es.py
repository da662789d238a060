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
