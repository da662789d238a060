"""Street addresses and postcodes, in each language's usual form.

- French: "5 bis rue de la Paix, 75002 Paris".
- English: "221B Baker Street", "12 Abbey Road, London NW8 9AH", "Boston, MA 02118", Australian
  "Fitzroy VIC 3065", Canadian "M5V 2T6", UK postcodes alone.
- Portuguese and Spanish: "Rua das Flores, 123, apto 45", "Calle Mayor 12, 3º B",
  "C/ Alcalá 45", "Av. Insurgentes Sur 1234, Col. Roma", CEP "01310-100".
- German: "Hauptstraße 5", "Berliner Straße 12a, 10115 Berlin", "Am Markt 3".
- Japanese: 〒 postcodes and 都道府県/市区町村 + 丁目・番地・号 or 2-8-1 addresses
  ("東京都新宿区西新宿2-8-1", "大阪市北区梅田三丁目1番3号").
A city or a hospital alone is not an address and is left.
"""

import re

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
_STREET_EN = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Boulevard|Blvd|Place|Pl|Court|Ct|"
    r"Crescent|Cres|Terrace|Tce|Gardens|Grove|Hill|Square|Sq|Row|Parkway|Pkwy|Highway|Hwy|Mews|"
    r"Walk|Rise|Parade|Pde|Circuit|Cct|Esplanade|Trail|Park|View|Green"
)
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
_AU_STATES = r"NSW|VIC|QLD|WA|SA|TAS|ACT|NT"
ADDRESS_EN_RE = re.compile(
    rf"(?<![\w])(?:(?:Flat|Apt\.?|Apartment|Unit|Suite)\s+\d+\w?,?\s+)?(?:\d{{1,4}}/)?"
    rf"\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'’\-]*\s+){{1,4}}(?:{_STREET_EN})\b\.?"
    rf"(?:\s+(?:North|South|East|West|NW|NE|SW|SE|N|S|E|W)\b)?"
    rf"(?:,?\s+(?:Apt\.?|Apartment|Unit|Suite|#)\s*\d+\w?)?"
    rf"(?:,\s+[A-Z][a-z][\w\-]*(?:\s+[A-Z][a-z][\w\-]*){{0,2}})?"
    rf"(?:,?\s+(?:[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?|(?:{_AU_STATES})\s+\d{{4}}|{_UK_POSTCODE}"
    rf"|(?:ON|QC|BC|AB|MB|SK|NS|NB|NL|PE)\s+{_CA_POSTCODE}|{_CA_POSTCODE}))?"
)
POSTCODE_RES = (
    # UK postcodes alone: "SE1 7EH".
    re.compile(r"(?<![\w])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2})(?![\w])"),
    # Canadian postal codes alone: "M5V 2T6".
    re.compile(rf"(?<![\w])(?:{_CA_POSTCODE})(?![\w])"),
    # US state and ZIP after a city: "Boston, MA 02118".
    re.compile(r"(?<![\w])(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+,\s[A-Z]{2}\s\d{5}(?:-\d{4})?(?![\w])"),
    # Brazilian CEP: "01310-100", and after "CEP".
    re.compile(r"(?<![\w\-])\d{5}-\d{3}(?![\w\-])"),
    # A five-digit postcode after a postcode cue.
    re.compile(r"(?i)(?:cp|c\.p\.|plz|código postal|code postal|zip|cep):? (?P<a>\d{5})(?![\w])"),
)
_IBERIAN_STREETS = (
    r"Rua|R\.|Avenida|Av\.|Avda\.?|Calle|C/|Travessa|Tv\.|Alameda|Praça|Plaza|Pza\.|Paseo|"
    r"Carrer|Camino|Estrada|Largo|Ronda|Calzada|Callejón|Carretera|Rodovia|Privada|Cerrada"
)
_IB_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w'’\-.]*|de|da|do|dos|das|del|la|los|las|e|y|\d{1,2}\s+de)"
# Floor, door and house parts after the number: "2.º B", "apto 45", "bajo", "fundos".
_IB_UNIT = (
    r"\d{1,2}\.?\s?[º°ªa-z]{1,2}\.?(?:\s?[A-Z](?![\w]))?|(?:apto\.?|apt\.?|ap\.?|piso|puerta|"
    r"bloco|bl\.?|casa|int\.?|interior|dpto\.?|depto\.?|esc\.?|lote|quadra|qd\.?|lt\.?)\s*[\w\-]+|"
    r"bajo|bajos|fundos|frente|sótano|ático|entresuelo|local"
)
_NEIGHBOURHOOD = r"Col\.?|Colonia|Bairro|Barrio|Jardim|Vila|Parque|Conjunto|Residencial|Fracc\.?"
ADDRESS_IBERIAN_RE = re.compile(
    rf"(?<![\w])(?i:{_IBERIAN_STREETS})\s+{_IB_WORD}(?:\s+{_IB_WORD}){{0,6}}"
    rf",?\s+(?:n[º°o]\.?\s*|#\s*|núm\.?\s*|número\s+)?\d{{1,5}}[A-Za-z]?(?![\d/])"
    rf"(?:[\s,]+(?:{_IB_UNIT})(?![\w]))*"
    rf"(?:,?\s+(?:{_NEIGHBOURHOOD})\s+{_CAP}(?:\s+{_CAP}){{0,3}})?"
    rf"(?:,?\s+(?:CEP\s*|C\.?P\.?\s*)?\d{{5}}(?:-\d{{3}})?(?:\s+{_CAP}(?:\s+{_CAP})?)?)?"
)
_DE_SUFFIX = r"straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|steig|pfad"
ADDRESS_DE_RE = re.compile(
    rf"(?<![\w])(?:(?:[A-ZÄÖÜ][\wäöüß\-]*(?:{_DE_SUFFIX}))|"
    rf"(?:[A-ZÄÖÜ][\wäöüß\-]*(?:er|sche|scher)\s+(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Ring))|"
    rf"(?:(?:Am|An der|Auf dem|Im|In der|Zum|Zur)\s+[A-ZÄÖÜ][\wäöüß\-]*))"
    rf"\s+\d{{1,4}}\s?[a-z]?(?![\w])(?:,?\s+\d{{5}}\s+[A-ZÄÖÜ][\wäöüß\-]*)?"
)
# Japanese: an optional 〒 postcode, then the place (prefecture, city, ward, town) and the block
# numbers in digits, full-width digits or kanji numerals.
_JA_NUM = r"(?:[0-9０-９一二三四五六七八九十〇]+)"
_JA_DASH = r"[-－−‐ー―の]"
_JA_PLACE = r"[\u4e00-\u9fffァ-ヶー々]"
JA_ADDRESS_RE = re.compile(
    rf"(?:〒\s?[0-9０-９]{{3}}[-－−‐]?[0-9０-９]{{4}}\s?)?"
    rf"(?:{_JA_PLACE}{{1,4}}[都道府県])?(?:{_JA_PLACE}{{1,6}}?[市区町村郡])*"
    rf"(?:{_JA_PLACE}|{_JA_NUM}条){{0,8}}"
    rf"{_JA_NUM}(?:丁目|番地|番|号|{_JA_DASH}){_JA_NUM}?(?:(?:丁目|番地|番|号|{_JA_DASH}){_JA_NUM})*"
    rf"(?:号|番地?)?"
)
JA_POSTCODE_RE = re.compile(r"〒\s?[0-9０-９]{3}[-－−‐]?[0-9０-９]{4}")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_JA_STRONG = re.compile(r"[都道府県市区町村郡]|丁目|番地|号")


