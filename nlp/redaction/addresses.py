"""Street addresses and postcodes, in each language's usual form.

- French: "5 bis rue de la Paix, 75002 Paris".
- English: "221B Baker Street", "12 Abbey Road, London NW8 9AH", "Boston, MA 02118", Australian
  "Fitzroy VIC 3065", Canadian "M5V 2T6", UK postcodes alone; "c/o", a ground-floor flat, a lot or
  a shop before the street, rural routes ("RR 2, Site 5, Box 12", "HC 64 Box 1250"), a crossing
  ("the corner of 4th and Main").
- Portuguese and Spanish: "Rua das Flores, 123, apto 45", "Calle Mayor 12, 3º B",
  "C/ Alcalá 45", "Av. Insurgentes Sur 1234, Col. Roma", CEP "01310-100"; the neighbourhood,
  settlement or building before the street ("Favela do Moinho, beco 3, casa 7"), rural roads
  ("Linha 7, lote 23", "km 23 de la carretera Federal 15"), streets named for a date ("18 de
  Julio 1453"), the streets a block lies between ("entre 57 y 58"), directions from a landmark
  ("de la Iglesia ... 200 metros norte"), a colonia and its postcode.
- German: "Hauptstraße 5", "Berliner Straße 12a, 10115 Berlin", "Am Markt 3".
- Japanese: 〒 postcodes and 都道府県/市区町村 + 丁目・番地・号 or 2-8-1 addresses
  ("東京都新宿区西新宿2-8-1", "大阪市北区梅田三丁目1番3号").
A city or a hospital alone is not an address and is left.
"""

import re

