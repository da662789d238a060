from celery import shared_task

from testimonies.services import follow_up_send, testimony_process_submission


@shared_task(
    name="testimonies.process_submission",
    time_limit=120,
    soft_time_limit=100,
    ignore_result=True,
)
def process_submission(testimony_id: int) -> bool:
    """Follow-up work for a new story (fed by the outbox; safe to run twice)."""
    return testimony_process_submission(testimony_id=testimony_id)


@shared_task(
    name="testimonies.send_follow_up", time_limit=60, soft_time_limit=50, ignore_result=True
)
def send_follow_up(testimony_id: int, kind: str, ref: int | None = None) -> bool:
    """One follow-up e-mail (fed by the outbox; reads the participant's choice again)."""
    return follow_up_send(testimony_id=testimony_id, kind=kind, ref=ref)
