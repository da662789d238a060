"""Address forms of the third development batch (pt, es, en): what stands before the street (a
neighbourhood, a settlement, a building, a flat on the ground floor, a lot or a shop, "c/o"),
blocks with a letter and lots written small, rural roads (Linha, Ramal, the kilometre first, RR and
HC boxes), streets named for a date, directions from a landmark, the streets a block lies between,
a colonia and its postcode, a CEP with its cue, offices, an Eircode after a street with no number,
a North American crossing. Our own examples, none from the labelled sets; each form beside a text
that must be left."""

import pytest

from tests.nlp.redaction_cases import redacted

CAUGHT = [
    # The neighbourhood, settlement or building before a Portuguese or Spanish street.
    ("pt", "Moro no Setor Sul, Rua 115, Qd. 20, Lt. 3, faz dez anos.", "Moro no [ADDRESS], faz"),
    ("pt", "Ela mora na Comunidade da Rocinha, beco 7, casa 2.", "Ela mora na [ADDRESS]."),
    ("pt", "Moro no Conjunto Habitacional Santa Etelvina, Rua 8, casa 31.", "Moro no [ADDRESS]."),
    ("pt", "O consultório é no Edifício Itália, sala 402, Av. Ipiranga, 344.", "no [ADDRESS]."),
    # Rural roads: Rondônia's numbered lines, the Amazon's side roads, the kilometre first.
    ("pt", "Moro na Linha 12, lote 40, em Ji-Paraná.", "Moro na [ADDRESS], em Ji-Paraná."),
    ("pt", "A família mora no Ramal do Pau Rosa, km 21, casa 3.", "mora no [ADDRESS]."),
    ("pt", "O sítio fica no km 30 da Rodovia Anhanguera.", "O sítio fica no [ADDRESS]."),
    (
        "es",
        "Mi casa está en el km 14 de la carretera Panamericana, pasando el puente.",
        "el [ADDRESS],",
    ),
    # Blocks with a letter, lots written small, the Lago Sul sector.
    ("es", "Vivo en la Mz. C Lt. 4, AA.HH. Nueva Esperanza, Villa María.", "Vivo en la [ADDRESS]."),
    ("pt", "Moro na SHIS QI 9 conjunto 3 casa 12, no Lago Sul.", "Moro na [ADDRESS], no Lago Sul."),
    ("pt", "moro na qd 5 lt 8 faz tempo. a gente sofre.", "moro na [ADDRESS] faz tempo."),
    # Units: an office, "conj.", an abbreviation's full stop before the next unit.
    ("es", "La consulta está en Av. Apoquindo 3000, of. 1201, Las Condes.", "está en [ADDRESS]."),
    ("pt", "O sindicato fica na Rua Líbero Badaró, 377 - conj. 81.", "fica na [ADDRESS]."),
    ("es", "Vivo en C/ Toledo, 12, esc. dcha., 2º B desde hace años.", "Vivo en [ADDRESS] desde"),
    # The streets the block lies between; a street name's "Bis"; "nº" written small.
    ("es", "La salita está en Calle 12 nº 845 entre 49 y 50, La Plata.", "está en [ADDRESS]."),
    ("es", "Nos vemos en la Calle 19 Bis # 4-20, barrio Las Nieves.", "en la [ADDRESS]."),
    # A street named for a date; directions from a landmark.
    ("es", "Vivo en 25 de Mayo 1150, piso 2, con mi hermana.", "Vivo en [ADDRESS], con mi"),
    (
        "es",
        "Vivo en Barrio Los Yoses, del Automercado 100 metros sur, casa 5.",
        "Vivo en [ADDRESS].",
    ),
    ("es", "La clínica está del Colegio Teresiano 1 c. al sur, en Managua.", "está [ADDRESS], en"),
    # A colonia and its postcode; a CEP with its cue.
    ("es", "Vivo en la Col. Roma Norte, C.P. 06700, en CDMX.", "Vivo en la [ADDRESS], en CDMX."),
    ("pt", "Mande a carta para o CEP 01001-000, aos cuidados dela.", "para o [ADDRESS], aos"),
    # Before an English street: a ground-floor flat, c/o, a lot, a shop, a building after a flat.
    ("en", "Write to me at Ground Floor Flat, 7 Hanover Street, Bath BA1 2AB.", "at [ADDRESS]."),
    (
        "en",
        "Post goes to c/o Shelter Trust, Unit 9, Meadow Business Park, Leeds LS9 0AA.",
        "to [ADDRESS].",
    ),
    ("en", "They live at Lot 22 Seaview Parade, Kiama NSW 2533 now.", "at [ADDRESS] now."),
    ("en", "The clinic is at Shop 7, 12-14 Beach Rd, Cairns QLD 4870.", "at [ADDRESS]."),
    (
        "en",
        "She lives at Apartment 4, The Granary, 10 Quay Street, Galway H91 X2Y3.",
        "at [ADDRESS].",
    ),
    # Rural routes and highway contracts; an Eircode after a street with no number; a crossing.
    (
        "en",
        "Mail goes to RR 3, Site 12, Box 4, Sylvan Lake AB T4S 1X6 for now.",
        "to [ADDRESS] for",
    ),
    ("en", "Write to HC 61 Box 2080, Chinle, AZ 86503.", "Write to [ADDRESS]."),
    ("en", "We were parked on Ballyvolane Road, Cork T23 K5P8 that winter.", "on [ADDRESS] that"),
    ("en", "We meet at the corner of 5th and Pine on Sundays.", "corner of [ADDRESS] on"),
    # Forms near those: a numbered street before "nº", "s/nº", a settlement known by its number
    # and its lots written small, a neighbourhood and its house, Quito's numbers, "N." before
    # the name, an Irish county.
    ("pt", "Moro na Rua 10, nº 250, Setor Oeste, Goiânia - GO.", "Moro na [ADDRESS]."),
    ("pt", "Moro na Estrada da Ribeira, s/nº, Sítio Boa Vista.", "Moro na [ADDRESS]."),
    ("pt", "Ela mora no Morro do Alemão, Rua Joaquim de Queiroz, 15.", "mora no [ADDRESS]."),
    ("es", "Vivo en Villa 31, manzana 4, casa 12.", "Vivo en [ADDRESS]."),
    ("es", "Vivo en el Cerro San Cristóbal, pasaje 5, casa 20.", "Vivo en el [ADDRESS]."),
    ("es", "Vivo en la Colonia Kennedy, bloque 5, casa 12.", "Vivo en la [ADDRESS]."),
    ("es", "Vivo en Av. Amazonas N24-03 y Wilson, Quito.", "Vivo en [ADDRESS]."),
    ("en", "She lives at 1234 N. Main St., Springfield, IL 62704.", "She lives at [ADDRESS]."),
    ("en", "Her address is 7 Church Street, Ballymena, Co. Antrim BT43 6DD.", "is [ADDRESS]."),
    # A second blind round: a Portuguese corner, a gated estate after the street, a road known by
    # its code, a barrio with its particle, Spain's main floor, a northern box with its town.
    ("pt", "Fica na Rua Tabapuã, esquina com a Rua Pedroso Alvarenga.", "Fica na [ADDRESS]."),
    ("pt", "Moro na Estrada do Mar, km 3, Cond. Porto Belo, casa 8.", "Moro na [ADDRESS]."),
    ("pt", "O posto fica na BR-116, km 40, depois da ponte.", "fica na [ADDRESS], depois"),
    (
        "es",
        "Vivo en Calle Hidalgo s/n, barrio de San Juan, Tlacolula, Oax. y trabajo.",
        "en [ADDRESS] y",
    ),
    ("es", "La consulta está en Carrer de Verdi 12, pral. 2a, en Gràcia.", "en [ADDRESS], en"),
    ("en", "Write to Box 118, Pangnirtung NU X0A 0R0 for now.", "Write to [ADDRESS] for now."),
    ("fr", "Écrivez à la BP 52, 97300 Cayenne.", "Écrivez à la [ADDRESS]."),
    # An office's "of." needs its number: "of course" stays.
    ("en", "I live at 12 Elm Road, of course, on the 38 bus route.", "at [ADDRESS], of course,"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CAUGHT)
def test_the_whole_address_is_one_placeholder(lang, text, expected):
    assert expected in redacted(text, lang)


LEFT = [
    ("pt", "A casa da minha mãe fica na Vila, perto do campo."),
    ("pt", "Peguei a Linha 4 do metrô e depois a linha 7 do ônibus."),
    ("pt", "Na Linha Amarela, 300 metros depois do viaduto, bateram no carro."),
    ("pt", "Joguei bola na quadra 3 ontem. Quadra 5 casa da tia dele fica longe."),
    ("pt", "Fiquei na sala 3 do Edifício, e tomei dipirona 500 mg."),
    ("pt", "No dia 7 de Setembro de 2022 fui ao posto."),
    ("es", "Vivo a 3 km de la carretera Federal y corro 5 km al día."),
    ("es", "Calle arriba hay otro centro de salud; la calle estaba oscura."),
    ("es", "Vivo en el Barrio San Judas, casa de mi tía. La casa 3 del barrio."),
    ("pt", "Joguei na quadra 3, lote 5 de figurinhas. Ficamos na sala 3."),
    ("en", "He went to Co. Down for a week and took the N. 5 bus."),
    ("en", "Tick Box 3, Section 2, and sign the form in Room 4."),
    ("en", "Her BP 140/90 was high; BP 160 over 95 the next day."),
    ("pt", "A BR-116 estava parada e a COVID-19 voltou; fiz 5 km a pé."),
    ("es", "Vivo en la esquina de mi barrio, a 200 metros."),
    ("es", "Nací el 18 de Agosto 1985 y el 25 de mayo de 2020 me operaron."),
    ("es", "El 3 de Mayo 14 personas esperaban en la consulta 3."),
    ("es", "El hospital queda a 200 metros al norte del parque."),
    ("es", "Tardé entre 5 y 10 minutos en llegar a la planta 4."),
    ("es", "La Col. Roma es bonita y me tomo 500 mg de paracetamol."),
    ("en", "RR 22, sats 94% on air, and she was in bed 4 on Ward 7."),
    # A language's forms stay in its stories: French "sur" and marks out of ten.
    ("fr", "Elle a eu 8 sur 10; le cabinet est de la Mairie 200 m sur la droite."),
    ("es", "La nota fue 8 sobre 10 y vive del Parque hacia arriba."),
    ("en", "She was in the corner of the room, by the corner of Mum and Dad's bed."),
    ("en", "The street was dark. The ground floor flat was damp, and a Lot of people knew."),
]


@pytest.mark.parametrize(("lang", "text"), LEFT)
def test_the_near_miss_is_left(lang, text):
    assert redacted(text, lang) == text
