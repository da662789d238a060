"""NLP reads, scoped to the user: researchers and admins see jobs, lexicons and classifiers;
admins alone see failures."""

from django.db.models import Count, Q, QuerySet

from accounts.roles import RESEARCH_TEAM, Role, user_has_role
from nlp.models import ClassifierVersion, LexiconEntry, NlpFailure, NlpJob


def _researcher(user) -> bool:
    return user_has_role(user, *RESEARCH_TEAM)


def job_list_for_user(*, user) -> QuerySet[NlpJob]:
    if not _researcher(user):
        return NlpJob.objects.none()
    return NlpJob.objects.select_related("created_by").order_by("-created_at", "-id")


def job_progress(*, job: NlpJob) -> dict:
    batches = job.batches.aggregate(
        pending=Count("id", filter=Q(status="pending")),
        done=Count("id", filter=Q(status="done")),
        failed=Count("id", filter=Q(status="failed")),
    )
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "filters": job.filters,
        "batch_size": job.batch_size,
        "total": job.total,
        "processed": job.processed,
        "failed": job.failed,
        "percent": job.percent,
        "batches": batches,
        "created_at": job.created_at.isoformat() if job.created_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
    }


def lexicon_entries_for_user(*, user, language: str = "", code_key: str = "") -> QuerySet:
    if not _researcher(user):
        return LexiconEntry.objects.none()
    qs = LexiconEntry.objects.select_related("created_by").order_by(
        "language", "code_key", "kind", "value"
    )
    if language:
        qs = qs.filter(language=language)
    if code_key:
        qs = qs.filter(code_key=code_key)
    return qs


def classifier_versions_for_user(*, user) -> QuerySet[ClassifierVersion]:
    if not _researcher(user):
        return ClassifierVersion.objects.none()
    return ClassifierVersion.objects.defer("model", "heldout_ids").order_by("-version")


def failures_for_user(*, user, include_resolved: bool = False) -> QuerySet[NlpFailure]:
    if not user_has_role(user, Role.ADMIN):
        return NlpFailure.objects.none()
    qs = NlpFailure.objects.select_related("job", "resolved_by").order_by("-created_at", "-id")
    if not include_resolved:
        qs = qs.filter(resolved_at__isnull=True)
    return qs
