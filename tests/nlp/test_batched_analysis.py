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


@pytest.fixture
def poisoned(monkeypatch, codebook):
    """Redaction fails on any text with POISON in it."""
    from nlp.services import analysis

    real = analysis.redact

    def redact(text, **kwargs):
        if "POISON" in text:
            raise ValueError("cannot redact this")
        return real(text, **kwargs)

    monkeypatch.setattr(analysis, "redact", redact)


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


def test_a_failing_story_does_not_hold_up_the_others(make_story, poisoned):
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


def test_a_relayed_group_is_analysed_in_one_pass_and_again_changes_nothing(make_story, piped):
    ids = [make_story(NADIA).pk, make_story(WAITING).pk, make_story(WAITING + " (3)").pk]

    assert tasks.process_testimonies.apply(kwargs={"testimony_ids": ids}).get() == 3
    assert len(piped) == 1
    once = _state(ids)
    assert len(once[0]) == 3 and once[2]
    # Duplicates (a relay that published twice, the old one-story messages still queued) find
    # their stories done: no spaCy, nothing written again.
    assert tasks.process_testimonies.apply(kwargs={"testimony_ids": ids[::-1]}).get() == 0
    assert tasks.process_testimony.apply(args=[ids[1]]).get() == 0
    assert len(piped) == 1 and _state(ids) == once


def test_a_group_takes_the_stories_waiting_after_it(make_story, piped, settings):
    settings.NLP_ANALYSE_BATCH_MAX = 2
    ids = [make_story(f"{WAITING} ({i})").pk for i in range(5)]

    assert tasks.process_testimonies.apply(kwargs={"testimony_ids": ids[:1]}).get() == 2
    assert analysed_done(ids) == ids[:2] and len(piped) == 1
    # Listed past the limit: the three left in passes of at most two.
    assert tasks.process_testimonies.apply(kwargs={"testimony_ids": ids}).get() == 3
    assert analysed_done(ids) == ids and len(piped) == 3


def analysed_done(ids):
    return sorted(pending.analysed_ids(ids))


def test_a_withdrawn_story_in_a_group_is_left_unanalysed(make_story, codebook):
    from testimonies.services import testimony_withdraw

    kept, withdrawn = make_story(WAITING), make_story(NADIA)
    testimony_withdraw(testimony=withdrawn, actor="participant")

    tasks.process_testimonies.apply(kwargs={"testimony_ids": [kept.pk, withdrawn.pk]}).get()
    assert analysed_done([kept.pk, withdrawn.pk]) == [kept.pk]
    assert not CodeApplication.objects.filter(testimony=withdrawn).exists()


def test_a_group_leaves_to_another_worker_the_stories_it_holds(make_story, codebook):
    held, free = make_story(WAITING), make_story(NADIA)
    s = connection.settings_dict
    other = psycopg.connect(
        host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"], dbname=s["NAME"]
    )
    try:
        other.execute("SELECT pg_advisory_lock(%s + %s)", [pending.LOCK_NAMESPACE, held.pk])
        outcome = services.testimonies_analyse_listed(testimony_ids=[held.pk, free.pk])
    finally:
        other.close()
    assert outcome == services.ListedOutcome(1, (held.pk,))
    assert analysed_done([held.pk, free.pk]) == [free.pk]


def test_a_failing_story_in_a_group_is_recorded_and_the_others_go_on(make_story, poisoned):
    ids = [make_story(WAITING).pk, make_story("POISON " + WAITING).pk, make_story(NADIA).pk]

    assert tasks.process_testimonies.apply(kwargs={"testimony_ids": ids}).get() == 2
    failure = NlpFailure.objects.get()
    assert (failure.testimony_id, failure.task_name) == (ids[1], "nlp.process_testimonies")
    assert analysed_done(ids) == [ids[0], ids[2]]


def test_story_tasks_send_no_monitoring_events(settings):
    from config.celery_app import app

    assert tasks.process_testimonies.send_events is False
    assert tasks.process_testimony.send_events is False
    assert tasks.process_testimonies.ignore_result is True
    assert app.conf.worker_send_task_events is False
    assert app.conf.task_send_sent_event is False


def test_a_task_tried_again_logs_what_it_did_analyse(make_story, codebook, monkeypatch, caplog):
    """Its result is lost to the retry: the submissions bench reads this line instead."""
    import sys
    from pathlib import Path

    held, free = make_story(WAITING), make_story(NADIA)

    class Again(Exception):
        pass

    def retry(*args, **kwargs):
        raise Again

    monkeypatch.setattr(tasks.process_testimonies, "retry", retry)
    s = connection.settings_dict
    other = psycopg.connect(
        host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"], dbname=s["NAME"]
    )
    try:
        other.execute("SELECT pg_advisory_lock(%s + %s)", [pending.LOCK_NAMESPACE, held.pk])
        with caplog.at_level("INFO", logger="nlp.tasks"), pytest.raises(Again):
            tasks.process_testimonies.run(testimony_ids=[held.pk, free.pk])
    finally:
        other.close()
    assert analysed_done([held.pk, free.pk]) == [free.pk]
    line = "New stories: 1 analysed, 1 held by another worker: tried again."
    assert line in caplog.messages
    assert "Nadia" not in caplog.text and "06 12" not in caplog.text
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        from submissions import analyses_logged
    finally:
        sys.path.pop(0)
    done = "Task nlp.process_testimonies[ab-12] succeeded in 0.5s: 3"
    assert analyses_logged("\n".join([done, *caplog.messages])) == 4
