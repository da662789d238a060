"""What follows a street and its number, and addresses that only their postcode gives away.

A street address is rarely just "Rua Augusta, 1500": the flat, the floor, the neighbourhood, the
city, the state and the postcode follow it, after commas or dashes ("Rua Augusta, 1500, apto 32,
Consolação, São Paulo - SP, CEP 01304-001", "calle de Alcalá 120, 4.º izquierda, 28009 Madrid",
"Dorfstraße 15, OT Neuendorf, 16845 Dreetz", "7 Oak Tree Close, Bristol"). ``extend_tail``
widens a span found by the street patterns of ``nlp.redaction.addresses`` over those parts, so
that the whole address is one placeholder; a few more words replaced cost less than a postcode
left in the research copy.

``postcode_anchored_spans`` finds the streets that no street word gives away, when a house
number, a comma and a five-digit postcode with its town follow them ("Lange Reihe 12, 20099
Hamburg", "Hinterm Bach 3, 79102 Freiburg", "lieu-dit La Croix, 24250 Domme").
"""

import re

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]*"
_LINK = r"(?:de|da|do|dos|das|del|de la|de los|de las|la|le|les|du|des|am|an der|im|upon|on)"
# A town or neighbourhood: capitalised words, with the small words of place names between them.
_TOWN = rf"{_CAP}(?:[ \u00a0]+(?:{_LINK}[ \u00a0]+)?{_CAP}){{0,3}}"
_POSTCODE = (
    r"(?:(?i:cep|c\.?\s?p\.?|plz|código postal|code postal)[:.]?\s*)?"
    r"(?:[ADCH]{1,2}-)?(?:\d{5}-\d{3}|\d{4}-\d{3}|\d{5}|\d{4}(?=\s+[A-ZÀ-Þ]))"
    r"|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}"  # a British postcode
    r"|(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[0-9AC-FHKNPRTV-Y]{4}(?![\w])"  # an Irish Eircode
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d"  # a Canadian postcode
)
_CA_POSTCODE = r"[A-Z]\d[A-Z]\s?\d[A-Z]\d"
# Flats, floors, doors, blocks, lots: "apto 32", "4.º izquierda", "5º andar", "bât. B", "Unit 4".
_UNIT_WORDS = (
    r"apartamento|apto\.?|ap\.?|apt\.?|apartment|flat|unit|suite|piso|planta|puerta|pta\.?|"
    r"portal|escalera|esc\.?|bloco|bloque|bl\.?|casa|sala|loja|conjunto|conj\.?|cj\.?|lote|lt\.?|"
    # An office, before its number only ("of. 304", not "of course").
    r"of\.(?=\s*\d)|oficina(?=\s*\d)|"
    r"quadra|qd\.?|andar|interior|int\.?|depto\.?|dpto\.?|departamento|edificio|edifício|"
    r"torre|bât\.?|bâtiment|étage|escalier|appartement|appt\.?|porte|stock|etage|whg\.?|"
    r"wohnung|haus|aufgang|hinterhaus|vorderhaus|zimmer|raum|km|OT|Ortsteil|bureau|local|sl\.?"
)
_SIDES = (
    # Spain's main floor and mezzanine: "pral. 1a", "entlo. 2ª".
    r"pral\.?|principal|entlo\.?|"
    # Argentina's ground floor: "Tucumán 1580 PB".
    r"PB|P\.B\.|planta baja|"
    r"izquierda|izqda\.?|izq\.?|izda\.?|derecha|dcha\.?|dcho\.?|der\.?|centro|exterior|"
    r"esquerdo|esquerda|esq\.?|direito|direita|dto\.?|drt\.?|fundos|frente|bajo|bajos|"
    r"ático|entresuelo|sótano|térreo|subsolo|rez-de-chaussée|links|rechts|mitte"
)
_UNIT = (
    rf"(?i:{_UNIT_WORDS})\s*[\w\-º°ª.]+(?:\s+(?:{_SIDES}))?"
    rf"|\d{{1,2}}\.?\s?[º°ª]\.?\s*(?:(?i:{_SIDES}|andar|piso|planta|étage)|[A-Z](?!\w))?"
    rf"|(?i:{_SIDES}|andar|piso|planta|étage|etage|stock|obergeschoss|og|dg|eg)(?!\w)"
    # No house number: "s/n", "s/nº".
    rf"|[sS]/[nN][º°]?(?!\w)"
)
_STATE = r"[A-Z]{2,3}(?![\w])"
_NEIGHBOURHOOD = (
    r"(?i:col\.?|colonia|bairro|barrio|fracc\.?|fraccionamiento|urb\.?|vila|jardim|parque|"
    # Peru's shanty towns: "AA.HH. Villa Los Ángeles"; a gated estate: "Cond. Villa Verde".
    r"aa\.\s?hh\.|asentamiento humano|cond\.|condomínio|condominio)\s+"
    # "barrio de San Miguel".
    rf"(?:{_LINK}\s+)?"
)
_AU_US_STATE = r"(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT|[A-Z]{2})"

