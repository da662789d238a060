"""Address forms that the street patterns of ``nlp.redaction.addresses`` do not reach: a road
known by its number ("1420 County Road 12", "N4592 State Hwy 13", "4521 Route 9W"), a flat in a
named building with no house number ("Apartment 12, Block C, Clonard Court, Dublin 8"), the
number after the street ("Cedar Street, number 40"), a kilometre on the way to a town with the
farm before it ("Vereda El Salitre, finca La Esperanza, km 5 vía a La Calera"), and, after the
words that give a home, a street with no street word, as Argentina and Uruguay give one ("vivo en
Güemes 3421", "atiende en su casa de Mitre 1245, Lanús"). Part of ``address_spans``."""

import re

from nlp.redaction.address_parts import COUNTS, STREET_EN
from nlp.redaction.address_tail import extend_head, extend_tail
from nlp.redaction.name_lists import split_words

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’\-]*"
# A road's number after its kind; the qualified kinds ("County Road") need their qualifier, as
# "12 Road 5" is no address. The house number holds two digits at least ("take 5 Route 9 buses").
ADDRESS_EN_ROUTE_RE = re.compile(
    r"(?<![\w/])[NSEW]?\d{2,6}[A-Z]?\s+(?:[NSEW]\.?\s+)?"
    r"(?:(?:County|Township|State|Farm[- ]to[- ]Market|FM|US|U\.S\.|Interstate|Provincial|"
    r"Regional|Concession|Range|Rural|Old)\s+(?:Road|Rd\.?|Highway|Hwy\.?|Route|Rte\.?|Line)"
    r"|Highway|Hwy\.?|Route|Rte\.?|Sideroad)\s+\d{1,4}[A-Z]?(?![\w])(?!\s+(?:bus|buses|coach)\b)"
)
# A flat in a named building, with no house number: "Apartment 12, Block C, Clonard Court",
# "Flat 4, Jubilee House". (Not "Suite 5, Conference Room": a building word is needed.)
ADDRESS_EN_FLAT_BUILDING_RE = re.compile(
    r"(?<![\w])(?:Apartment|Apt\.?|Flat|Unit|Suite)\s+\d{1,4}[A-Za-z]?,\s+"
    r"(?:Block\s+[A-Z\d]{1,3},\s+)?(?:The\s+)?(?:[A-Z][\w'’\-]*\s+){1,3}"
    r"(?:Court|House|Building|Tower|Towers|Apartments|Mansions|Lodge|Hall|Place|Square|Gardens|"
    r"Heights|Quay|Wharf|Estate|Close|Terrace|Buildings)(?![\w])"
)
# The number after the street: "Cedar Street, number 40", "Elm Road, No. 12".
ADDRESS_EN_NUMBER_AFTER_RE = re.compile(
    rf"(?<![\w])(?:[A-Z][\w'’\-]*\s+){{1,3}}(?:{STREET_EN})\b\.?,?\s+"
    rf"(?:number|No\.?|#)\s*\d{{1,5}}[A-Za-z]?(?![\w])"
)
# A kilometre on the road to a town: "km 5 vía a La Calera", "km 8 da estrada para Cunha". (A
# distance gives its number first: "a 5 km vía a La Calera".)
ADDRESS_KM_TOWARDS_RE = re.compile(
    rf"(?<![\w])(?i:km)\.?\s?\d{{1,4}}(?:[.,]\d{{1,3}})?\s+"
    rf"(?i:(?:de\s+la\s+|da\s+|do\s+)?(?:vía|via|carretera|camino|estrada|caminho|rodovia)\s+)"
    rf"(?i:a|al|para|pra|hacia|rumo\s+a)\s+{_CAP}(?:\s+(?:de|del|da|do|la|las|los)?\s*{_CAP}){{0,2}}"
)
# After the words that give a home or an office, a street with no street word and its number:
# "vivo en Güemes 3421", "atiende en su casa de Mitre 1245". Not a count ("vivo en Madrid 20
# años"), not a year alone ("vivo en Rosario 2019"), not a ward or a hospital ("Sala 12").
# After the words that give a home, an English street with no street word: "I live at 8 The
# Paddocks, Stamford", "we moved to 3 Coronation Cottages". (Not "I live at 5 minutes from".)
ADDRESS_EN_HOME_RE = re.compile(
    r"(?i:\b(?:live|lives|lived|living|moved|staying|stay|address is)\s+(?:at|to)\s+)"
    r"(?P<a>(?:No\.\s?)?\d{1,4}[A-Za-z]?\s+(?:The\s+)?[A-Z][a-z][\w'’\-]*"
    r"(?:\s+[A-Z][a-z][\w'’\-]*){0,2})(?=[,.;]|\s+(?:in|with|for|since|and|near)\b)"
)
# Havana's and Latin America's streets between two others, with no number: "Calle 8 entre 3 y 5,
# casa 24", "Calle San Rafael e/ Lealtad y Escobar". (A digit in the street or a house after it.)
ADDRESS_BETWEEN_RE = re.compile(
    r"(?<![\w])(?:Calle|Avenida|Ave\.|Av\.)\s+(?:\d{1,3}[A-Z]?|[A-Z](?![\w])|[A-Z][a-z]+)"
    r"(?:\s+(?:No\.|n[º°o]\.?|#)\s*\d{1,4})?\s+(?:entre|e/)\s+(?:(?:calles?|avenidas?)\s+)?"
    r"(?:\d{1,3}[A-Z]?|[A-Z]\w*)\s+y\s+(?:\d{1,3}[A-Z]?(?![\w])|[A-Z]\w*)"
    r"(?:,?\s+(?i:casa|apto\.?|apartamento)\s+\d{1,4}[A-Za-z]?)?"
)
# A flat in a named building, with no street: "Edifício Copan, bloco B, apto 1205", "Residencial
# Primavera, Bloco 4, Apto 302". (Not "Edifício Central, sala de espera": a flat's number.)
ADDRESS_BUILDING_FLAT_RE = re.compile(
    rf"(?<![\w])(?:Edifício|Edificio|Edif\.|Ed\.|Prédio|Condomínio|Condominio|Cond\.|"
    rf"Residencial|Conjunto Residencial|Torre)\s+{_CAP}"
    rf"(?:\s+(?:de|da|do|del|las|los)?\s*{_CAP}){{0,3}}"
    rf",?\s+(?:(?i:bloco|bloque|bl\.?|torre)\s*[\w]{{1,3}},?\s+)?"
    rf"(?i:apto\.?|ap\.?|apartamento|apt\.?|depto\.?|dpto\.?|departamento|casa)\s*\d{{1,5}}[A-Za-z]?"
    rf"(?![\w])"
)
_HOME_CUE = (
    r"(?i:vivo|vive|viven|vivía|vivimos|vivíamos|vivió|queda|quedaba|atiende|atendía|domicilio|"
    r"dirección|mudé|mudamos|mudó|moro|mora|moramos|morava|endereço)"
    r"(?:\s+(?:es|era|é|está|queda))?(?:\s+(?i:en|na|no|em|a|al))?"
    r"(?:\s+(?i:su|mi|sua|minha|nuestra|nossa)\s+casa\s+(?i:de|en|na|em|da))?[:,]?\s+"
)
ADDRESS_BARE_STREET_RE = re.compile(
    rf"(?<![\w]){_HOME_CUE}(?P<a>(?P<name>{_CAP}(?:\s+(?:(?:de|del|de la|da|do|dos|y|e)\s+)?{_CAP})"
    rf"{{0,3}}),?\s+(?:n[º°o]\.?\s*)?(?P<n>\d{{2,5}})(?![\d/.,:%]\d|[\d%])(?![\w])"
    rf"(?![ \t]*(?:{COUNTS})\b))"
)
_NOT_STREETS = split_words(
    "Hospital Clínica Clinica Consultorio Consultório Sala Cama Planta Piso Box Módulo Urgencias "
    "Habitación Quarto Leito Unidade Unidad Posto Centro UPA UBS Ala Línea Linha Ruta Estación "
    "Metro Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Octubre Noviembre "
    "Diciembre Janeiro Fevereiro Março Maio Junho Julho Setembro Outubro Novembro Dezembro "
    "España Argentina México Colombia Chile Perú Brasil Portugal Europa Cardiología Pediatría "
    "Guardia Consulta Oficina Despacho Ventanilla Cardiologia Pediatria Enfermaria Ambulatório"
)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
# A year needs the flat or the town after it to be a house number: "Santa Fe 2045, piso 3".
_AFTER_YEAR_RE = re.compile(r",?\s*(?:(?i:piso|depto|dpto|apto|ap|casa|int)\b|,\s*[A-ZÀ-Þ])")