def _ja_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in JA_POSTCODE_RE.finditer(text)]
    for m in JA_ADDRESS_RE.finditer(text):
        value = m.group()
        # A place name with block numbers, or numbers in the 丁目/番地/号 form: not "3-4 日".
        has_number = any(c.isdigit() or c in "一二三四五六七八九十" for c in value)
        bare = re.fullmatch(rf"{_JA_NUM}[-－−‐ー―の]?{_JA_NUM}?", value)
        if _JA_STRONG.search(value) and has_number and not bare:
            spans.append((m.start(), m.end()))
    return spans


def address_spans(text: str, language: str = "") -> list[tuple[int, int]]:
    """(start, end) of every street address or postcode found in ``text``."""
    spans = []
    for pattern in (ADDRESS_FR_RE, ADDRESS_EN_RE, ADDRESS_IBERIAN_RE, ADDRESS_DE_RE, *POSTCODE_RES):
        group = "a" if "a" in pattern.groupindex else 0
        for m in pattern.finditer(text):
            value = m.group(group).rstrip(" ,.")
            # "calle Mayor 3" counts in lower case, "rua de casa 2" does not: a capital is needed.
            if pattern is ADDRESS_IBERIAN_RE and not any(c.isupper() for c in value[1:]):
                continue
            spans.append((m.start(group), m.start(group) + len(value)))
    if language.startswith("ja") or _CJK_RE.search(text):
        spans += _ja_spans(text)
    return spans
