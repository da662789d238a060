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
    r"medicaid|versicherten\w*|identifiant|record|matricule|id)\W{0,4}(?:\w+\W{1,3}){0,4}$"
)
_ID_VALUE_RE = re.compile(r"(?<![\w])(?:[A-Z]{1,5}[-/]?)?\d[\d\s.\-/]{3,22}\d[A-Z]?(?![\w])")


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
