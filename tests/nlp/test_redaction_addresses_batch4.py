"""Address forms of the fourth address batch (pt, es, en, issue 16): Colombia's and the Southern
Cone's abbreviations (Cl., Dg., Pje., "# 1 Sur-100"), a numbered street written small, a lot
before its block, Palmas's blocks, Rio's flat after a slash, a kilometre on a road given by its
code or its number or on the way to a town with the farm before it, a street with no street word
after the words that give a home (Argentina's "vivo en Güemes 3421"), English roads known by
their number, a flat in a named building, the number after the street, more street types (Wynd,
Gdns, Cl, Fwy), a saint's "St." in the name, Canada's flat before a dash. Our own examples, none
from the labelled sets; each form beside a text that must be left."""

import pytest

from tests.nlp.redaction_cases import redacted

CAUGHT = [
    ("pt", "Moro na Rua Professor João Cândido, n. 87, Vila Nova.", "Moro na [ADDRESS]."),
    ("pt", "a clínica fica na av paulista 1578 e é boa", "fica na [ADDRESS] e é"),
    ("pt", "Eu moro na rua 7 casa 12 no setor norte.", "moro na [ADDRESS] no setor"),
    ("pt", "Moro no Lote 10 da Quadra 5, Setor Oeste.", "Moro no [ADDRESS]."),
    ("pt", "Moro na Quadra 302 Sul, Alameda 3, Lote 12, Palmas.", "Moro na [ADDRESS]."),
    ("pt", "Moro na Rua do Catete 228 / 504 faz anos.", "Moro na [ADDRESS] faz anos."),
    ("pt", "Moro no Conjunto Ceará, Rua 1003, casa 45.", "Moro no [ADDRESS]."),
    ("pt", "A gente mora no km 12 da BR-116, perto de Muriaé.", "mora no [ADDRESS], perto"),
    ("pt", "eu moro no beco da esperança 12 com a vó", "moro no [ADDRESS] com"),
    ("es", "Vivo en Cl. 80 Sur # 65-20 int. 2, Medellín.", "Vivo en [ADDRESS]."),
    ("es", "Mi dirección es Carrera 43A # 1 Sur-100, El Poblado.", "es [ADDRESS]."),
    ("es", "Vivimos en Pje. San Martín 455, Mendoza.", "Vivimos en [ADDRESS]."),
    ("es", "Vivo en la Dg. 45 # 20-30 con mi hija.", "Vivo en la [ADDRESS] con"),
    ("es", "el consultorio es en la cra 15 # 80-23 apto 2", "en la [ADDRESS]"),
    ("es", "Está en el km 23 de la carretera federal 175, pasando el río.", "el [ADDRESS],"),
    ("es", "Vivo en Ruta 3 km 45, Cañuelas, con mi madre.", "Vivo en [ADDRESS], con"),
    (
        "es",
        "Vive en la Vereda El Hato, finca Los Pinos, km 5 vía a Choachí, y no hay bus.",
        "Vive en la [ADDRESS], y no",
    ),
    ("es", "Vivo en Güemes 3421 3º B, Palermo.", "Vivo en [ADDRESS]."),
    ("es", "Atiende en su casa de Mitre 1245, Lanús Oeste. Es buena.", "de [ADDRESS]. Es"),
    ("en", "We farm at 1420 County Road 12, Ames, IA 50010.", "at [ADDRESS]."),
    ("en", "My address is N4592 State Hwy 13, Medford.", "is [ADDRESS]."),
    ("en", "We're at Apartment 12, Block C, Clonard Court, Dublin 8.", "at [ADDRESS]."),
    ("en", "I live on Cedar Street, number 40, by the school.", "on [ADDRESS], by"),
    ("en", "She lives at 2 Willow Wynd, Edinburgh EH4 1AB.", "at [ADDRESS]."),
    ("en", "I'm at 14 Meadowbank Gdns now.", "at [ADDRESS] now."),
    ("en", "we live at 6/42 beach rd, it's small", "at [ADDRESS], it's"),
    ("en", "I live at 99 St. John's Road with my son.", "at [ADDRESS] with"),
    ("en", "I moved to 2207 - 1 Yonge Street last May.", "to [ADDRESS] last"),
    ("en", "The office is at 65 Tullamarine Fwy, Melbourne.", "at [ADDRESS]."),
    # Rural boxes of Australia and New Zealand; "No." before the number; a flat written "3b"; a
    # street with no street word after the words that give a home.
    ("en", "Write to RMB 2345, Wangaratta VIC 3677 please.", "to [ADDRESS] please."),
    ("en", "Our address is RD 2, Te Puke 3182 now.", "is [ADDRESS] now."),
    ("en", "Send it to Private Bag 3020, Rotorua.", "to [ADDRESS]."),
    ("en", "We live at No. 4 Chapel Row, Bath.", "at [ADDRESS]."),
    ("en", "I'm in Flat 3b, Rowan House, Peckham SE15 5AA.", "in [ADDRESS]."),
    ("en", "She lives at 8 The Paddocks, Stamford.", "at [ADDRESS]."),
    ("en", "We rent 3 Coronation Cottages, Ashby.", "rent [ADDRESS]."),
    # Argentina's ground floor, industrial estates and plots, Mexico City's ring roads, Havana's
    # streets between two others.
    ("es", "Vivo en Tucumán 1580 PB, Rosario.", "en [ADDRESS]."),
    ("es", "Trabajo en Pol. Ind. Las Arenas, nave 12, Getafe.", "en [ADDRESS]."),
    ("es", "Vivo en Urb. Los Pinos, parcela 45, Marbella.", "en [ADDRESS]."),
    ("es", "Trabajo en Eje Central Lázaro Cárdenas 13, Centro.", "en [ADDRESS]."),
    ("es", "Mi casa: Calle 8 entre 3 y 5, casa 24, Vedado.", "casa: [ADDRESS]."),
    # A thousands dot before the full stop; Brasília's commercial sectors; numbers written out; a
    # flat in a named building with no street.
    ("pt", "Fica na Av. Eng. Luís Carlos Berrini, 1.500.", "Fica na [ADDRESS]."),
    ("pt", "Trabalho no SCS Quadra 2, Bloco C, sala 10.", "no [ADDRESS]."),
    ("pt", "eu moro na rua dois, 33, fundos", "moro na [ADDRESS]"),
    ("pt", "a gente mora na travessa 3 casa 8 ali", "mora na [ADDRESS] ali"),
    ("pt", "Moro no Edifício Copan, bloco B, apto 1205.", "no [ADDRESS]."),
    ("pt", "Moro no Residencial Primavera, Bloco 4, Apto 302.", "no [ADDRESS]."),
    # Argentina's "al" written small; a landmark named by a common noun; a half house number.
    ("es", "vivo en la av. rivadavia al 5200, en caballito", "vivo en la [ADDRESS], en"),
    ("es", "Vivo del mercado El Oriental 200 varas al norte, casa 8.", "Vivo [ADDRESS]."),
    ("en", "We live at 7 1/2 Elm St, Salem, MA 01970.", "at [ADDRESS]."),
    # A street named for a person, with a title or a suffix in the name.
    ("en", "I live at 120 Martin Luther King Jr. Blvd, Atlanta.", "at [ADDRESS]."),
    ("en", "Her clinic is at 3300 Dr. Martin Luther King Jr. Drive.", "at [ADDRESS]."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CAUGHT)
def test_the_whole_address_is_one_placeholder(lang, text, expected):
    assert expected in redacted(text, lang)


LEFT = [
    # A distance gives its number first; a road's code alone is no address.
    ("pt", "A 12 km da BR-116 tem um posto; a BR-116 estava parada."),
    ("es", "Vivo a 5 km vía a La Calera, y a 23 km de la carretera federal."),
    # A numbered street needs its house and a word that gives a home, or Colombia's "# 80-23".
    ("pt", "Na rua 2 vezes por semana. Rua 7 casa da minha tia."),
    ("pt", "Moro em Campinas 12 anos e na Mooca 3 meses por ano."),
    ("es", "Vivo en Madrid desde 2019. Me mudé a Lima 2019, creo, o 2020."),
    ("es", "Vivo en Bogotá 20 años. Estuve en la Sala 12, cama 4."),
    ("es", "Escuchaba Calle 13 en el bus. Me bajé en la estación Calle 100."),
    ("es", "Atiende en Consultorio 4 y el Hospital 12 de Octubre es enorme."),
    ("es", "El doctor atiende en Cardiología 12 y en Guardia 24 de diciembre."),
    ("en", "He's a Main Street kind of guy. Took her to Great Ormond Street. BP 120/80."),
    ("en", "Apartment 12, as I said, was cold. Unit 4, Cardiology Department."),
    ("en", "Elm Road, number one on my list. Take 50mg on 12/03 on Ward 7."),
    ("en", "I waited 45 minutes on Highway 1 in traffic."),
    ("en", "I live at 5 minutes from the hospital. We rent 3 rooms."),
    ("en", "The RD 2 form was lost; the PMB nurse and RMB were fine."),
    ("pt", "O Edifício Central, sala de espera, estava cheio. Tomei 1.500 mg."),
    ("es", "Calle 13 entre amigos; entre semana; entre 3 y 5 minutos."),
    ("es", "Torre Mayor, depto de cardiología. Tucumán PB."),
    ("es", "vivo en la av. rivadavia, al 50% de sueldo. De la casa 2 veces al día."),
    ("en", "She took 1/2 tablet; 7 1/2 hours later she ate."),
    ("en", "I had 2 Jr. doctors and 3 Sr. nurses. We waited 4 hours on the Drive."),
    ("en", "After 2 Dr. visits the Street clinic closed."),
]


@pytest.mark.parametrize(("lang", "text"), LEFT)
def test_the_near_miss_is_left(lang, text):
    assert redacted(text, lang) == text
