"""Confidence that rests on the evidence, its calibrated bands, and the switch (issue 18)."""

import pytest

from coding.models import CodeApplication
from nlp import lexicon, services
from nlp.calibration import Scored, calibrate, threshold_for
from nlp.evaluation import file_matchers
from nlp.models import StoryAnalysis
from nlp.pipelines import LEMMA_COMPONENTS, disabled_except


def test_the_score_grows_with_distinct_and_longer_evidence():
    one_word = lexicon.evidence_weight(["training"], substring=False)
    phrase = lexicon.evidence_weight(["unconscious bias"], substring=False)
    repeat = lexicon.evidence_weight(["training", "Training"], substring=False)
    two_words = lexicon.evidence_weight(["training", "course"], substring=False)
    scores = [lexicon.confidence_from_weight(w) for w in (one_word, repeat, phrase, two_words)]
    assert scores == sorted(scores) and len(set(scores)) == 4
    assert lexicon.confidence_from_weight(0) == 0.0
    assert 0 < lexicon.confidence_from_weight(100) <= 1


def test_lexicon_suggestions_no_longer_share_one_score():
    matcher = file_matchers(["en"])["en"]
    nlp = matcher.nlp
    text = (
        "The nurse did not listen. Nobody listened to me and nobody believed me. "
        "Staff need training on unconscious bias and a course on racism."
    )
    doc = nlp(text, disable=disabled_except(nlp, LEMMA_COMPONENTS))
    found = matcher.suggest(doc)
    assert len({s.confidence for s in found}) > 1
    for s in found:
        evidence = text[s.evidence_start : s.evidence_end]
        # The evidence is a whole sentence of the story.
        assert evidence.endswith(".") and (
            s.evidence_start == 0 or text[s.evidence_start - 2] == "."
        )


def test_sentence_around_keeps_the_phrase_in_a_very_long_sentence():
    text = "Short one. " + "word " * 200 + "needle " + "word " * 10 + "."
    start = text.index("needle")
    assert lexicon.sentence_around(text, start, start + 6) == (start, start + 6)
    assert lexicon.sentence_around("A b. Then needle here. C.", 10, 16) == (5, 22)


def _points(pairs, split="heldout"):
    return [Scored(split, "en", "x", c, r) for c, r in pairs]


def test_threshold_is_the_lowest_score_that_keeps_the_precision():
    pairs = [(0.9, True)] * 10 + [(0.7, True)] * 5 + [(0.7, False)] * 1 + [(0.5, False)] * 10
    points = _points(pairs)
    assert threshold_for(points, 0.9, min_support=5) == 0.7
    assert threshold_for(points, 0.99, min_support=5) == 0.9
    assert threshold_for(points, 0.99, min_support=50) == 1.0


def test_calibration_reads_held_out_rows_only():
    held = _points([(0.9, True)] * 20 + [(0.4, False)] * 20)
    dev = _points([(0.4, True)] * 100, split="dev")
    strong, fair = calibrate(held + dev)
    assert strong == 0.9 and fair == 0.9


@pytest.mark.django_db
def test_switch_off_tags_nothing(codebook, make_story, settings):
    story = make_story("The consultant did not listen and I felt judged.")
    machine = CodeApplication.objects.filter(testimony=story, source="machine")
    settings.CODING_SUGGESTIONS_ENABLED = False
    services.testimonies_analyse(testimony_ids=[story.pk])
    assert not machine.exists()
    assert not StoryAnalysis.objects.filter(testimony=story, tagged_at__isnull=False).exists()
    settings.CODING_SUGGESTIONS_ENABLED = True
    assert services.testimonies_tag(testimony_ids=[story.pk]) == 1
    assert machine.exists()