from nlp.redaction.address_de_ja import ADDRESS_DE_RE, CJK_RE, ja_spans
from nlp.redaction.address_more import more_address_spans
from nlp.redaction.address_parts import COUNTS as _COUNTS
from nlp.redaction.address_parts import STREET_EN as _STREET_EN
from nlp.redaction.address_parts import UK_POSTCODE as _UK_POSTCODE
from nlp.redaction.address_small import small_address_spans
from nlp.redaction.address_tail import extend_head, extend_tail, postcode_anchored_spans
from nlp.redaction.chat import chat_style

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’\-]*"
_STREET_FR = (
    r"rue|avenue|av\.|boulevard|bd|allée|allées|impasse|place|chemin|quai|cours|route|square|"
    r"passage|cité|résidence|lotissement|voie|sentier|rond-point|faubourg|hameau|villa"
)
_CA_POSTCODE = r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d"
# "75002 Paris", or a Canadian city, province and postal code: "Montréal (Québec) H3S 2T6".
_FR_POSTCODE = (
    rf"(?:,?\s+\d{{5}}\s+{_CAP}(?:[\s\-]{_CAP})*(?:\s+(?:Cedex|CEDEX)(?:\s+\d+)?)?"
    rf"|,\s+{_CAP}(?:[\s\-]{_CAP})*(?:\s+\({_CAP}\)|,?\s+[A-Z]{{2}})?,?\s+{_CA_POSTCODE})?"
)
ADDRESS_FR_RE = re.compile(
    rf"(?<![\w])\d{{1,4}}(?:\s?(?:bis|ter|[A-Ba-b]))?,?\s+(?:{_STREET_FR})\s+"
    rf"(?:(?:de la|de l['’]|des|du|de|d['’]|la|le|les|l['’]|aux|au)\s*)?"
    rf"[\w'’\-]+(?:\s+(?:de la|de l['’]|des|du|de|d['’])?\s*{_CAP})*" + _FR_POSTCODE,
    re.IGNORECASE,
)
# Street types written small after a capitalised name: "14 Kings road", "9 Elm street".
_STREET_EN_SMALL = r"street|road|avenue|lane|drive|close|crescent|terrace|boulevard|rd|ave"
_AU_STATES = r"NSW|VIC|QLD|WA|SA|TAS|ACT|NT"
ADDRESS_EN_RE = re.compile(
    rf"(?<![\w])(?:(?:Flat|Apt\.?|Apartment|Unit|Suite)\s+(?:\d+\w?,?\s+|(?=\d{{1,4}}/)))?"
    # "No. 4 Chapel Row".
    rf"(?:(?:No\.|Number)\s?)?"
    rf"(?:\d{{1,4}}/)?"
    # A range of numbers for a building on two plots: "7-9 Station Road".
    # (Canada writes the flat first, with a dash: "2207 - 1 Yonge Street".)
    # A half number: "13 1/2 Oak St".
    rf"\d{{1,5}}[A-Za-z]?(?:\s1/2)?(?:\s?[-–]\s?\d{{1,5}}[A-Za-z]?)?,?\s+"
    # A direction with its full stop before the name: "1234 N. Main St."; a saint: "St. John's";
    # a person's name with its title or suffix: "120 Martin Luther King Jr. Blvd".
    rf"(?:(?:[NSEW]\.|(?:St|Mt|Ft|Jr|Sr|Dr)\.|[A-Z][\w'’\-]*|\d{{1,3}}(?:st|nd|rd|th))\s+){{1,5}}"
    rf"(?:{_STREET_EN}|{_STREET_EN_SMALL})\b\.?"
    rf"(?:\s+(?:North|South|East|West|NW|NE|SW|SE|N|S|E|W)\b)?"
    rf"(?:,?\s+(?:Apt\.?|Apartment|Unit|Suite|#)\s*\d+\w?)?"
    rf"(?:,\s+[A-Z][a-z][\w\-]*(?:\s+[A-Z][a-z][\w\-]*){{0,2}})?"
    rf"(?:,?\s+(?:[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?|(?:{_AU_STATES})\s+\d{{4}}|{_UK_POSTCODE}"
    rf"|(?:ON|QC|BC|AB|MB|SK|NS|NB|NL|PE)\s+{_CA_POSTCODE}|{_CA_POSTCODE}))?"
)
# An Irish Eircode: "D02 X285", "T23 Y2F8". (The last four hold a letter: "C19 2020" is a virus
# and a year.)
_EIRCODE = r"(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?(?=\d{0,3}[AC-FHKNPRTV-Y])[0-9AC-FHKNPRTV-Y]{4}"
# A street without a house number, anchored by the town and a British postcode or an Australian
# state and postcode: "Rose Cottage, Mill Lane, Little Snoring NR21 0HX" (a house name first).
_EN_WORD = r"[A-Z][\w'’\-]*"
ADDRESS_EN_NO_NUMBER_RE = re.compile(
    rf"(?<![\w])(?:(?:{_EN_WORD}[ \u00a0]+){{0,2}}{_EN_WORD},[ \u00a0]+)?"
    rf"(?:{_EN_WORD}[ \u00a0]+){{1,3}}(?:{_STREET_EN})\b\.?,?[ \u00a0]+"
    rf"(?:{_EN_WORD}[ \u00a0]+){{0,2}}{_EN_WORD},?[ \u00a0]+"
    rf"(?:{_UK_POSTCODE}|(?:{_AU_STATES})[ \u00a0]+\d{{4}}|{_EIRCODE})(?![\w])"
)
POSTCODE_RES = (
    ADDRESS_EN_NO_NUMBER_RE,
    # UK postcodes alone: "SE1 7EH".
    re.compile(r"(?<![\w])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2})(?![\w])"),
    # Irish Eircodes: "D02 X285", "A65 F4E2".
    re.compile(
        # (The last four hold a letter: "C19 2020" is a virus and a year.)
        r"(?<![\w])(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?(?=\d{0,3}[AC-FHKNPRTV-Y])"
        r"[0-9AC-FHKNPRTV-Y]{4}(?![\w])"
    ),
    # Canadian postal codes alone: "M5V 2T6".
    re.compile(rf"(?<![\w])(?:{_CA_POSTCODE})(?![\w])"),
    # US state and ZIP after a city: "Boston, MA 02118".
    re.compile(r"(?<![\w])(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+,\s[A-Z]{2}\s\d{5}(?:-\d{4})?(?![\w])"),
    # Brazilian CEP: "01310-100", and with its cue: "CEP 04538-132".
    re.compile(r"(?<![\w\-])(?:(?i:cep)[:.]?\s?)?\d{5}-\d{3}(?![\w\-])"),
    # A five-digit postcode after a postcode cue.
    re.compile(r"(?i)(?:cp|c\.p\.|plz|código postal|code postal|zip|cep):? (?P<a>\d{5})(?![\w])"),
)
_IBERIAN_STREETS = (
    r"Rua|R\.|Avenida|Av\.?|Avda\.?|Calle|C/|Travessa|Tv\.|Alameda|Praça|Plaza|Pza\.|Paseo|Ctra\.|"
    r"Carrer|Camino|Estrada|Largo|Ronda|Calzada|Callejón|Carretera|Rodovia|Privada|Cerrada|"
    r"Carrera|Cra\.|Kra\.|Diagonal|Transversal|Jirón|Jr\.|Pasaje|Psje\.|Rambla|Glorieta|"
    r"Travesía|Bulevar|Ladeira|Beco|Viela|Servidão|Prolongación|Andador|Avinguda|Passeig|"
    r"Plaça|Rúa|Urbanización|Urb\.|Ruta|Eje|Periférico|Circuito|Viaducto|"
    # An industrial estate: "Pol. Ind. Las Arenas, nave 12".
    r"Pol\.\s?Ind\.|Polígono Industrial|Polígono|Blvd\.?|Boulevard|Bv\.|Bvar\.|Unidad Habitacional|"
    r"Conjunto Habitacional|"
    # The side roads of the Amazon and the numbered rural roads of Rondônia and Paraná: "Ramal do
    # Brasileirinho, km 8", "Linha 7, lote 23".
    r"Ramal|Linha|"
    r"Condomínio|Condominio|Vereda|Sector|Quadra|"
    # The abbreviations of a Brazilian or Portuguese letterhead and of a Spanish one: "Pça. da
    # Sé", "Al. Santos", "Trav. Padre Eutíquio", "Estr. da Cachoeira", "Rod. Rio-Santos", "Lgo.
    # do Arouche", "Pº de las Delicias", "Pso. de Gracia".
    r"Pça\.|Pç\.|Al\.|Trav\.|Estr\.|Est\.|Rod\.|Lgo\.|Lad\.|P[º°]|Pso\.|Cjto\.|"
    # Colombia's and the Southern Cone's: "Cl. 80 Sur # 65-20", "Dg. 45 # 20-30", "Tr. 5", "Pje.
    # San Martín 455", "Cll. 10".
    r"Cl\.|Cll\.|Dg\.|Diag\.|Tr\.|Transv\.|Pje\.|Pj\.|Av\.\s?Cra\.|Ak\.|Ac\."
)
_IB_WORD = (
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’\-.]*|de|da|do|dos|das|del|la|los|las|e|y|\d{1,2}\s+de|"
    # A numbered street: "Carrera 7", "Calle 72 Sur".
    r"\d{1,4}[A-Z]?(?=\s+(?:#|N[º°o]\.?|n[º°]|[Nn]úm|Sur|Norte|Este|Oeste|Poniente|Oriente|Pte\.|"
    # A road and the kilometre on it: "Ruta 3 km 45".
    r"(?i:km)\.?\s?\d|"
    # "Diagonal 45 Bis # 16-20", "Rua 12, Qd. 40, Lt. 9", "Linha 7, lote 23".
    r"Ote\.|[A-ZÀ-Þ]\w*\s+(?:\d|#))|,\s+(?i:casa|lote|lt\.|bloco|quadra|qd\.|manzana|mz\.)\s*\d|"
    # "Rua 10, nº 250".
    r",\s+(?:[Nn][º°]|N[o]\.|#)\s*\d))"
)
# Floor, door and house parts after the number: "2.º B", "apto 45", "bajo", "fundos".
_IB_UNIT = (
    r"\d{1,2}\.?\s?[º°ªa-z]{1,2}\.?(?:\s?[A-Z](?![\w]))?|"
    r"(?:apartamento|departamento|apto\.?|apt\.?|ap\.?|piso|puerta|"
    r"bloco|bl\.?|casa|int\.?|interior|dpto\.?|depto\.?|esc\.?|lote|quadra|qd\.?|lt\.?)\s*[\w\-]+|"
    r"bajo|bajos|fundos|frente|sótano|ático|entresuelo|local|"
    r"(?i:izq|izqda|izda|dcha|dcho|der|esq|dto|drt|centro|int|pta|pl|pral|entlo|bjo)\.?|"
    r"(?:conjunto|conj\.?|cj\.?|sala|loja|andar|sobreloja|km)\s*[\w\-]+|"
    # An office, before its number: "of. 304".
    r"(?:of\.|oficina)\s*\d[\w\-]*"
)
# A house number ("1500", "1.500", "45-B", "s/n"), or a kilometre on a road ("km 12.5").
_IB_NUMBER = (
    r"(?:\d{1,3}(?:\.\d{3})+(?!\d|\.\d)|\d{1,5}/\d{1,5}(?![\d/])|"
    # Medellín's side of the city before the house: "Carrera 43A # 1 Sur-100".
    r"\d{1,5}[A-Za-z]?(?:\s+(?:Sur|Norte|Este|Oeste)(?=\s?[-–]\s?\d))?"
    r"(?:\s?[-–]\s?(?:\d{1,4}[A-Za-z]?(?![º°ª\d])|[A-Z](?![\w])))?(?![\d/])|"
    r"[sS]/[nN][º°]?(?![\w])|(?i:km)\.?\s?\d{1,4}(?:[.,]\d{1,3})?|"
    # Quito's numbers, the side of the city and block-house, then the street across: "Av.
    # Amazonas N24-03 y Wilson".
    rf"(?:N|S|E|Oe|OE)\d{{1,3}}[A-Z]?-\d{{1,4}}[A-Z]?(?![\w])(?:\s+y\s+{_CAP}(?:\s+{_CAP}){{0,2}})?)"
)
# What may stand before the number: "nº", "#", "número", or the house, lot or building.
_IB_NUMBER_CUE = (
    # Argentina gives the block by its "altura": "Av. Rivadavia al 11200", "a la altura del 4500".
    # Brazil by the number it is near: "Av. Brasil, altura do nº 3500".
    r"al\s+(?=\d{3,5}(?!\d))|a la altura del?\s+|(?:na\s+)?altura\s+do\s+(?:n[º°o]\.?\s*)?|"
    r"[nN]\.?\s?[º°o]\.?\s*|[nN]\.\s?(?=\d)|#\s*|núm\.?\s*|número\s+|"
    # A settlement's street with a letter for a name: "Rua A, Quadra 3, Lote 7".
    r"(?i:casa|lote|lt\.?|edificio|edif\.?|edifício|torre|bloco|bloque|manzana|mz\.?|quadra|"
    r"qd\.?|nave|parcela)\s*"
)
# After the number: a neighbourhood after a dash ("- Consolação"), a city and a state
# ("São Paulo - SP"), a postcode (CEP 01304-001, 28014, Portugal's 1100-053) and its city.
_IB_CITY = rf"{_CAP}(?:\s+(?:(?:de|da|do|dos|das|del|de la)\s+)?{_CAP}){{0,3}}"
_IB_POSTCODE = (
    rf"(?:CEP:?\s*|C\.?P\.?:?\s*)?(?:\d{{5}}(?:-\d{{3}})?|\d{{4}}-\d{{3}})"
    rf"(?:\s+{_IB_CITY})?"
)
_NEIGHBOURHOOD = (
    r"(?i:col\.?|colonia|bairro|barrio)|Jardim|Vila|Parque|Conjunto|Residencial|Fracc\.?|Urb\."
)
# The streets the block lies between, as La Plata and much of Latin America give them: "Calle 7
# nº 1234 entre 57 y 58", "Av. Mitre 450 entre Rivadavia y Belgrano".
_BETWEEN = (
    rf"(?:,?\s+entre\s+(?:(?i:calles?|ruas?|as ruas)\s+)?(?:\d{{1,3}}(?![\w])|{_IB_CITY})"
    rf"\s+[ye]\s+(?:\d{{1,3}}(?![\w])(?!\s*(?:{_COUNTS})\b)|{_IB_CITY}))"
)
ADDRESS_IBERIAN_RE = re.compile(
    rf"(?<![\w])(?i:{_IBERIAN_STREETS})(?:\s+|(?<=/)){_IB_WORD}(?:\s+{_IB_WORD}){{0,6}}"
    rf",?\s+(?:{_IB_NUMBER_CUE})?{_IB_NUMBER}(?![ \t]*(?:{_COUNTS})\b)"
    # A unit's abbreviation keeps its full stop before the next unit: "esc. izda., 5º A".
    rf"(?:[\s,]+(?:{_IB_UNIT})\.?(?![\w]))*{_BETWEEN}?"
    rf"(?:,?\s+(?:{_NEIGHBOURHOOD})\s+{_IB_CITY})?"
    rf"(?:\s[-–]\s{_IB_CITY}(?=\s*[,\-–]\s*(?:{_IB_CITY}|\d)))?"
    rf"(?:,\s{_IB_CITY}\s?[-–/]\s?[A-Z]{{2}}(?![\w]))?"
    rf"(?:,?\s+{_IB_POSTCODE})?"
)
# Guatemala's grid: an ordinal avenue or street, the house as block-number, and the zone: "5a
# Avenida 3-45, Zona 1".
ADDRESS_GRID_RE = re.compile(
    r"(?<![\w])\d{1,2}[aª]\.?\s+(?i:avenida|av\.|calle)\s+\d{1,3}-\d{1,3}(?![\w])"
    r"(?:,?\s+(?i:zona)\s+\d{1,2}(?![\w]))?"
)
# A corner instead of a number, as Mexico and much of Latin America give it: "Calle Morelos
# esquina con Allende", "Av. Juárez esq. Eje Central" (its colonia and postcode follow).
ADDRESS_CORNER_RE = re.compile(
    rf"(?<![\w])(?i:{_IBERIAN_STREETS})\s+{_IB_WORD}(?:\s+{_IB_WORD}){{0,4}}"
    # "esquina con Allende", "esquina com a Rua Bahia".
    rf",?\s+(?i:esquina con|esquina com|esquina|esq\.(?:\s+com?n?)?)\s+(?:(?:a|o|la|el)\s+)?"
    rf"(?:(?i:{_IBERIAN_STREETS})\s+)?"
    rf"{_IB_CITY}"
)
# A street named for a date, with no street word, as Uruguay and Argentina write the main avenue:
# "18 de Julio 1453 apto 802", "25 de Mayo 1220". The month is capitalised (in a date it is not:
# "18 de julio"), and the number is no year ("18 de Julio 2023").
_MONTHS = (
    r"Janeiro|Fevereiro|Março|Abril|Maio|Junho|Julho|Agosto|Setembro|Outubro|Novembro|Dezembro|"
    r"Enero|Febrero|Marzo|Mayo|Junio|Julio|Septiembre|Setiembre|Octubre|Noviembre|Diciembre"
)
ADDRESS_DATE_STREET_RE = re.compile(
    rf"(?<![\w])\d{{1,2}} de (?:{_MONTHS}),?\s+(?:{_IB_NUMBER_CUE})?"
    rf"(?!(?:1[89]|20)\d\d(?!\d))\d{{1,5}}(?![\d/.,]\d)(?![\w])(?![ \t]*(?:{_COUNTS})\b)"
    rf"(?:[\s,]+(?:{_IB_UNIT})\.?(?![\w]))*{_BETWEEN}?"
)
# Directions from a landmark instead of a number, as Costa Rica and Nicaragua give an address:
# "de la Iglesia Santa Teresita 200 metros norte y 50 este, casa 14", "del Colegio Teresiano 1
# c. al sur". (The neighbourhood before it is taken as for a street: "Barrio Escalante, ...")
# The first step gives its unit ("200 metros", "1 c."), the next may not ("y 50 este"): a mark out
# of ten is no step ("de Marie 8 sur 10").
_UNIT_STEP = r"(?:metros|mts\.?|m|varas|vrs\.?|cuadras|c\.)"
_DIRECTION = r"(?:al\s+)?(?:norte|sur|este|oeste|arriba|abajo|al lago|a la montaña)(?![\w])"
_STEP = rf"\d{{1,3}}\s*{_UNIT_STEP}\s+{_DIRECTION}"
_NEXT_STEP = rf"\d{{1,3}}\s*(?:{_UNIT_STEP}\s+)?{_DIRECTION}"
# The landmark may be a common noun before its name: "de la pulpería La Esquina 100 varas al sur".
ADDRESS_DIRECTIONS_RE = re.compile(
    rf"(?<![\w])(?:del|de la|de los|de las|de)\s+(?:{_IB_CITY}|[a-zá-úñ]+(?:\s+{_IB_CITY})?)"
    rf"\s+{_STEP}"
    rf"(?:,?\s+y\s+{_NEXT_STEP}){{0,3}}"
    rf"(?:,?\s+(?i:casa|edificio|apto\.?)\s+[\w\-]+)?"
)
# A street's crossing in North America: "the corner of 4th and Main", "corner of Pine St & 5th
# Ave". One side at least is an ordinal street or carries a street word ("the corner of Mum and
# Dad's bed" is no crossing).
_EN_CROSS_STREETS = r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd"
_EN_CROSS_SIDE = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|[A-Z][a-z]+)(?:\s(?:{_EN_CROSS_STREETS})\b\.?)?"
ADDRESS_EN_CORNER_RE = re.compile(
    rf"(?i:corner of|intersection of)\s+(?P<a>{_EN_CROSS_SIDE}\s(?:and|&)\s{_EN_CROSS_SIDE})"
)
_EN_CROSS_STREET_RE = re.compile(rf"\d(?:st|nd|rd|th)\b|\s(?:{_EN_CROSS_STREETS})\b")
# The kilometre before the road: "km 23 de la carretera Federal 15", "no km 12 da Rodovia dos
# Bandeirantes". (A distance gives its number first: "a 3 km de la carretera".)
ADDRESS_KM_FIRST_RE = re.compile(
    rf"(?<![\w])(?i:km)\.?\s?\d{{1,4}}(?:[.,]\d{{1,3}})?\s+(?i:de la|del|da|do|de)\s+"
    rf"(?i:carretera|ctra\.|autopista|autovía|ruta|rodovia|rod\.|estrada|estr\.)\s+"
    # "km 23 de la carretera federal 175", "km 4 da estrada municipal 12".
    rf"(?:{_IB_WORD}(?:\s+{_IB_WORD}){{0,4}}|[A-Z]{{2,3}}-?\d{{1,4}}|"
    rf"(?i:federal|estatal|nacional|provincial|estadual|municipal|vecinal)(?=\s+(?:n[º°o]\.?\s*)?\d))"
    rf"(?:\s+(?:n[º°o]\.?\s*)?\d{{1,4}}(?![\w]))?"
    # A road known by its code alone: "km 12 da BR-116", "km 45 de la N-340".
    rf"|(?<![\w])(?i:km)\.?\s?\d{{1,4}}(?:[.,]\d{{1,3}})?\s+(?i:de la|del|da|do|de)\s+"
    rf"[A-Z]{{1,3}}-\d{{1,4}}(?![\w])"
)
# A neighbourhood and the house in it, as Central America gives an address: "Barrio San Judas,
# casa 12", "Colonia Kennedy, bloque 5, casa 12".
ADDRESS_NEIGHBOURHOOD_HOUSE_RE = re.compile(
    rf"(?<![\w])(?:Barrio|Colonia|Col\.|Residencial|Bairro)\s+{_IB_CITY}"
    rf"(?:,?\s+(?i:bloque|sector|etapa|pasaje|senda)\s+[\w\-]{{1,4}})*"
    rf",?\s+(?i:casa|lote|apto\.?)\s+(?:n[º°o]\.?\s*)?\d{{1,4}}[A-Za-z]?(?![\w])"
)
# A road known by its code, and the kilometre on it: "BR-230, km 15", "N-340, km 45,5".
ADDRESS_ROAD_CODE_RE = re.compile(
    r"(?<![\w\-])[A-Z]{1,3}-\d{1,4}(?:/\d{3})?,?\s+(?i:km)\.?\s?\d{1,4}(?:[.,]\d{1,3})?(?![\d\w])"
)
# A colonia or a neighbourhood and its postcode, with no street: "Col. Doctores, C.P. 06720".
ADDRESS_NEIGHBOURHOOD_POSTCODE_RE = re.compile(
    rf"(?<![\w])(?:Col\.|Colonia|Bairro|Barrio|Fracc\.|Fraccionamiento)\s+{_IB_CITY},?\s+"
    rf"(?i:c\.\s?p\.|cp|cep|código postal):?\s*\d{{5}}(?:-\d{{3}})?(?![\w])"
)
# The number before the street: "en el número 14 de la calle Goya", "no nº 45 da Rua Augusta",
# "at number 12 on Elm Road".
ADDRESS_NUMBER_FIRST_RE = re.compile(
    rf"(?<![\w])(?i:número|numero|n[º°]|number)\s*\d{{1,5}}[A-Za-z]?\s+"
    rf"(?i:de la|del|de|da|do|on|in|of)\s+"
    rf"(?i:{_IBERIAN_STREETS}|rue|avenue)\s+{_IB_WORD}(?:\s+{_IB_WORD}){{0,4}}"
    rf"|(?<![\w])(?i:number)\s+\d{{1,5}}[A-Za-z]?,?\s+(?:on\s+|in\s+)?"
    rf"(?:[A-Z][\w'’\-]*\s+){{1,3}}(?:{_STREET_EN})\b"
)
_STREET_PATTERNS = (
    ADDRESS_FR_RE,
    ADDRESS_EN_RE,
    ADDRESS_IBERIAN_RE,
    ADDRESS_DE_RE,
    ADDRESS_CORNER_RE,
    ADDRESS_GRID_RE,
    ADDRESS_DATE_STREET_RE,
    ADDRESS_DIRECTIONS_RE,
    ADDRESS_KM_FIRST_RE,
)
# Portuguese and Spanish forms: the neighbourhood or building before them is part of the address
# ("Favela do Moinho, beco 3, casa 7"), and a capital is needed in what they take.
_IBERIAN_PATTERNS = (
    ADDRESS_IBERIAN_RE,
    ADDRESS_CORNER_RE,
    ADDRESS_DATE_STREET_RE,
    ADDRESS_DIRECTIONS_RE,
    ADDRESS_KM_FIRST_RE,
)
# These patterns need a digit (``\d``): a text without one is not scanned with them. (Not the
# Iberian street, whose number may be "s/n", nor the Japanese forms, with kanji numerals.)
_NEED_DIGIT = (
    ADDRESS_FR_RE,
    ADDRESS_EN_RE,
    ADDRESS_DE_RE,
    ADDRESS_GRID_RE,
    ADDRESS_NUMBER_FIRST_RE,
    ADDRESS_DATE_STREET_RE,
    ADDRESS_DIRECTIONS_RE,
    ADDRESS_KM_FIRST_RE,
    ADDRESS_NEIGHBOURHOOD_POSTCODE_RE,
    ADDRESS_NEIGHBOURHOOD_HOUSE_RE,
    ADDRESS_ROAD_CODE_RE,
    *POSTCODE_RES,
)
# Forms of one language's addresses, looked for in its stories (and where the language is unknown).
_LANGUAGES_OF = {
    ADDRESS_DATE_STREET_RE: ("es", "pt"),
    ADDRESS_DIRECTIONS_RE: ("es",),
    ADDRESS_KM_FIRST_RE: ("es", "pt"),
    ADDRESS_NEIGHBOURHOOD_POSTCODE_RE: ("es", "pt"),
    ADDRESS_NEIGHBOURHOOD_HOUSE_RE: ("es", "pt"),
    ADDRESS_ROAD_CODE_RE: ("es", "pt"),
    ADDRESS_EN_CORNER_RE: ("en",),
}
_DIGIT_RE = re.compile(r"\d")
_NO_NUMBER_RE = re.compile(r"[sS]/[nN]")
# What a pattern's every match holds, found far faster than the pattern (its words are tried at
# every position): where it is missing, the pattern is not run.
_NEEDS = {ADDRESS_CORNER_RE: re.compile(r"(?i:esq)")}


