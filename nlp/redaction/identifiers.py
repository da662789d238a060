"""Identity numbers (social security, record numbers...) and street addresses, by rules."""

import re

ID_PATTERNS = [
    # French social security number (NIR), with or without its key.
    re.compile(
        r"(?<!\d)[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[ABab])"
        r"[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?(?!\d)"
    ),
    re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)"),  # US SSN
    re.compile(r"(?<!\d)\d{3}\.\d{3}\.\d{3}-\d{2}(?!\d)"),  # Brazilian CPF
    re.compile(r"(?<![A-Z])[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![A-Za-z0-9])"),
    # Record numbers with letters and digits: MRN-482193, IPP 00482193, RX48213
    # (two capitals and a space are a US state and ZIP code, an address: not here)
    re.compile(r"(?<![\w-])(?:[A-Z]{2,5}[-/]?|[A-Z]{3,5} )\d{5,12}(?![\w-])"),
]
_ID_CUE_RE = re.compile(
    r"(?i)(?<!\w)(?:nhs|sécu(?:rité sociale)?|carte vitale|ssn|social security|insurance|assuré|"
    r"patient|hospital|hôpital|dossier|mrn|ipp|cpf|cns|sus|rg|passport|passeport|medicare|"
    r"medicaid|versicherten\w*|identifiant|record|matricule|id)\W{0,4}(?:\w+\W{1,3}){0,4}$"
)
_ID_VALUE_RE = re.compile(r"(?<![\w])(?:[A-Z]{1,5}[-/]?)?\d[\d\s.\-/]{3,22}\d[A-Z]?(?![\w])")

_STREET_FR = (
    r"rue|avenue|av\.|boulevard|bd|allée|allées|impasse|place|chemin|quai|cours|route|square|"
    r"passage|cité|résidence|lotissement|voie|sentier|rond-point|faubourg|hameau|villa"
)
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’\-]*"
_FR_POSTCODE = rf"(?:,?\s+\d{{5}}\s+{_CAP}(?:[\s\-]{_CAP})*(?:\s+(?:Cedex|CEDEX)(?:\s+\d+)?)?)?"
ADDRESS_FR_RE = re.compile(
    rf"(?<![\w])\d{{1,4}}(?:\s?(?:bis|ter|[A-Ba-b]))?,?\s+(?:{_STREET_FR})\s+"
    rf"(?:(?:de la|de l['’]|des|du|de|d['’]|la|le|les|l['’]|aux|au)\s*)?"
    rf"[\w'’\-]+(?:\s+(?:de la|de l['’]|des|du|de|d['’])?\s*{_CAP})*" + _FR_POSTCODE,
    re.IGNORECASE,
)
_STREET_EN = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Boulevard|Blvd|Place|Pl|Court|Ct|"
    r"Crescent|Terrace|Gardens|Grove|Hill|Square|Row|Parkway|Pkwy|Highway|Hwy|Mews|Walk|Rise"
)
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
ADDRESS_EN_RE = re.compile(
    rf"(?<![\w])(?:(?:Flat|Apt\.?|Apartment|Unit|Suite)\s+\d+\w?,?\s+)?\d{{1,5}}[A-Za-z]?,?\s+"
    rf"(?:[A-Z][\w'’\-]*\s+){{1,4}}(?:{_STREET_EN})\b\.?"
    rf"(?:,?\s+(?:Apt\.?|Apartment|Unit|Suite|#)\s*\d+\w?)?"
    rf"(?:,\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){{0,2}})?"
    rf"(?:,?\s+(?:[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?|{_UK_POSTCODE}))?"
)
UK_POSTCODE_RE = re.compile(
    r"(?<![\w])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2})(?![\w])"
)
ADDRESS_IBERIAN_RE = re.compile(
    rf"(?<![\w])(?:Rua|Avenida|Av\.|Calle|C/|Travessa|Alameda|Praça|Plaza|Paseo|Carrer|Camino|"
    rf"Estrada|Largo|Ronda)\s+(?:{_CAP}|de|da|do|dos|das|del|la|los|las)"
    rf"(?:\s+(?:{_CAP}|de|da|do|dos|das|del|la|los|las)){{0,5}},?\s+(?:n[º°o]\.?\s*)?\d{{1,5}}"
    rf"(?:[\s,]+(?:apto\.?|ap\.?|piso|puerta|bloco)\s*\w+)?"
    rf"(?:,?\s+\d{{5}}(?:-\d{{3}})?)?"
)
ADDRESS_DE_RE = re.compile(
    r"(?<![\w])[A-ZÄÖÜ][\wäöüß\-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer)"
    r"\s+\d{1,4}[a-z]?(?:,?\s+\d{5}\s+[A-ZÄÖÜ][\wäöüß\-]*)?"
)


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


def id_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in ID_PATTERNS:
        for m in pattern.finditer(text):
            value = m.group()
            if _digits(value) < 5:
                continue
            spans.append((m.start(), m.end()))
    # A number right after a cue ("NHS number 485 777 3456", "dossier n° 2019-44821").
    for m in _ID_VALUE_RE.finditer(text):
        value = m.group().rstrip(" .-/")
        if _digits(value) < 5:
            continue
        if _ID_CUE_RE.search(text[max(0, m.start() - 40) : m.start()]):
            spans.append((m.start(), m.start() + len(value)))
    return spans


def address_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in (
        ADDRESS_FR_RE,
        ADDRESS_EN_RE,
        ADDRESS_IBERIAN_RE,
        ADDRESS_DE_RE,
        UK_POSTCODE_RE,
    ):
        for m in pattern.finditer(text):
            value = m.group().rstrip(" ,.")
            spans.append((m.start(), m.start() + len(value)))
    return spans
