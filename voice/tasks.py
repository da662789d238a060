"""Celery tasks of the voice app: transcription runs on the ``audio`` queue (its own worker)."""

from celery import shared_task

from voice import services


# NOTE: acknowledged on receipt (not late): a recording can take longer than the broker's
# visibility timeout, and a worker killed mid-task is covered by voice.requeue_lost instead.
@shared_task(name="voice.transcribe", acks_late=False, time_limit=3600, soft_time_limit=3500)
def transcribe(recording_id: int) -> str:
    return services.recording_transcribe(recording_id=recording_id)


@shared_task(name="voice.requeue_lost")
def requeue_lost() -> int:
    return services.recording_requeue_lost()
