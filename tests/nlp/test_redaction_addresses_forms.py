"""Street addresses in forms the second development batch of issue 16 showed (our own examples):
an Australian unit written "Unit 2/14", US street types such as Concourse and Plaza, and the
Argentine "Bv." (bulevar); and the third batch's: Brazilian abbreviations (Pça., Al., Trav.,
Estr., Rod.), Brasília's blocks, Spanish "Pº" and floors, Mexican corners and colonias,
Argentine "altura", British flats and postcodes without commas, US ZIP+4, and streets written
small in a chat. Each with a near miss that must stay."""

import pytest

from tests.nlp.redaction_cases import redacted

CASES = [
    (
        "en",
        "She came to Unit 3/27 Lygon Street, Carlton VIC 3053 twice.",
        "She came to [ADDRESS] twice.",
    ),
    (
        "en",
        "Write to 210 Grand Concourse, Apt 2B, Bronx, NY 10451 please.",
        "Write to [ADDRESS] please.",
    ),
    ("en", "We moved to 45 Hudson Plaza last May.", "We moved to [ADDRESS] last May."),
    ("es", "Me atendieron en Bv. Gálvez 2210, 5° A, Santa Fe.", "Me atendieron en [ADDRESS]."),
    # The abbreviations of Brazilian and Portuguese street types (issue 16, third batch).
    ("pt", "A aula foi na Pça. da Sé, 108, 3º andar, cedo.", "A aula foi na [ADDRESS], cedo."),
    (
        "pt",
        "Ela atende na Al. Santos, 1893, apto 72, São Paulo - SP, 01419-002.",
        "Ela atende na [ADDRESS].",
    ),
    ("pt", "Fica na Trav. Padre Eutíquio, 1210, sala 5.", "Fica na [ADDRESS]."),
    ("pt", "Moro na Estr. da Cachoeira, km 12, zona rural.", "Moro na [ADDRESS], zona rural."),
    ("pt", "Esperamos na Rod. Rio-Santos, km 589, à noite.", "Esperamos na [ADDRESS], à noite."),
    # Brasília's blocks, sectors and lots.
    ("pt", "Moro na QNM 12 Conjunto B Casa 15, em Ceilândia.", "Moro na [ADDRESS], em Ceilândia."),
    ("pt", "Fica na SQN 308 Bloco C, apto 101, Asa Norte.", "Fica na [ADDRESS]."),
    # A street with no number, a CEP, and the number after "nº".
    ("pt", "A associação fica na Rua Sete, s/n, Vila Operária.", "A associação fica na [ADDRESS]."),
    (
        "pt",
        "É na Av. Dom Pedro II, nº 1826, Bairro São José, CEP 58040-440.",
        "É na [ADDRESS].",
    ),
    # Spain: "Pº", a floor and a door (3º 2ª); "número" after a comma.
    ("es", "Vivo en Pº de las Delicias, 65, 3º 2ª, 28045 Madrid.", "Vivo en [ADDRESS]."),
    (
        "es",
        "Vive en la calle Goya, número 18, 4º C, con su suegra.",
        "Vive en la [ADDRESS], con su suegra.",
    ),
    # Mexico: a corner instead of a number; the colonia with its particles; "C.P.".
    (
        "es",
        "Vivo en Calle Morelos esquina con Allende, Col. Santa Martha, C.P. 09510, lejos.",
        "Vivo en [ADDRESS], lejos.",
    ),
    (
        "es",
        "Fuimos a Av. Ermita Iztapalapa número 3018, Colonia Lomas de Zaragoza, de noche.",
        "Fuimos a [ADDRESS], de noche.",
    ),
    # Argentina: the block by its "altura".
    (
        "es",
        "La salita está en Av. Rivadavia al 11200, cerca.",
        "La salita está en [ADDRESS], cerca.",
    ),
    # Britain: a flat, a house number, a street type, a postcode; no commas.
    (
        "en",
        "She lives at Flat 2, 14 Acacia Road, Manchester M14 5TY now.",
        "She lives at [ADDRESS] now.",
    ),
    (
        "en",
        "Letters come to 7 Foxglove Close Bristol BS16 4RT anyway.",
        "Letters come to [ADDRESS] anyway.",
    ),
    ("en", "Write to 4 Chapel Mews, Bath BA1 2QS please.", "Write to [ADDRESS] please."),
    # The US: an apartment and a ZIP+4, which is a postcode, not an identifier.
    (
        "en",
        "We rent at 1420 Maple Grove Dr Apt 4B Columbus OH 43215-1234 now.",
        "We rent at [ADDRESS] now.",
    ),
    # A settlement's street named by a letter, with its block and lot; a number it is near.
    ("pt", "Moro na Rua A, Quadra 3, Lote 7, Setor Sul.", "Moro na [ADDRESS]."),
    ("pt", "O posto fica na Av. Brasil, altura do nº 3500.", "O posto fica na [ADDRESS]."),
    # Guatemala's grid; a British range of numbers, a floor before the street; Ireland.
    ("es", "Vivimos en 5a Avenida 3-45, Zona 1, Guatemala.", "Vivimos en [ADDRESS]."),
    ("en", "It's Unit 4, 7-9 Station Road, Reading RG1 1LG.", "It's [ADDRESS]."),
    ("en", "Come to 2nd floor, 3 Market Square, Bedford.", "Come to [ADDRESS]."),
    ("en", "She lives at 8 O'Connell Street, Dublin 1.", "She lives at [ADDRESS]."),
    ("en", "The Eircode is D02 X285, by the way.", "The Eircode is [ADDRESS], by the way."),
    # A street written small in a capitalised story, after the words that give an address.
    (
        "en",
        "I went back. I live at 14 acacia road, so it is close.",
        "I went back. I live at [ADDRESS], so it is close.",
    ),
    (
        "pt",
        "Eu moro na rua das flores, 12, perto do posto.",
        "Eu moro na [ADDRESS], perto do posto.",
    ),
    # A five-digit postcode inside an address is no identifier, whatever cue stands before it.
    (
        "es",
        "Vivimos en Avda. de la Paz, 12, piso 2º dcha., 41002 Sevilla.",
        "Vivimos en [ADDRESS].",
    ),
    # A Brazilian mobile number (five and four digits, no state before it) is not a ZIP+4.
    ("pt", "Meu zap é 99812-4470, pode chamar.", "Meu zap é [PHONE], pode chamar."),
    # A street written small in a story typed as a chat.
    (
        "pt",
        "a upa é a da av. brasil, 2500, em realengo. ninguém atende.",
        "a upa é a da [ADDRESS], em realengo. ninguém atende.",
    ),
    (
        "pt",
        "ela mora na rua são bento, 45, bairro alto. foi isso.",
        "ela mora na [ADDRESS]. foi isso.",
    ),
    (
        "en",
        "it's at 22 kingsley crescent, leeds ls8 2ab. the nurse was nice.",
        "it's at [ADDRESS]. the nurse was nice.",
    ),
]