_TAIL_RE = re.compile(
    rf"(?:(?:,|\s[-–·]|\s?/)\s*(?:(?:{_POSTCODE})(?:[ \u00a0]+{_TOWN})?|{_UNIT}|"
    # An Irish county after the town: "Ballymena, Co. Antrim BT43 6DD".
    rf"(?:{_NEIGHBOURHOOD}|Co\.[ \u00a0]?)?{_TOWN}|{_STATE})"
    rf"|[ \u00a0]+(?:in[ \u00a0]+|à[ \u00a0]+|en[ \u00a0]+)?(?:{_POSTCODE})[ \u00a0]+{_TOWN}"
    rf"|[ \u00a0]+(?:{_UNIT})(?=[,.;)\s]|$)"
    # Rio's flat after a slash: "Rua do Catete 228 / 504".
    rf"|[ \u00a0]?/[ \u00a0]?\d{{1,4}}[A-Za-z]?(?![\w/])"
    # An Australian state or a US state and its postcode after the town: "Hobart TAS 7001".
    rf"|[ \u00a0]+{_AU_US_STATE}[ \u00a0]+\d{{4}}(?:\d(?:-\d{{4}})?)?(?![\w])"
    rf"|(?:(?<=\b[A-Z]{{2}})|(?<=\b[A-Z]{{3}}))[ \u00a0]+\d{{4}}(?:\d(?:-\d{{4}})?)?(?![\w])"
    # A Dublin postal district after the city: "8 O'Connell Street, Dublin 1".
    rf"|(?<=Dublin)[ \u00a0]+(?:\d{{1,2}}|6W)(?![\w])"
    # A Canadian province in brackets, then the postal code: "Montréal (Québec) H2R 2N2".
    rf"|[ \u00a0]+\({_CAP}\)(?=[ \u00a0]+{_CA_POSTCODE})|[ \u00a0]+{_CA_POSTCODE}(?![\w]))"
)
_ABBREVIATION_DOT_RE = re.compile(r"\.[ \u00a0]?\d{1,4}(?![\d.])")
# A neighbourhood's second word after a word the street pattern took ("- Centro Histórico").
_WORD_ON_RE = re.compile(rf"[ \u00a0]+{_TOWN}")
# A part that ends the sentence's clause: "..., Madrid." or "..., São Paulo - SP." The parts
# taken must end on a word, never on the comma.
_MAX_PARTS = 5


def extend_tail(text: str, end: int) -> int:
    """The end of the address that starts before ``end``, its unit, town and postcode included."""
    for _ in range(_MAX_PARTS):
        # The full stop of an abbreviation the street pattern left: "Int. 4", "pta. 12".
        dot = _ABBREVIATION_DOT_RE.match(text, end)
        if dot and end and text[end - 1].isalpha():
            end = dot.end()
        m = _TAIL_RE.match(text, end)
        if not m and end and text[end - 1].isalpha():
            m = _WORD_ON_RE.match(text, end)
        if not m or m.end() <= end:
            break
        value = m.group().rstrip(" ,.-–/")
        if not value.strip(" ,-–/·"):
            break
        end = m.start() + len(value)
    # The full stop of a state's abbreviation when the sentence goes on: "Oaxaca, Oax. y ...".
    if _STATE_DOT_RE.match(text, end) and _ABBREVIATION_END_RE.search(text, max(0, end - 6), end):
        end += 1
    return end


