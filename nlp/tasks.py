"""NLP tasks: thin, take ids, safe to run twice; all named ``nlp.*`` so they run on the nlp queue.

Only transient errors (database or broker connections) are retried, with exponential backoff and
a bound; anything else fails at once and is recorded as an ``NlpFailure`` for admins.
"""

import logging

from celery import Task, shared_task
from celery.exceptions import Retry
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core.outbox_join import outbox_group_done, outbox_group_take
from nlp import services

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (
    OperationalError,
    InterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
    BrokerError,
)


class NlpTask(Task):
    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = 2
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 5
    ignore_result = True
    id_argument = "id"

    def __call__(self, *args, **kwargs):
        # NOTE: recorded here rather than in on_failure, which eager mode (no broker) skips.
        try:
            return super().__call__(*args, **kwargs)
        except Retry:
            raise
        except Exception as exc:
            self._record(exc, args, kwargs)
            raise

    def _record(self, exc, args, kwargs) -> None:
        ids = dict(kwargs or {})
        if args:
            ids.setdefault(self.id_argument, args[0])
        batch_id = ids.get("batch_id")
        try:
            services.failure_record(
                task_name=self.name,
                task_id=self.request.id or "",
                exc=exc,
                testimony_id=ids.get("testimony_id"),
                batch_id=batch_id,
                retries=self.request.retries or 0,
            )
            if batch_id is not None:
                services.job_batch_finish(batch_id=batch_id, status="failed")
        except Exception:  # noqa: BLE001
            # NOTE: recording must never hide the original failure (the database may be gone).
            logger.exception("Could not record the failure of %s.", self.name)


class StoryTask(NlpTask):
    id_argument = "testimony_id"


class BatchTask(NlpTask):
    id_argument = "batch_id"


# Seconds before a task whose story is in another worker's batch looks again (a batch of 32
# French stories takes about a second on one core).
BUSY_RETRY_SECONDS = 5


# NOTE: send_events=False on the story tasks: no monitoring events even where a worker sends
# them (CELERY_TASK_EVENTS), the most frequent messages (docs/dev/scale.md, "Per-message cost").
NEW_STORY_TASK = {"bind": True, "time_limit": 180, "soft_time_limit": 150, "send_events": False}


def _analysed_before_retry(analysed: int, busy: int) -> None:
    """A task tried again returns nothing: what it did analyse is logged (counts only; the
    submissions bench adds these to the tasks' results to check each story ran once)."""
    logger.info("New stories: %s analysed, %s held by another worker: tried again.", analysed, busy)


@shared_task(base=NlpTask, name="nlp.process_testimonies", **NEW_STORY_TASK)
def process_testimonies(
    self, testimony_ids: list[int], force: bool = False, group_token: str = ""
) -> int:
    """Language, redaction (the research copy) and theme suggestions for new stories (one
    outbox relay's group, ``core.outbox.outbox_group_hooks``, and with ``group_token`` the
    stories that joined it while it was queued, ``core.outbox_join``), with the stories waiting
    after them in the same pass (``services.testimonies_analyse_listed``). A story that fails
    alone is recorded against itself and the others go on."""
    ids = list(testimony_ids)
    if group_token:
        ids = sorted({*ids, *outbox_group_take(group_token)})

    def record(testimony_id: int, exc: Exception) -> None:
        services.failure_record(
            task_name=self.name,
            task_id=self.request.id or "",
            exc=exc,
            testimony_id=testimony_id,
            retries=self.request.retries or 0,
        )

    outcome = services.testimonies_analyse_listed(testimony_ids=ids, force=force, on_failure=record)
    if group_token:
        # NOTE: the busy ones go in the retry's own list, below.
        outbox_group_done(group_token)
    if outcome.busy:
        # NOTE: another worker holds them in its batch; if that worker dies, this finds them free.
        _analysed_before_retry(outcome.analysed, len(outcome.busy))
        raise self.retry(
            kwargs={"testimony_ids": list(outcome.busy), "force": force},
            countdown=BUSY_RETRY_SECONDS,
            max_retries=None,
        )
    return outcome.analysed