def more_address_spans(text: str, language: str) -> list[tuple[int, int]]:
    base = language.split("-")[0].lower()
    spans = []
    if base in ("en", ""):
        for pattern in (
            ADDRESS_EN_ROUTE_RE,
            ADDRESS_EN_FLAT_BUILDING_RE,
            ADDRESS_EN_NUMBER_AFTER_RE,
        ):
            spans += [(m.start(), extend_tail(text, m.end())) for m in pattern.finditer(text)]
        spans += [
            (m.start("a"), extend_tail(text, m.end("a")))
            for m in ADDRESS_EN_HOME_RE.finditer(text)
            if not re.search(rf"\b(?:{COUNTS})\b", m["a"], re.IGNORECASE)
        ]
    if base not in ("es", "pt", ""):
        return spans
    for pattern in (ADDRESS_BETWEEN_RE, ADDRESS_BUILDING_FLAT_RE):
        for m in pattern.finditer(text):
            if re.search(r"\d", m.group()):
                spans.append((m.start(), extend_tail(text, m.end())))
    for m in ADDRESS_KM_TOWARDS_RE.finditer(text):
        spans.append((extend_head(text, m.start(), iberian=True), m.end()))
    for m in ADDRESS_BARE_STREET_RE.finditer(text):
        if m["name"].split()[0] in _NOT_STREETS:
            continue
        if _YEAR_RE.fullmatch(m["n"]) and not _AFTER_YEAR_RE.match(text, m.end()):
            continue
        spans.append((m.start("a"), extend_tail(text, m.end("a"))))
    return spans