def address_spans(text: str, language: str = "") -> list[tuple[int, int]]:
    """(start, end) of every street address or postcode found in ``text``."""
    spans = []
    digits = _DIGIT_RE.search(text) is not None
    patterns = (
        *_STREET_PATTERNS,
        ADDRESS_NUMBER_FIRST_RE,
        ADDRESS_NEIGHBOURHOOD_POSTCODE_RE,
        ADDRESS_NEIGHBOURHOOD_HOUSE_RE,
        ADDRESS_ROAD_CODE_RE,
        ADDRESS_EN_CORNER_RE,
        *POSTCODE_RES,
    )
    base = language.split("-")[0].lower()
    for pattern in patterns:
        if base and base not in _LANGUAGES_OF.get(pattern, (base,)):
            continue
        if not digits and pattern in _NEED_DIGIT:
            continue
        if not digits and pattern is ADDRESS_IBERIAN_RE and not _NO_NUMBER_RE.search(text):
            continue
        if pattern in _NEEDS and not _NEEDS[pattern].search(text):
            continue
        group = "a" if "a" in pattern.groupindex else 0
        for m in pattern.finditer(text):
            value = m.group(group).rstrip(" ,.")
            head = m.start(group)
            if pattern in _IBERIAN_PATTERNS:
                head = extend_head(text, head, iberian=True)
            # "calle Mayor 3" and "Carrera 7 # 45-10" count, "rua de casa 2" does not: a capital
            # is needed ("Favela do Moinho, beco 3" has one before the street).
            # (A kilometre on a road given by its number needs none: "km 23 de la carretera
            # federal 175".)
            if (
                pattern in _IBERIAN_PATTERNS
                and not any(c.isupper() for c in text[head : m.start(group)] + value)
                and not (pattern is ADDRESS_KM_FIRST_RE and value[-1].isdigit())
            ):
                continue
            if pattern is ADDRESS_EN_CORNER_RE and not _EN_CROSS_STREET_RE.search(value):
                continue
            # "número 14 de la calle de la que te hablé": the street needs a capital too.
            if pattern is ADDRESS_NUMBER_FIRST_RE:
                value = re.sub(r"(?:\s+(?:de|da|do|dos|das|del|la|los|las|e|y))+$", "", value)
                if not any(c.isupper() for c in value[1:]):
                    continue
            start, end = m.start(group), m.start(group) + len(value)
            if pattern in _STREET_PATTERNS:
                start, end = extend_head(text, head), extend_tail(text, end)
            spans.append((start, end))
    if digits:
        chat = chat_style(text)
        spans += [(s, extend_tail(text, e)) for s, e in postcode_anchored_spans(text, chat)]
    if digits:  # every street written small, and every form of address_more, has a number
        spans += small_address_spans(text, language)
        spans += more_address_spans(text, language)
    if language.startswith("ja") or CJK_RE.search(text):
        spans += ja_spans(text)
    return spans
