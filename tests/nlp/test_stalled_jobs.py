"""A running job whose messages were lost is queued again by the periodic sweeper (eager Celery)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from config.celery_app import app
from nlp import services, tasks
from nlp.models import NlpJob, NlpJobBatch, StoryAnalysis

pytestmark = pytest.mark.django_db

TEXTS = [
    "The nurse did not listen to me. More training on bias is needed.",
    "Nobody explained my results in plain language; I needed an interpreter.",
    "We need research data on under-represented groups.",
]


def _lost_job(make_story, researcher, django_capture_on_commit_callbacks):
    """A job planned and marked running, whose batch messages never reached a worker."""
    stories = [make_story(text) for text in TEXTS]
    with django_capture_on_commit_callbacks(execute=False):
        job = services.job_create(kind="analyse", filters={}, user=researcher, batch_size=2)
    with django_capture_on_commit_callbacks(execute=False):
        services.job_plan(job_id=job.pk)  # NOTE: its dispatch is "lost" (not run).
    job.refresh_from_db()
    assert job.status == NlpJob.Status.RUNNING and job.processed == 0
    return job, stories


def _age(job, seconds):
    then = timezone.now() - timedelta(seconds=seconds)
    NlpJob.objects.filter(pk=job.pk).update(updated_at=then)
    NlpJobBatch.objects.filter(job=job).update(updated_at=then)


def test_a_stalled_job_is_queued_again_and_finishes(
    codebook, make_story, researcher, django_capture_on_commit_callbacks
):
    job, stories = _lost_job(make_story, researcher, django_capture_on_commit_callbacks)
    _age(job, settings.ENTENDU_NLP_JOB_STALLED_AFTER + 5)
    with django_capture_on_commit_callbacks(execute=True):
        queued = tasks.sweep_stalled_jobs.apply().get()
    assert queued == 2
    job.refresh_from_db()
    assert job.status == NlpJob.Status.DONE
    assert (job.processed, job.failed, job.total) == (3, 0, 3)
    assert StoryAnalysis.objects.filter(testimony__in=stories).count() == 3
    # Nothing left to sweep: a second run queues nothing, and counts nothing twice.
    _age(job, settings.ENTENDU_NLP_JOB_STALLED_AFTER + 5)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_stalled_jobs.apply().get() == 0
    job.refresh_from_db()
    assert job.processed == 3


def test_a_job_that_moves_or_waits_on_the_broker_is_left_alone(
    codebook, make_story, researcher, django_capture_on_commit_callbacks
):
    job, _stories = _lost_job(make_story, researcher, django_capture_on_commit_callbacks)
    # Younger than the bound (the broker's redelivery comes first): untouched.
    _age(job, settings.ENTENDU_VISIBILITY_TIMEOUT)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.jobs_stalled_resume(
                stalled_after=timedelta(seconds=settings.ENTENDU_NLP_JOB_STALLED_AFTER)
            )
            == 0
        )
    # Paused jobs are the person's to resume.
    NlpJob.objects.filter(pk=job.pk).update(status=NlpJob.Status.PAUSED)
    _age(job, settings.ENTENDU_NLP_JOB_STALLED_AFTER + 5)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.jobs_stalled_resume(
                stalled_after=timedelta(seconds=settings.ENTENDU_NLP_JOB_STALLED_AFTER)
            )
            == 0
        )
    assert job.batches.filter(status=NlpJobBatch.Status.PENDING).count() == 2


def test_the_sweeper_is_scheduled_after_the_brokers_own_redelivery():
    entry = settings.CELERY_BEAT_SCHEDULE["nlp.sweep_stalled_jobs"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    assert settings.ENTENDU_NLP_JOB_STALLED_AFTER > settings.ENTENDU_VISIBILITY_TIMEOUT
    assert entry["schedule"] <= settings.ENTENDU_NLP_JOB_STALLED_AFTER