UNCHANGED = [
    ("en", "Unit 2 was closed on Monday."),
    ("en", "It took 3/4 of an hour."),
    ("en", "The concourse at the station was packed."),
    ("es", "El bulevar estaba cortado."),
    # A common word after a street type, a count after a street, a street with no number.
    ("pt", "A rua sem saída não tinha iluminação."),
    ("pt", "andei na rua por 3 horas. ninguém ajudou."),
    ("pt", "fiquei na rua até 2 da manhã. foi isso."),
    ("es", "la calle estaba cortada. esperé 2 horas."),
    ("en", "The high street was busy that day."),
    ("en", "we waited 5 minutes down the road. then we left."),
    ("en", "I lived on Church Lane for years."),
    ("en", "Back in C19 2020 nobody came."),
    ("en", "I live 5 minutes down the road from the surgery."),
    ("pt", "Eu moro na rua há 3 anos."),
    ("pt", "Minha mãe mora na rua de cima, 2 casas depois."),
    ("pt", "A quadra 3 da escola estava fechada."),
]


# A near miss expects its text back unchanged.
EXPECTED = CASES + [(lang, text, text) for lang, text in UNCHANGED]


@pytest.mark.parametrize(("lang", "text", "expected"), EXPECTED)
def test_redacted_as_expected(lang, text, expected):
    assert redacted(text, lang) == expected
