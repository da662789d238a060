"""Bulk jobs: a job's stories cut into batches of ids, run, paused, resumed or cancelled."""

import logging
import time
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.outbox import outbox_enqueue
from core.validation import parse_positive_int
from nlp.models import JOB_BATCH_SIZE, JOB_MAX_BATCH_SIZE, NlpJob, NlpJobBatch
from nlp.pipelines import SUPPORTED_LANGUAGES, base_language
from nlp.selectors import job_stories
from nlp.services import analysis

logger = logging.getLogger(__name__)

JOB_FILTERS = ("event", "language", "submitted_from", "submitted_to", "untagged_only")


def _clean_filters(filters: dict) -> dict:
    errors: dict[str, list[str]] = {}
    clean: dict = {}
    unknown = set(filters) - set(JOB_FILTERS)
    if unknown:
        errors["filters"] = [_("Unknown filter: %(names)s") % {"names": ", ".join(sorted(unknown))}]
    event = filters.get("event")
    if event not in (None, ""):
        clean["event"] = parse_positive_int(event)
        if clean["event"] is None:
            errors["event"] = [_("Choose an event.")]
    language = filters.get("language") or ""
    if language:
        if base_language(str(language)) not in SUPPORTED_LANGUAGES:
            errors["language"] = [_("Choose one of the supported languages.")]
        else:
            clean["language"] = base_language(str(language))
    for name in ("submitted_from", "submitted_to"):
        value = filters.get(name)
        if value:
            try:
                clean[name] = date.fromisoformat(str(value)).isoformat()
            except ValueError:
                errors[name] = [_("Enter a date as YYYY-MM-DD.")]
    if filters.get("untagged_only") in (True, "true", "on", "1", 1):
        clean["untagged_only"] = True
    if errors:
        raise ApplicationError(_("The job was not started."), field_errors=errors)
    return clean


@transaction.atomic
def job_create(*, kind: str, filters: dict, user, batch_size: int = JOB_BATCH_SIZE) -> NlpJob:
    if kind not in NlpJob.Kind.values:
        raise ApplicationError(
            _("The job was not started."), field_errors={"kind": [_("Choose a kind of job.")]}
        )
    batch_size = parse_positive_int(batch_size) or 0
    if not 1 <= batch_size <= JOB_MAX_BATCH_SIZE:
        raise ApplicationError(
            _("The job was not started."),
            field_errors={"batch_size": [_("A batch holds between 1 and 1000 stories.")]},
        )
    job = NlpJob(kind=kind, filters=_clean_filters(filters or {}), batch_size=batch_size)
    job.created_by = user
    job.full_clean(exclude=["created_by"])
    job.save()
    # NOTE: through the outbox, so a broker outage never turns the request into an error.
    outbox_enqueue(task_name="nlp.plan_job", kwargs={"job_id": job.pk})
    return job


def job_plan(*, job_id: int) -> NlpJob | None:
    """Cut a job's stories into batches of ids and queue them. Idempotent."""
    with transaction.atomic():
        job = NlpJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != NlpJob.Status.PLANNING:
            return job
        job.batches.all().delete()
        batches, index, total = [], 0, 0
        ids = job_stories(job=job).values_list("pk", flat=True)
        chunk: list[int] = []
        for pk in ids.iterator(chunk_size=2000):
            chunk.append(pk)
            if len(chunk) == job.batch_size:
                batches.append(
                    NlpJobBatch(
                        job=job, index=index, first_id=chunk[0], last_id=chunk[-1], size=len(chunk)
                    )
                )
                index, total, chunk = index + 1, total + len(chunk), []
                if len(batches) >= 1000:
                    NlpJobBatch.objects.bulk_create(batches)
                    batches = []
        if chunk:
            batches.append(
                NlpJobBatch(
                    job=job, index=index, first_id=chunk[0], last_id=chunk[-1], size=len(chunk)
                )
            )
            total += len(chunk)
        NlpJobBatch.objects.bulk_create(batches)
        job.total = total
        job.status = NlpJob.Status.RUNNING if total else NlpJob.Status.DONE
        if not total:
            job.finished_at = timezone.now()
        job.save(update_fields=["total", "status", "finished_at", "updated_at"])
        transaction.on_commit(lambda: job_dispatch(job_id=job.pk))
    return job


