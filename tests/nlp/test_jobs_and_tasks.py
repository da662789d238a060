"""Bulk jobs (batched, resumable) and the tasks' retry and failure behaviour (eager Celery)."""

import pytest
from django.db import OperationalError

from nlp import services, tasks
from nlp.models import NlpFailure, NlpJob, NlpJobBatch, StoryAnalysis
from nlp.tasks import TRANSIENT_ERRORS

pytestmark = pytest.mark.django_db

STORIES = [
    "Le médecin ne m'a pas écoutée et j'ai été jugée.",
    "The nurse did not listen to me. More training on bias is needed.",
    "Nobody explained my results in plain language; I needed an interpreter.",
    "On m'a fait attendre des heures, je ne me suis pas sentie la bienvenue.",
    "We need research data on under-represented groups.",
]


@pytest.fixture
def stories(codebook, make_story):
    from core.models import OutboxMessage

    made = [make_story(text) for text in STORIES]
    services.testimonies_analyse(testimony_ids=[s.pk for s in made])
    StoryAnalysis.objects.update(tagged_at=None)
    # The stories' own follow-up work was done by hand just above: the jobs' outbox messages
    # must not carry it along.
    OutboxMessage.objects.all().delete()
    return made


def _run_job(django_capture_on_commit_callbacks, user, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_create(user=user, **kwargs)
    job.refresh_from_db()
    return job


def test_a_retag_job_runs_in_batches_to_the_end(
    stories, researcher, django_capture_on_commit_callbacks
):
    job = _run_job(
        django_capture_on_commit_callbacks, researcher, kind="retag", filters={}, batch_size=2
    )
    assert job.status == NlpJob.Status.DONE
    assert (job.total, job.processed, job.failed, job.percent) == (5, 5, 0, 100)
    assert list(job.batches.values_list("size", flat=True)) == [2, 2, 1]
    assert not StoryAnalysis.objects.filter(tagged_at__isnull=True).exists()


def test_job_filters(stories, researcher, django_capture_on_commit_callbacks):
    job = _run_job(
        django_capture_on_commit_callbacks,
        researcher,
        kind="retag",
        filters={"language": "fr", "untagged_only": "on"},
        batch_size=10,
    )
    assert job.total == 2
    job = _run_job(
        django_capture_on_commit_callbacks,
        researcher,
        kind="analyse",
        filters={"event": stories[0].event_id},
        batch_size=10,
    )
    assert job.total == 1 and job.status == "done"


def test_bad_job_input_is_refused_per_field(researcher):
    from core.exceptions import ApplicationError

    with pytest.raises(ApplicationError) as exc:
        services.job_create(
            kind="retag",
            filters={"language": "klingon", "submitted_from": "yesterday", "colour": "red"},
            user=researcher,
        )
    assert set(exc.value.field_errors) == {"language", "submitted_from", "filters"}
    with pytest.raises(ApplicationError) as exc:
        services.job_create(kind="retag", filters={}, batch_size=0, user=researcher)
    assert "batch_size" in exc.value.field_errors
    assert not NlpJob.objects.exists()


def test_a_failed_batch_is_recorded_and_the_job_resumes(
    stories, researcher, monkeypatch, django_capture_on_commit_callbacks
):
    real = services.testimonies_tag
    calls = {"n": 0}

    def flaky(*, testimony_ids):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ValueError("a bug in one batch")
        return real(testimony_ids=testimony_ids)

    # NOTE: patched where the jobs use it (nlp.services.jobs calls analysis.testimonies_tag).
    monkeypatch.setattr(services.analysis, "testimonies_tag", flaky)
    with pytest.raises(ValueError):
        _run_job(
            django_capture_on_commit_callbacks, researcher, kind="retag", filters={}, batch_size=2
        )
    job = NlpJob.objects.get()
    failure = NlpFailure.objects.get()
    assert failure.task_name == "nlp.run_job_batch" and failure.job_id == job.pk
    assert failure.exception_type == "builtins.ValueError"
    assert NlpJobBatch.objects.filter(status="failed").count() == 1
    # The remaining batches were queued too; finish them, then resume the failed one.
    with django_capture_on_commit_callbacks(execute=True):
        for batch in job.batches.filter(status="pending"):
            tasks.run_job_batch.delay(batch.pk)
    job.refresh_from_db()
    assert job.status == "done" and job.failed == 2 and job.processed == 3
    with django_capture_on_commit_callbacks(execute=True):
        services.job_resume(job=job, user=researcher)
    job.refresh_from_db()
    assert (job.status, job.processed, job.failed) == ("done", 5, 0)


def test_pause_and_resume(stories, researcher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.job_create(kind="retag", filters={}, batch_size=2, user=researcher)
    services.job_plan(job_id=job.pk)
    services.job_pause(job=job, user=researcher)
    for batch in job.batches.all():
        assert services.job_batch_run(batch_id=batch.pk) is False  # paused: nothing runs
    job.refresh_from_db()
    assert job.processed == 0 and job.status == "paused"
    with django_capture_on_commit_callbacks(execute=True):
        services.job_resume(job=job, user=researcher)
    job.refresh_from_db()
    assert (job.status, job.processed) == ("done", 5)
    assert callbacks  # job_create queued the planning after commit, not before


def test_running_a_batch_twice_counts_it_once(stories, researcher):
    job = services.job_create(kind="retag", filters={}, batch_size=5, user=researcher)
    services.job_plan(job_id=job.pk)
    batch = job.batches.get()
    assert services.job_batch_run(batch_id=batch.pk) is True
    assert services.job_batch_run(batch_id=batch.pk) is False
    job.refresh_from_db()
    assert job.processed == 5


def test_cancel(stories, researcher):
    job = services.job_create(kind="retag", filters={}, user=researcher)
    services.job_cancel(job=job, user=researcher)
    from core.exceptions import ApplicationError

    with pytest.raises(ApplicationError):
        services.job_resume(job=job, user=researcher)


def test_only_transient_errors_are_retried_with_backoff_and_a_bound():
    for task in (tasks.process_testimony, tasks.run_job_batch, tasks.train_classifier):
        assert set(task.autoretry_for) == set(TRANSIENT_ERRORS)
        assert task.max_retries == 5 and task.retry_backoff and task.retry_jitter
        assert task.time_limit and task.soft_time_limit < task.time_limit
        assert task.name.startswith("nlp.")
    assert ValueError not in TRANSIENT_ERRORS and Exception not in TRANSIENT_ERRORS


def test_a_transient_error_is_retried_then_succeeds(stories, monkeypatch):
    real = services.testimonies_analyse
    calls = {"n": 0}

    def flaky(*, testimony_ids):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("connection reset")
        return real(testimony_ids=testimony_ids)

    from nlp.services import pending

    monkeypatch.setattr(pending, "testimonies_analyse", flaky)
    # NOTE: eager mode re-runs a retried task at once (a worker would wait for the backoff).
    # ``force``: the story was analysed by the fixture (as a researcher's "analyse again").
    result = tasks.process_testimony.apply(
        args=[stories[0].pk], kwargs={"force": True}, throw=False
    )
    assert calls["n"] == 2
    # The fixture's other stories wait to be tagged again (tagged_at cleared): the same batch.
    assert result.successful() and result.get() == len(stories)
    assert not NlpFailure.objects.exists()


def test_a_task_for_a_missing_story_is_quietly_done(codebook):
    assert tasks.process_testimony.apply(args=[999999]).get() == 0
    assert tasks.tag_testimony.apply(args=[999999]).get() == 0


def test_a_job_paused_after_its_last_batch_ends_done_on_resume(stories, researcher):
    job = services.job_create(kind="retag", filters={}, batch_size=5, user=researcher)
    services.job_plan(job_id=job.pk)
    batch = job.batches.get()
    assert services.job_batch_run(batch_id=batch.pk) is True
    NlpJob.objects.filter(pk=job.pk).update(status="running")  # a pause that came too late
    services.job_pause(job=job, user=researcher)
    job = services.job_resume(job=job, user=researcher)
    assert job.status == "done" and job.finished_at
