"""National and health identifiers, validated with python-stdnum so that checksums keep false
positives down.

Candidates are runs of digits (with spaces, dots, dashes or slashes between groups) and the
letter-and-digit shapes of the CURP, DNI/NIE and the NIR of Corsica. Every contiguous group of a
run is tried against the validators of the story's language (``VALIDATORS_BY_LANGUAGE``); the
validators of the other countries apply only after a cue word ("CPF", "NHS", "マイナンバー"...),
so that a Spanish phone number does not pass for an Australian tax number.
"""

import re
from collections.abc import Callable

from stdnum.au import tfn
from stdnum.br import cpf
from stdnum.ca import sin
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.gb import nhs
from stdnum.jp import in_ as my_number
from stdnum.mx import curp
from stdnum.us import ssn

Validator = Callable[[str], bool]
VALIDATORS: dict[str, Validator] = {
    "cpf": cpf.is_valid,
    "curp": curp.is_valid,
    "dni": dni.is_valid,
    "nie": nie.is_valid,
    "ssn": ssn.is_valid,
    "nir": nir.is_valid,
    "steuer_id": idnr.is_valid,
    "my_number": my_number.is_valid,
    "sin": sin.is_valid,
    "tfn": tfn.is_valid,
    "nhs": nhs.is_valid,
}
VALIDATORS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "pt": ("cpf",),
    "es": ("curp", "dni", "nie", "ssn"),
    "de": ("steuer_id",),
    "en": ("ssn", "sin", "tfn", "nhs"),
    "fr": ("nir", "sin"),
    "ja": ("my_number",),
}
_ID_CUE_RE = re.compile(
    r"(?i)(?:cpf|curp|dni|nie|nif|ssn|social security|nir|sécu|securite|sécurité sociale|"
    r"steuer|identifikationsnummer|my ?number|マイナンバー|個人番号|sin|social insurance|tfn|"
    r"tax file|nhs|insurance|seguro social|identidad|identidade|id)\W{0,6}(?:\w+\W{1,3}){0,3}$"
)
# Digit groups joined by one separator; a group may end with NIR's 2A/2B (Corsica).
_DIGIT_RUN_RE = re.compile(
    r"(?<![0-9A-Za-z.,+])\d+(?:[\s.\-/\u00a0]\d+|[\s.\u00a0]?2[AB]\d*)*(?![0-9A-Za-z])",
    re.IGNORECASE,
)
_LETTER_ID_RES = (
    re.compile(r"(?<![0-9A-Za-z])[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z\d]\d(?![0-9A-Za-z])"),  # CURP
    re.compile(r"(?<![0-9A-Za-z])\d{8}[\s\-]?[A-Z](?![0-9A-Za-z])"),  # DNI
    re.compile(r"(?<![0-9A-Za-z])[XYZ][\s\-]?\d{7}[\s\-]?[A-Z](?![0-9A-Za-z])"),  # NIE
)
_GROUP_SEP_RE = re.compile(r"[\s.\-/\u00a0]")
# Every candidate pattern needs a digit (``\d``): a text without one is not scanned.
_DIGIT_RE = re.compile(r"\d")
_MAX_GROUPS = 8


def _validators(language: str, cued: bool) -> list[Validator]:
    names = VALIDATORS_BY_LANGUAGE.get((language or "").split("-")[0].lower())
    if names is None or cued:
        return list(VALIDATORS.values())
    return [VALIDATORS[n] for n in names]


def _valid(value: str, validators: list[Validator]) -> bool:
    return any(check(value) for check in validators)


def _cued(text: str, start: int) -> bool:
    return bool(_ID_CUE_RE.search(text[max(0, start - 50) : start]))


def _groups(run: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of each group of digits of a run, in text offsets."""
    out, cursor = [], 0
    for part in _GROUP_SEP_RE.split(run):
        out.append((offset + cursor, offset + cursor + len(part)))
        cursor += len(part) + 1
    return out


def _best_in_run(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    groups = _groups(text[start:end], start)
    if len(groups) > _MAX_GROUPS * 3:
        return []
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(groups):
        best = None
        for j in range(min(len(groups), i + _MAX_GROUPS) - 1, i - 1, -1):
            s, e = groups[i][0], groups[j][1]
            digits = sum(c.isdigit() for c in text[s:e])
            if digits < 8:
                break
            if _valid(text[s:e], _validators(language, _cued(text, s))):
                best = (s, e, j)
                break
        if best:
            found.append(best[:2])
            i = best[2] + 1
        else:
            i += 1
    return found


def national_id_spans(text: str, language: str = "") -> list[tuple[int, int]]:
    """(start, end) of every identifier whose check digits (or format) are valid."""
    spans: list[tuple[int, int]] = []
    if not _DIGIT_RE.search(text):
        return spans
    for pattern in _LETTER_ID_RES:
        for m in pattern.finditer(text):
            if _valid(m.group(), list(VALIDATORS.values())):
                spans.append((m.start(), m.end()))
    for m in _DIGIT_RUN_RE.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= 8:
            spans += _best_in_run(text, m.start(), m.end(), language)
    return spans
