"""Helpers for the per-language redaction examples (``test_redaction_<lang>.py``).

These are development examples written for the recognisers, never rows of the labelled sets.
"""

from nlp.pipelines import NER_COMPONENTS, disabled_except, has_model, pipeline_for
from nlp.redaction import redact


def redacted(text: str, language: str) -> str:
    nlp = pipeline_for(language)
    doc = nlp(text, disable=disabled_except(nlp, NER_COMPONENTS)) if has_model(nlp) else None
    return redact(text, doc=doc, language=language).text
