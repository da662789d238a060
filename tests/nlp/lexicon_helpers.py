"""Helpers for the per-language lexicon tests (tests/nlp/test_lexicon_<lang>.py)."""

import functools

from nlp.lexicon import LexiconMatcher, lexicon_file_entries
from nlp.pipelines import LEMMA_COMPONENTS, disabled_except, pipeline_for


@functools.cache
def _matcher(language: str) -> LexiconMatcher:
    # The terms are tested here, every hit a suggestion; the least evidence a theme needs before
    # it is suggested is tested in test_min_evidence.py.
    return LexiconMatcher(
        pipeline_for(language), language, lexicon_file_entries(language), min_evidence={}
    )


def suggested(language: str, text: str) -> set[str]:
    """The codes the shipped lexicon of ``language`` suggests for ``text``."""
    matcher = _matcher(language)
    nlp = matcher.nlp
    doc = nlp(text, disable=disabled_except(nlp, LEMMA_COMPONENTS))
    return {s.code_key for s in matcher.suggest(doc)}