# Boxes at a post office: "PO Box 412", "Apartado de Correos 218", "Caixa Postal 1020".
_BOX_RE = re.compile(
    r"(?<![\w])(?:P\.?[ \u00a0]?O\.?[ \u00a0]?Box|Post Office Box|GPO Box|Locked Bag|"
    r"Apartado de Correos|Apartado Postal|Apdo\.|Caixa Postal|Cx\.[ \u00a0]?Postal|Postfach|"
    # Australia's and New Zealand's: "Private Bag 3020", "RMB 2345" (a roadside mail box).
    r"Private Bag|PMB|RMB|RSD|CMB|"
    r"(?i:boîte postale))[ \u00a0]+\d{1,6}(?![\w])"
    # A French box, not a blood pressure: "BP 52", not "BP 140/90" or "BP 160 over 95".
    r"|(?<![\w])BP[ \u00a0]+\d{1,6}(?![\w])(?![ \u00a0]*(?:/|over|sur)[ \u00a0]*\d)"
)
# A flat or a room and a building before the street: "Room 3.12, Hills Building, 45 Beech Ave",
# "Apartment 12, The Maltings, 3 Dock Road", "Ground Floor Flat, 22 Cranbrook Road", "Shop 3,
# 45-47 Smith St", "Lot 14 Ocean View Drive"; whom the post is for: "c/o Deaf Connect, Unit 4, ...".
# (The flat's number may be the number the street pattern started on: "Unit 4, Riverside Park".)
_HEAD_RE = re.compile(
    r"(?:(?:c/o|C/O|[Cc]are of)[ \u00a0]+(?:[A-Z][\w'’\-&]*[ \u00a0]+){0,3}[A-Z][\w'’\-]*,?\s+)?"
    r"(?:(?:Room|Rm\.?|Flat|Apt\.?|Apartment|Unit|Suite|Level|Floor|Shop|Lot)[ \u00a0]+"
    r"(?:[\w.\-/]{1,8},?\s+"
    r"(?:(?:The[ \u00a0]+)?[A-Z][\w'’\-]*(?:[ \u00a0][A-Z][\w'’\-]*){0,2},\s+)?)?"
    r"|(?:\d{1,2}(?:st|nd|rd|th)|[Gg]round|[Ff]irst|[Ss]econd|[Tt]op|[Bb]asement|[Gg]arden)"
    r"[ \u00a0](?:[Ff]loor[ \u00a0]?)?(?:[Ff]loor|[Ff]lat),?\s+)?"
    r"(?:(?:[A-Z][\w'’\-]*[ \u00a0]+){1,3}(?:Building|House|Court|Tower|Centre|Center|Block|Hall|"
    r"Lodge|Mansions|Estate|Chambers),?\s+)?$"
)
# The neighbourhood, settlement or building before a Portuguese or Spanish street: "Setor Leste
# Vila Nova, Rua 12, Qd. 40", "Conjunto Habitacional José Bonifácio, Rua 14, casa 22", "Favela do
# Moinho, beco 3", "Barrio Escalante, de la Iglesia ...", "Ed. Office Tower, sala 1508, Av. ...".
_IB_HEAD_RE = re.compile(
    # (A "Residencial" or a "Condomínio" before the street stays: its name is the place's, as a
    # city's would be.)
    rf"(?:(?:Setor|Bairro|Barrio|Vila|Villa|Jardim|Parque|Conjunto Habitacional|Conjunto|"
    rf"Loteamento|Favela|Comunidade|Morro|Ocupação|Assentamento|Aldeia|Sítio|Chácara|Fazenda|"
    rf"Colonia|Col\.|Fracc\.|Fraccionamiento|Urbanización|Urb\.|Asentamiento Humano|"
    rf"AA\.[ \u00a0]?HH\.|Cerro|Población|Campamento|Pueblo Joven|"
    # A rural district and the farm in it: "Vereda El Salitre, finca La Esperanza, km 5 ...".
    rf"Vereda|Corregimiento|Caserío|Fundo|[Ff]inca|[Hh]acienda|[Rr]ancho|[Pp]arcela|[Gg]ranja|"
    # Palmas's blocks: "Quadra 302 Sul, Alameda 3, Lote 12".
    rf"Quadra|Qd\.)"
    # A settlement known by its number: "Villa 31, manzana 4".
    rf"[ \u00a0]+(?:(?:{_LINK}[ \u00a0]+)?{_TOWN}|\d{{1,3}}(?:-\d{{1,3}})?"
    rf"(?:[ \u00a0]+(?:Sul|Norte|Leste|Oeste|Sur|Este))?),[ \u00a0]+"
    rf"|(?:Ed\.|Edif\.|Edifício|Edificio|Prédio|Torre)[ \u00a0]+{_TOWN}"
    rf"(?:,[ \u00a0]+(?i:sala|conj\.?|conjunto|andar|apto\.?|ap\.?|loja|piso|of\.|oficina|"
    rf"depto\.?|dpto\.?)[ \u00a0]*[\w\-º°ª]+)*,[ \u00a0]+)+$"
)
_STATE_DOT_RE = re.compile(r"\.(?=[ \u00a0]+[a-zà-ÿ])")
_ABBREVIATION_END_RE = re.compile(r"[,\s][A-Z][a-z]{1,3}$")


