"""Identity numbers by their shape and by a cue word: record numbers (MRN-482193, IPP 00482193),
US social security numbers written 078-05-1120, and any long number after "NHS", "dossier",
"patient"... National identifiers with check digits are found by ``nlp.redaction.national_ids``
(python-stdnum); street addresses by ``nlp.redaction.addresses``."""

import re

from nlp.redaction.addresses import address_spans

__all__ = ["ID_PATTERNS", "address_spans", "id_spans"]

ID_PATTERNS = [
    # French social security number (NIR), with or without its key.
    re.compile(
        r"(?<!\d)[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[ABab])"
        r"[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?(?!\d)"
    ),
    re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)"),  # US SSN
    re.compile(r"(?<!\d)\d{3}\.\d{3}\.\d{3}-\d{2}(?!\d)"),  # Brazilian CPF
    # German pension insurance number: area, birth date, initial, serial ("65 170839 J 003").
    re.compile(r"(?<![\w])\d{2}\s?[0-3]\d[01]\d{3}\s?[A-Z]\s?\d{3}(?![\w])"),
    re.compile(r"(?<![A-Z])[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![A-Za-z0-9])"),
    # Record numbers with letters and digits: MRN-482193, IPP 00482193, RX48213 (two capitals
    # and a space are a US state and ZIP code, an address: not here; the name of a national
    # identifier before its number, "CPF 529...", stays readable).
    re.compile(
        r"(?<![\w-])(?:[A-Z]{2,5}[-/]?"
        r"|(?!(?:CPF|CURP|DNI|NIE|NIF|NIR|SSN|SIN|TFN|NHS) )[A-Z]{3,5} )\d{5,12}(?![\w-])"
    ),
]
_ID_CUE_RE = re.compile(
    r"(?i)(?<!\w)(?:nhs|sécu(?:rité sociale)?|carte vitale|ssn|social security|insurance|assuré|"
    r"patient|hospital|hôpital|dossier|mrn|ipp|cpf|cns|sus|rg|passport|passeport|medicare|"
    r"medicaid|versicherten\w*|identifiant|record|matricule|id|"
    # Spanish, Portuguese and German cues (issue 16).
    r"seguridad social|afiliaci[oó]n|nss|imss|issste|tarjeta sanitaria|cip|historia cl[ií]nica|"
    r"expediente|paciente|pasaporte|c[eé]dula|rut|run|curp|dni|nie|nif|prontu[aá]rio|"
    r"matr[ií]cula|cart[aã]o|nis|pis|passaporte|registro|\w*versicherungsnummer|"
    r"patientennummer|fallnummer|aktenzeichen|reisepass|\w*ausweis\w*|krankenkasse)"
    r"\W{0,4}(?:\w+\W{1,3}){0,4}$"
)
# Japanese: a cue, then up to a dozen characters with no digit ("保険証の番号は"), then the
# number. A phone, fax, room or postal number is not an identity number.
_JA_ID_CUE_RE = re.compile(
    r"(?:マイナンバー|個人番号|保険証|被保険者|記号|(?<!電話)(?<!携帯)(?<!部屋)(?<!郵便)(?<!FAX)番号|"
    r"診察券|カルテ|在留カード|パスポート|旅券|年金|患者ID|ID)[^0-9０-９。\n]{0,12}$"
)
_JA_ID_VALUE_RE = re.compile(
    r"(?<![0-9０-９A-Za-z])(?:[A-Z]{1,5}[-/]?)?[0-9０-９][0-9０-９\s.\-/－]{3,22}[0-9０-９][A-Z]{0,2}"
    r"(?![0-9０-９A-Za-z])"
)
# A residence card (在留カード): two letters, eight digits, two letters.
_RESIDENCE_CARD_RE = re.compile(r"(?<![0-9A-Za-z])[A-Z]{2}\d{8}[A-Z]{2}(?![0-9A-Za-z])")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_ID_VALUE_RE = re.compile(r"(?<![\w])(?:[A-Z]{1,5}[-/]?)?\d[\d\s.\-/]{3,22}\d[A-Z]?(?![\w])")
# Every pattern here needs a digit (``\d``, full-width ones too): a text without one has no match.
_DIGIT_RE = re.compile(r"\d")


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


def id_spans(text: str) -> list[tuple[int, int]]:
    if not _DIGIT_RE.search(text):
        return []
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
    if _CJK_RE.search(text):
        spans += _ja_id_spans(text)
    return spans


def _ja_id_spans(text: str) -> list[tuple[int, int]]:
    """Numbers after a Japanese cue, and residence cards, in text written without spaces."""
    spans = [(m.start(), m.end()) for m in _RESIDENCE_CARD_RE.finditer(text)]
    for m in _JA_ID_VALUE_RE.finditer(text):
        value = m.group().rstrip(" .-/－")
        if _digits(value) >= 5 and _JA_ID_CUE_RE.search(text[max(0, m.start() - 20) : m.start()]):
            spans.append((m.start(), m.start() + len(value)))
    return spans