def job_dispatch(*, job_id: int) -> int:
    """Queue every batch that is not done (pending, or failed on an earlier run)."""
    from nlp import tasks

    ids = list(
        NlpJobBatch.objects.filter(job_id=job_id)
        .exclude(status=NlpJobBatch.Status.DONE)
        .order_by("index")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        tasks.run_job_batch.delay(pk)
    return len(ids)


def job_batch_run(*, batch_id: int) -> bool:
    """Process one batch: its stories by id range, in one ``nlp.pipe`` per language."""
    batch = NlpJobBatch.objects.select_related("job").filter(pk=batch_id).first()
    if batch is None or batch.status == NlpJobBatch.Status.DONE:
        return False
    job = batch.job
    if job.status != NlpJob.Status.RUNNING:
        return False  # paused or cancelled: the batch stays pending for a resume
    NlpJobBatch.objects.filter(pk=batch.pk).update(attempts=F("attempts") + 1)
    ids = list(
        job_stories(job=job)
        .filter(pk__gte=batch.first_id, pk__lte=batch.last_id)
        .values_list("pk", flat=True)
    )
    started = time.monotonic()
    if job.kind == NlpJob.Kind.ANALYSE:
        analysis.testimonies_analyse(testimony_ids=ids)
    else:
        analysis.testimonies_tag(testimony_ids=ids)
    logger.info(
        "NLP job %s batch %s: %s stories in %.2f s.",
        job.pk,
        batch.index,
        len(ids),
        time.monotonic() - started,
    )
    return job_batch_finish(batch_id=batch.pk, status=NlpJobBatch.Status.DONE)


@transaction.atomic
def job_batch_finish(*, batch_id: int, status: str) -> bool:
    batch = NlpJobBatch.objects.select_for_update().filter(pk=batch_id).first()
    if batch is None or batch.status == NlpJobBatch.Status.DONE:
        return False
    was_failed = batch.status == NlpJobBatch.Status.FAILED
    if was_failed and status == NlpJobBatch.Status.FAILED:
        return False
    batch.status = status
    batch.save(update_fields=["status", "updated_at"])
    job = NlpJob.objects.select_for_update().get(pk=batch.job_id)
    if status == NlpJobBatch.Status.DONE:
        job.processed = F("processed") + batch.size
        if was_failed:
            job.failed = F("failed") - batch.size
    else:
        job.failed = F("failed") + batch.size
    job.save(update_fields=["processed", "failed", "updated_at"])
    remaining = job.batches.exclude(
        status__in=[NlpJobBatch.Status.DONE, NlpJobBatch.Status.FAILED]
    ).exists()
    if not remaining and job.status == NlpJob.Status.RUNNING:
        NlpJob.objects.filter(pk=job.pk).update(
            status=NlpJob.Status.DONE, finished_at=timezone.now(), updated_at=timezone.now()
        )
    return True


def jobs_stalled_resume(*, stalled_after: timedelta) -> int:
    """Queue again the pending batches of running jobs that made no progress for
    ``stalled_after``: their messages were lost (Redis restarted without its data, a queue
    purged). A worker killed mid-batch needs none of this (the broker hands its message out
    again after the visibility timeout, which ``stalled_after`` must exceed). Safe if a message
    was not lost after all: a batch is counted once (``job_batch_finish``) and done batches are
    skipped. Returns how many batches were queued again."""
    cutoff = timezone.now() - stalled_after
    queued = 0
    stalled = NlpJob.objects.filter(status=NlpJob.Status.RUNNING, updated_at__lt=cutoff)
    for job_id in stalled.values_list("pk", flat=True):
        with transaction.atomic():
            job = stalled.select_for_update(skip_locked=True).filter(pk=job_id).first()
            if job is None:
                continue
            ids = list(
                job.batches.filter(status=NlpJobBatch.Status.PENDING, updated_at__lt=cutoff)
                .order_by("index")
                .values_list("pk", flat=True)
            )
            # NOTE: the job counts as having moved, so it is not swept again before its time.
            job.save(update_fields=["updated_at"])
            NlpJobBatch.objects.filter(pk__in=ids).update(updated_at=timezone.now())
            if ids:
                logger.warning("NLP job %s: %s stalled batch(es) queued again.", job.pk, len(ids))
                transaction.on_commit(lambda ids=ids: _batches_dispatch(ids))
            queued += len(ids)
    return queued


def _batches_dispatch(ids: list[int]) -> None:
    from nlp import tasks

    for pk in ids:
        tasks.run_job_batch.delay(pk)


@transaction.atomic
def job_pause(*, job: NlpJob, user) -> NlpJob:
    locked = NlpJob.objects.select_for_update().get(pk=job.pk)
    if locked.status not in (NlpJob.Status.RUNNING, NlpJob.Status.PLANNING):
        raise ApplicationError(_("Only a running job can be paused."))
    locked.status = NlpJob.Status.PAUSED
    locked.save(update_fields=["status", "updated_at"])
    return locked


@transaction.atomic
def job_resume(*, job: NlpJob, user) -> NlpJob:
    """Queue again what is not done: paused jobs, and jobs with failed batches."""
    locked = NlpJob.objects.select_for_update().get(pk=job.pk)
    if locked.status == NlpJob.Status.CANCELLED:
        raise ApplicationError(_("A cancelled job cannot be resumed; start a new one."))
    if locked.status == NlpJob.Status.DONE and not locked.failed:
        raise ApplicationError(_("This job is already done."))
    if locked.status == NlpJob.Status.PLANNING:
        outbox_enqueue(task_name="nlp.plan_job", kwargs={"job_id": locked.pk})
        return locked
    if not locked.batches.exclude(status=NlpJobBatch.Status.DONE).exists():
        # NOTE: the last batches finished while the job was paused: nothing is left to run.
        locked.status = NlpJob.Status.DONE
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "finished_at", "updated_at"])
        return locked
    locked.status = NlpJob.Status.RUNNING
    locked.finished_at = None
    locked.save(update_fields=["status", "finished_at", "updated_at"])
    pending = locked.batches.exclude(status=NlpJobBatch.Status.DONE).order_by("index")
    for pk in pending.values_list("pk", flat=True):
        outbox_enqueue(task_name="nlp.run_job_batch", kwargs={"batch_id": pk})
    return locked


@transaction.atomic
def job_cancel(*, job: NlpJob, user) -> NlpJob:
    locked = NlpJob.objects.select_for_update().get(pk=job.pk)
    if locked.status in (NlpJob.Status.DONE, NlpJob.Status.CANCELLED):
        raise ApplicationError(_("This job has already ended."))
    locked.status = NlpJob.Status.CANCELLED
    locked.finished_at = timezone.now()
    locked.save(update_fields=["status", "finished_at", "updated_at"])
    return locked