@shared_task(base=StoryTask, name="nlp.process_testimony", **NEW_STORY_TASK)
def process_testimony(self, testimony_id: int, force: bool = False) -> int:
    """One story (messages queued before the relay grouped them; "analyse again", ``force``),
    with the stories waiting after it in the same pass (``testimonies_analyse_pending``)."""
    outcome = services.testimonies_analyse_pending(testimony_id=testimony_id, force=force)
    if outcome.own == services.PendingOutcome.BUSY:
        # NOTE: another worker holds it in its batch; if that worker dies, this finds it free.
        _analysed_before_retry(outcome.analysed, 1)
        raise self.retry(countdown=BUSY_RETRY_SECONDS, max_retries=None)
    return outcome.analysed


@shared_task(
    bind=True, base=StoryTask, name="nlp.tag_testimony", time_limit=120, soft_time_limit=100
)
def tag_testimony(self, testimony_id: int) -> int:
    """Theme suggestions again for one story (its research copy)."""
    return services.testimonies_tag(testimony_ids=[testimony_id])


@shared_task(
    bind=True, base=NlpTask, name="nlp.embed_testimonies", time_limit=600, soft_time_limit=540
)
def embed_testimonies(self, testimony_ids: list[int]) -> int:
    """Multilingual vectors for these stories' research copies (similar stories, classifier);
    where the classifier layer works on vectors, their suggestions are made again with it."""
    from nlp.classifier import KIND_EMBEDDING, active_classifier

    done = services.testimonies_embed(testimony_ids=list(testimony_ids))
    active = active_classifier()
    if done and active is not None and active.kind == KIND_EMBEDDING:
        services.testimonies_tag(testimony_ids=list(testimony_ids))
    return done


@shared_task(bind=True, base=NlpTask, name="nlp.plan_job", time_limit=900, soft_time_limit=840)
def plan_job(self, job_id: int) -> int:
    job = services.job_plan(job_id=job_id)
    return job.total if job else 0


@shared_task(
    bind=True, base=NlpTask, name="nlp.sweep_stalled_jobs", time_limit=120, soft_time_limit=100
)
def sweep_stalled_jobs(self) -> int:
    """Periodic: queue again the batches of running jobs that stopped moving (lost messages)."""
    from datetime import timedelta

    from django.conf import settings

    return services.jobs_stalled_resume(
        stalled_after=timedelta(seconds=settings.ENTENDU_NLP_JOB_STALLED_AFTER)
    )


@shared_task(
    bind=True, base=BatchTask, name="nlp.run_job_batch", time_limit=600, soft_time_limit=540
)
def run_job_batch(self, batch_id: int) -> bool:
    return services.job_batch_run(batch_id=batch_id)


# NOTE: longer than the broker's visibility timeout (config/settings/base.py): acknowledged on
# receipt, so a training is never handed to a second worker while it runs; if its worker dies,
# it is started again by hand.
@shared_task(
    bind=True,
    base=NlpTask,
    name="nlp.train_classifier",
    time_limit=3600,
    soft_time_limit=3500,
    acks_late=False,
)
def train_classifier(self, user_id: int | None = None) -> int:
    from accounts.models import User

    user = User.objects.filter(pk=user_id).first() if user_id else None
    return services.classifier_train(user=user).version


@shared_task(
    bind=True,
    base=NlpTask,
    name="nlp.recheck_classifier",
    time_limit=1800,
    soft_time_limit=1700,
    acks_late=False,
)
def recheck_classifier(self) -> bool:
    from nlp.classifier import classifier_recheck

    version = classifier_recheck()
    return bool(version and version.is_active)


@shared_task(
    bind=True,
    base=NlpTask,
    name="nlp.probe_throughput",
    time_limit=900,
    soft_time_limit=840,
    ignore_result=False,
    acks_late=False,
)
def probe_throughput(
    self,
    language: str,
    texts: list[str],
    batch_size: int | None = None,
    components: str = "lemmas",
) -> float:
    """Stories per second of bare ``nlp.pipe`` inside this worker process (for benchmarks and
    capacity checks; send synthetic texts, never stories). ``components``: ``lemmas`` (what a
    re-tag runs) or ``analysis`` (a new story's one pass: NER and lemmas together)."""
    import time

    from nlp.pipelines import (
        ANALYSIS_COMPONENTS,
        LEMMA_COMPONENTS,
        PIPE_BATCH_SIZE,
        disabled_except,
    )
    from nlp.services import lexicon_matcher

    nlp = lexicon_matcher(language).nlp
    keep = ANALYSIS_COMPONENTS if components == "analysis" else LEMMA_COMPONENTS
    disabled = disabled_except(nlp, keep)
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, disable=disabled, batch_size=batch_size or PIPE_BATCH_SIZE):
        pass
    return len(texts) / (time.perf_counter() - started)
