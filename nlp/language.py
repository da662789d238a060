"""Language of a story: the declared language wins; otherwise lingua detects it."""

import functools
from dataclasses import dataclass

from lingua import Language, LanguageDetectorBuilder

# The programme's languages (DOMAIN.md) and a few neighbours that help avoid confusions.
DETECTABLE = (
    Language.FRENCH,
    Language.ENGLISH,
    Language.PORTUGUESE,
    Language.SPANISH,
    Language.GERMAN,
    Language.JAPANESE,
    Language.ITALIAN,
    Language.DUTCH,
    Language.CHINESE,
    Language.KOREAN,
    Language.ARABIC,
)
DETECTION_METHOD = "lingua"


@dataclass(frozen=True)
class LanguageResult:
    code: str
    confidence: float
    method: str  # "declared" or "lingua", or "" when nothing could be said


@functools.cache
def _detector():
    # NOTE: built once per process; each language's model loads lazily on first need.
    return LanguageDetectorBuilder.from_languages(*DETECTABLE).build()


def language_detect(*, text: str, declared: str = "") -> LanguageResult:
    if declared:
        return LanguageResult(code=declared, confidence=1.0, method="declared")
    if not text.strip():
        return LanguageResult(code="", confidence=0.0, method="")
    values = _detector().compute_language_confidence_values(text[:5000])
    if not values:
        return LanguageResult(code="", confidence=0.0, method=DETECTION_METHOD)
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    return LanguageResult(
        code=code, confidence=round(float(best.value), 4), method=DETECTION_METHOD
    )
