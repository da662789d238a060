"""The least evidence a theme needs before it is suggested, and strong terms (issue 16)."""

import functools

import pytest

from nlp import lexicon
from nlp.calibration import (
    Scored,
    fit_min_evidence,
    raw_matchers,
    scored_suggestions,
)
from nlp.evaluation_languages import THEMES, load_labelled
from nlp.lexicon import LexiconMatcher, lexicon_file_entries
from nlp.pipelines import LEMMA_COMPONENTS, disabled_except, pipeline_for


@functools.cache
def _matcher(language: str) -> LexiconMatcher:
    return LexiconMatcher(pipeline_for(language), language, lexicon_file_entries(language))


def _found(language: str, text: str) -> dict[str, float]:
    matcher = _matcher(language)
    doc = matcher.nlp(text, disable=disabled_except(matcher.nlp, LEMMA_COMPONENTS))
    return {s.code_key: s.weight for s in matcher.suggest(doc)}


def test_a_weak_word_alone_is_not_enough_for_a_topical_theme():
    assert "research" not in _found("en", "My daughter is doing a study on birds.")
    assert "research" in _found("en", "Women like me are under-represented in clinical trials.")
    assert "education" in _found("en", "Doctors are taught nothing about cultural awareness.")


def test_a_cut_above_a_plain_word_needs_a_second_word():
    """Education's cut was 1.4 until the fifth development batch moved its fit to 0.8: the
    mechanism still holds for any theme whose fit is above one word."""
    matcher = LexiconMatcher(
        pipeline_for("en"),
        "en",
        lexicon_file_entries("en"),
        min_evidence={**lexicon.MIN_EVIDENCE, "education": 1.4},
    )

    def found(text):
        doc = matcher.nlp(text, disable=disabled_except(matcher.nlp, LEMMA_COMPONENTS))
        return {s.code_key for s in matcher.suggest(doc)}

    assert "education" not in found("They taught me how to cook.")
    assert "education" in found("Doctors are taught nothing about cultural awareness.")


def test_a_strong_term_is_enough_alone():
    found = _found("en", "Staff should get training on disability.")
    assert found["education"] >= lexicon.STRONG_WEIGHT
    assert "education" in _found("fr", "Il faut une formation pour tout le personnel.")
    assert "education" in _found("ja", "職員の研修が必要です。")


def test_a_strong_term_is_strong_by_its_lemma_too():
    assert "community" in _found("es", "Nos sentamos en los comités del hospital.")


def test_person_centred_care_needs_one_word():
    assert lexicon.MIN_EVIDENCE["person_centred"] <= 1.0
    assert "person_centred" in _found("en", "She treated me like a number.")
    assert "person_centred" in _found("en", "The doctor was condescending.")


def test_a_sub_code_below_its_themes_cut_is_left_out_with_it():
    matcher = LexiconMatcher(
        pipeline_for("en"),
        "en",
        {"unconscious_bias": {"terms": ["bias"], "patterns": []}},
        min_evidence={"education": 1.2},
        marks={},
    )
    doc = matcher.nlp("There was bias.")
    assert matcher.suggest(doc) == []
    doc = matcher.nlp("There was bias. Bias everywhere, and more bias.")
    assert {s.code_key for s in matcher.suggest(doc)} == {"unconscious_bias", "education"}


def _point(split: str, weight: float, right: bool) -> Scored:
    return Scored(split, "en", "research", 0.0, right, weight)


def test_the_fit_keeps_nearly_every_right_development_suggestion():
    points = [_point("dev", 0.8, False)] * 5 + [_point("dev", 1.4, True)] * 19
    assert fit_min_evidence(points, ["research"]) == {"research": 1.4}
    # One right suggestion in twenty below the cut is within KEEP_RIGHT: the cut holds.
    points.append(_point("dev", 0.8, True))
    assert fit_min_evidence(points, ["research"]) == {"research": 1.4}
    # Two in twenty-one are not: the cut comes down to keep them, whatever the false alarms.
    points.append(_point("dev", 0.8, True))
    assert fit_min_evidence(points, ["research"]) == {"research": 0.8}


def test_the_fit_does_not_bend_to_a_weak_word_alone():
    """The lexicon never lets a weak word alone suggest a topical theme: no cut is fitted to
    keep such a suggestion, right or not."""
    points = [_point("dev", 1.4, True)] * 5 + [_point("dev", lexicon.WEAK_WEIGHT, True)] * 5
    assert fit_min_evidence(points, ["research"]) == {"research": 1.4}


def test_the_fit_reads_development_rows_only():
    points = [_point("dev", 1.4, True)] * 5 + [_point("heldout", 0.5, True)] * 50
    assert fit_min_evidence(points, ["research"]) == {"research": 1.4}


@pytest.mark.slow
def test_the_shipped_cuts_are_the_fit_on_the_development_halves():
    rows = [r for r in load_labelled() if r["split"] == "dev"]
    points = scored_suggestions(rows, raw_matchers({r["language"] for r in rows}))
    assert fit_min_evidence(points, THEMES) == lexicon.MIN_EVIDENCE


@pytest.mark.django_db
def test_seed_sync_adds_shipped_entries_retires_dropped_seeds_and_keeps_researchers():
    from django.apps import apps

    from nlp.models import LexiconEntry, LexiconRevision

    LexiconEntry.objects.filter(language="en", code_key="research", value="research").delete()
    dropped = LexiconEntry.objects.create(
        language="en", code_key="time_with_professional", value="minutes", source="seed"
    )
    own = LexiconEntry.objects.create(
        language="en", code_key="research", value="my own word", source="researcher"
    )
    before = LexiconRevision.objects.get(language="en").revision
    lexicon.lexicon_seed_sync(apps, retire=True)
    assert LexiconEntry.objects.filter(language="en", code_key="research", value="research")
    dropped.refresh_from_db()
    own.refresh_from_db()
    assert not dropped.is_active and own.is_active
    assert LexiconRevision.objects.get(language="en").revision == before + 1
    # A second run changes nothing, and the revision stays.
    lexicon.lexicon_seed_sync(apps, retire=True)
    assert LexiconRevision.objects.get(language="en").revision == before + 1
