"""Broad themes (TWO_CUE_CODES) need two cues or one multi-word phrase."""

from nlp.lexicon import TWO_CUE_CODES
from tests.nlp.lexicon_helpers import suggested


def test_research_is_a_two_cue_theme():
    assert "research" in TWO_CUE_CODES


def test_one_lone_everyday_word_does_not_suggest_research():
    assert "research" not in suggested("en", "If the research team wants to call me, please do.")


def test_two_cues_or_a_phrase_suggest_research():
    two = "The research left us out; no study had data on women like me."
    assert "research" in suggested("en", two)
    assert "research" in suggested("en", "Women like me are missing from clinical trials.")