def extend_head(text: str, start: int, iberian: bool = False) -> int:
    """The start of the address that the street pattern found at ``start``, with its flat or
    room and its building before the street (for a Portuguese or Spanish street, also its
    neighbourhood or settlement)."""
    if iberian:
        m = _IB_HEAD_RE.search(text, max(0, start - 80), start)
        if m:
            start = m.start()
    m = _HEAD_RE.search(text, max(0, start - 80), start)
    return m.start() if m and m.group().strip() else start


# A street without a street word: capitalised words (or a preposition and a word), a house
# number, then a postcode and its town; or a French rural address ("lieu-dit La Croix").
_DE_PREPOSITIONS = r"Am|An der|An den|Auf dem|Auf der|Im|In der|Zum|Zur|Hinterm|Beim|Vorm|Überm"
_POSTCODE_ANCHORED_RE = re.compile(
    rf"(?<![\w])(?:(?:{_DE_PREPOSITIONS})\s+)?(?:[A-ZÄÖÜ][\wäöüß\-]*\s+){{0,2}}[A-ZÄÖÜ][\wäöüß\-]*"
    rf"\s+\d{{1,4}}\s?[a-z]?(?:\s?[-–/]\s?\d{{1,4}}[a-z]?)?,?\s+(?:in\s+)?"
    rf"(?:[ADCH]{{1,2}}-)?\d{{5}}\s+[A-ZÄÖÜ][\wäöüß\-]+"
    rf"|(?i:lieu-dit|lieudit|hameau|le bourg)\s+{_TOWN},?\s+\d{{5}}\s+{_TOWN}"
    # A French street with no house number, then its postcode: "chemin des Postes, 59000 Lille".
    rf"|(?<![\w])(?i:rue|avenue|boulevard|bd|allée|chemin|impasse|route|quai|place)\s+"
    rf"(?:(?:de la|de l['’]|des|du|de|d['’]|la|le|les|l['’])\s*)?{_TOWN},\s+\d{{5}}\s+{_TOWN}"
)
# Not a street: "Seit 2019, 10115 Berlin" has no house number worth the name; a count of things.
_NOT_STREET_WORDS = "Seit Im Jahr Jahre Jahren Euro Mal Tage Tagen Wochen Stunden Minuten Patienten"
_NOT_STREET = frozenset(_NOT_STREET_WORDS.split())


