"""A machine suggestion's confidence in words: strong, fairly strong or weak (issue 18).

The bounds were calibrated on the held-out half of the labelled sets (``tests/data/labelled``)
by ``manage.py nlp_calibrate`` (``nlp/calibration.py``): "strong" from the lowest score from
which the suggestions are right at least 85% of the time on held-out stories, "fairly strong"
from the lowest one from which they are right at least 65% of the time (both counted over every
suggestion at or above the bound). Scores of the lexicon layer (model versions
``lexicon-...``) use ``LEXICON_BOUNDS``; the classifier layers give probabilities and use
``PROBABILITY_BOUNDS`` (not calibrated here).
"""

from django.utils.translation import gettext_lazy as _

# (strong, fairly strong): lower bounds, inclusive. Re-run `manage.py nlp_calibrate` after a
# change to the lexicons or to nlp.lexicon's score, and copy its bounds here.
LEXICON_BOUNDS = (0.5934, 0.3904)
PROBABILITY_BOUNDS = (0.8, 0.6)

BAND_WORDS = {
    "strong": _("strong"),
    "fair": _("fairly strong"),
    "weak": _("weak"),
}


def bounds_for(model_version: str) -> tuple[float, float]:
    return LEXICON_BOUNDS if model_version.startswith("lexicon") else PROBABILITY_BOUNDS


def band_of(confidence: float | None, bounds: tuple[float, float]) -> str:
    strong, fair = bounds
    if confidence is None:
        return "weak"
    if confidence >= strong:
        return "strong"
    if confidence >= fair:
        return "fair"
    return "weak"


def confidence_band(confidence: float | None, model_version: str = "") -> str:
    """``strong``, ``fair`` or ``weak`` for a suggestion's score and model version."""
    return band_of(confidence, bounds_for(model_version or ""))


def confidence_words(confidence: float | None, model_version: str = "") -> str:
    return str(BAND_WORDS[confidence_band(confidence, model_version)])
