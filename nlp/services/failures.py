"""Tasks that failed for good: recorded (type and location only) and resolved by an admin."""

import logging
import traceback
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from nlp.models import NlpFailure, NlpJobBatch

logger = logging.getLogger(__name__)

# The repository root: locations are given relative to it.
ROOT = Path(__file__).resolve().parents[2]


def _location(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    ours = [f for f in frames if str(ROOT) in f.filename and ".venv" not in f.filename] or frames
    if not ours:
        return ""
    frame = ours[-1]
    try:
        filename = str(Path(frame.filename).resolve().relative_to(ROOT))
    except ValueError:
        filename = Path(frame.filename).name
    return f"{filename}:{frame.lineno} in {frame.name}"[:300]


def failure_record(
    *,
    task_name: str,
    exc: BaseException,
    task_id: str = "",
    testimony_id: int | None = None,
    batch_id: int | None = None,
    job_id: int | None = None,
    retries: int = 0,
) -> NlpFailure:
    """Record a task that failed for good. SECURITY: type and location only, no message."""
    if batch_id is not None and job_id is None:
        job_id = NlpJobBatch.objects.filter(pk=batch_id).values_list("job_id", flat=True).first()
    failure = NlpFailure.objects.create(
        task_name=task_name[:100],
        task_id=(task_id or "")[:64],
        testimony_id=testimony_id,
        job_id=job_id,
        batch_id=batch_id if NlpJobBatch.objects.filter(pk=batch_id).exists() else None,
        exception_type=f"{type(exc).__module__}.{type(exc).__qualname__}"[:200],
        location=_location(exc),
        retries=retries,
    )
    logger.error(
        "NLP task %s failed for good (%s at %s); see NLP failures.",
        task_name,
        failure.exception_type,
        failure.location,
    )
    return failure


@transaction.atomic
def failure_resolve(*, failure: NlpFailure, user) -> NlpFailure:
    if failure.resolved_at is None:
        failure.resolved_at = timezone.now()
        failure.resolved_by = user
        failure.save(update_fields=["resolved_at", "resolved_by"])
    return failure
