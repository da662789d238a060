from celery import shared_task

from testimonies.services import testimony_process_submission


@shared_task(
    name="testimonies.process_submission",
    time_limit=120,
    soft_time_limit=100,
    ignore_result=True,
)
def process_submission(testimony_id: int) -> bool:
    """Follow-up work for a new story (fed by the outbox; safe to run twice)."""
    return testimony_process_submission(testimony_id=testimony_id)
