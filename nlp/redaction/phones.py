"""Phone numbers, found by Google's libphonenumber (the ``phonenumbers`` package).

A number written with its country code (+44 ..., 0033 ...) is found whatever the region; one
written without it is read under the story's likely regions: those of its language
(``REGIONS_BY_LANGUAGE``), where the matcher accepts any number of a possible length
(``Leniency.POSSIBLE``: fictional ranges such as 07700 900xxx count too). When the language is
unknown, every one of the programme's ten countries is tried, and the number must be valid there.
"""

import re

from phonenumbers import Leniency, PhoneNumberMatcher, is_valid_number

# The programme's ten countries.
REGIONS = ("BR", "JP", "FR", "US", "GB", "AU", "CA", "DE", "MX", "ES")
REGIONS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "pt": ("BR",),
    "es": ("ES", "MX", "US"),
    "de": ("DE",),
    "en": ("US", "GB", "AU", "CA"),
    "fr": ("FR", "CA"),
    "ja": ("JP",),
}
# Fewer digits than this in the whole text: no phone number to look for (the fast path).
_MIN_DIGITS = 6
# A number of a possible length but not valid: at least this many digits (no ZIP codes).
_MIN_NUMBER_DIGITS = 8
_DIGIT_RE = re.compile(r"[0-9\uff10-\uff19]")


# Postcodes that look like numbers: a Brazilian CEP (01310-100), anything after 〒 or a cue.
_CEP_RE = re.compile(r"^\d{5}-\d{3}$")
_POSTCODE_CUE_RE = re.compile(r"(?i)(?:〒|cep|郵便番号|código postal|c\.p\.|plz|zip)\W{0,3}$")


def _postcode(text: str, start: int, raw: str) -> bool:
    return bool(_CEP_RE.match(raw) or _POSTCODE_CUE_RE.search(text[max(0, start - 16) : start]))


def likely_regions(language: str) -> tuple[str, ...]:
    return REGIONS_BY_LANGUAGE.get((language or "").split("-")[0].lower(), REGIONS)


def phone_spans(text: str, language: str = "") -> list[tuple[int, int]]:
    """(start, end) of every phone number in ``text``."""
    if len(_DIGIT_RE.findall(text)) < _MIN_DIGITS:
        return []
    likely = likely_regions(language)
    leniency = Leniency.POSSIBLE if likely is not REGIONS else Leniency.VALID
    spans: set[tuple[int, int]] = set()
    for region in likely:
        for match in PhoneNumberMatcher(text, region, leniency=leniency):
            if _postcode(text, match.start, match.raw_string):
                continue
            digits = len(_DIGIT_RE.findall(match.raw_string))
            if digits >= _MIN_NUMBER_DIGITS or is_valid_number(match.number):
                spans.add((match.start, match.end))
    return sorted(spans)