# Blocks and lots without a street: Mexican "Mz. 4 Lt. 12", Brazilian "Quadra 5, Lote 10", and
# Brasília's sectors "QNM 12 Conjunto B Casa 5", "SQS 308 Bloco C apto 101".
# The block may be a letter, as in Peru: "Mz. B Lt. 12"; the lot's word is written small as often
# as not ("QI 15 conjunto 8 casa 3"). In a story typed as a chat, the block is written small too.
_BLOCK = r"(?:Manzana|Mz\.?|Mza\.?|Quadra|Qd\.?|Q\.)"
_LOT_WORD = r"(?i:Lote|Lt\.?|Casa|Conjunto|Cj\.?|Bloco|Bl\.?)"
_BRASILIA = (
    r"(?:SQN|SQS|SQSW|SQNW|SHIS|SHIN|SMPW|CLN|CLS|SCLN|SCLS|EQN|EQS|SHN|SHS|Q[NILE][A-Z]?|"
    # The commercial, banking and hotel sectors: "SCS Quadra 2, Bloco C".
    r"SCS|SCN|SBS|SBN|SAS|SAN|SDS|SDN|SHCS|SEPS|SEPN|SGAS|SGAN|SRTVS|SRTVN)"
)
_BLOCK_LOT = (
    # The lot before its block: "Lote 10 da Quadra 5", "casa 3 de la manzana 12".
    rf"(?:(?i:Lote|Lt\.?|Casa)\s?\d{{1,4}}[A-Z]?,?\s+(?:(?i:da|de la|de|del)\s+)?{_BLOCK}\s?"
    rf"(?:\d{{1,4}}[A-Z]?|[A-Z](?![\w])))(?:,?\s+{_LOT_WORD}\s?(?:\d[\w\-]{{0,4}}|[A-Za-z](?![\w]))){{0,2}}|"
    rf"(?:{_BLOCK}\s?(?:\d{{1,4}}[A-Z]?|[A-Z](?![\w]))|(?:(?:SHIS|SHIN)\s)?{_BRASILIA}\s?"
    rf"(?:(?:Quadra|Qd\.?)\s?)?\d{{1,4}})"
    # A lot holds a digit or is a letter: "Casa 15", "Conjunto B", not "casa da".
    rf"(?:,?\s+{_LOT_WORD}\s?(?:\d[\w\-]{{0,4}}|[A-Za-z](?![\w]))){{1,3}}"
)
_LOT_RE = re.compile(rf"(?<![\w])(?:{_BLOCK_LOT})")
_LOT_CHAT_RE = re.compile(rf"(?<![\w])(?i:{_BLOCK_LOT})")
# Rural routes and highway contracts, in Canada and the United States: "RR 2, Site 5, Box 12",
# "HC 64 Box 1250". (An RR alone is a respiratory rate: "RR 22".) A box alone, as the North
# writes an address, counts with its town, province and postcode: "Box 240, Iqaluit NU X0A 0H0"
# ("tick Box 3" does not).
_ROUTE_RE = re.compile(
    r"(?<![\w])(?:(?:RR|R\.R\.|Rural Route)[ \u00a0]?\d{1,3}(?:,?[ \u00a0]+(?:Site|Comp\.?|Box|Stn)"
    r"[ \u00a0]+\d{1,5}){1,3}|HC[ \u00a0]?\d{1,3},?[ \u00a0]+Box[ \u00a0]+\d{1,5})(?![\w])"
    # New Zealand's rural delivery, with its town and postcode: "RD 2, Te Puke 3182".
    rf"|(?<![\w])RD[ \u00a0]\d{{1,2}},[ \u00a0]+{_TOWN}[ \u00a0]+\d{{4}}(?![\w])"
    rf"|(?<![\w])(?:Box|General Delivery)(?:[ \u00a0]+\d{{1,5}})?,[ \u00a0]+{_TOWN},?[ \u00a0]+"
    rf"[A-Z]{{2}}[ \u00a0]+(?:{_CA_POSTCODE}|\d{{5}})(?![\w])"
)


def postcode_anchored_spans(text: str, chat: bool = False) -> list[tuple[int, int]]:
    spans = []
    # Written small, a block and lot count in a chat or after the settlement they are in:
    # "Villa 31, manzana 4, casa 12", "Favela do Moinho, quadra 3, lote 5".
    for m in _LOT_CHAT_RE.finditer(text):
        head = extend_head(text, m.start(), iberian=True)
        if chat or head < m.start() or _LOT_RE.match(text, m.start()):
            spans.append((head, m.end()))
    spans += [(m.start(), m.end()) for m in _BOX_RE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _ROUTE_RE.finditer(text)]
    for m in _POSTCODE_ANCHORED_RE.finditer(text):
        if m.group().split()[0] in _NOT_STREET:
            continue
        spans.append((m.start(), m.end()))
    return spans
