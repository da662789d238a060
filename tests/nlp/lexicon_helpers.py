"""Helpers for the per-language lexicon tests (tests/nlp/test_lexicon_<lang>.py)."""

import functools

from nlp.lexicon import LexiconMatcher, lexicon_file_entries
from nlp.pipelines import LEMMA_COMPONENTS, disabled_except, pipeline_for


@functools.cache
def _matcher(language: str, *, least_evidence: bool = False) -> LexiconMatcher:
    # NOTE: without ``least_evidence`` every hit is a suggestion (the terms are tested alone);
    # the least evidence a theme needs before it is suggested is tested in test_min_evidence.py.
    options = {} if least_evidence else {"min_evidence": {}}
    return LexiconMatcher(
        pipeline_for(language), language, lexicon_file_entries(language), **options
    )


def _codes(matcher: LexiconMatcher, text: str) -> set[str]:
    doc = matcher.nlp(text, disable=disabled_except(matcher.nlp, LEMMA_COMPONENTS))
    return {s.code_key for s in matcher.suggest(doc)}


def suggested(language: str, text: str) -> set[str]:
    """The codes the shipped lexicon of ``language`` suggests for ``text``, every hit counted."""
    return _codes(_matcher(language), text)


def shipped_suggests(language: str, text: str) -> set[str]:
    """The codes the shipped lexicon suggests with its least evidence per theme (what a
    researcher would see)."""
    return _codes(_matcher(language, least_evidence=True), text)
