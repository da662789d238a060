from celery import shared_task
from django.db import OperationalError

from analysis import services


@shared_task(
    name="analysis.run_export",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=25 * 60,
    time_limit=30 * 60,
    acks_late=True,
)
def run_export(job_id: str) -> str | None:
    """Build one export file. Thin: the service guards on state, so a second run does nothing."""
    job = services.export_job_run(job_id=job_id)
    return job.status if job else None


@shared_task(name="analysis.expire_exports", time_limit=10 * 60)
def expire_exports() -> int:
    """Delete export files past their retention period (schedule it, e.g. hourly)."""
    return services.export_jobs_expire()
