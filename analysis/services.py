"""Writes: export jobs. Every export reads the selection when it runs, scoped to its user."""

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from analysis import exporters, fts_sqlite, selectors
from analysis.models import ExportJob
from analysis.selectors import AnalysisFilters
from audit.models import Action
from audit.services import audit_record
from core.exceptions import ApplicationError
from core.outbox import outbox_enqueue

logger = logging.getLogger(__name__)

Dataset, Format = ExportJob.Dataset, ExportJob.Format
FORMATS = {
    Dataset.STORIES: {Format.CSV, Format.XLSX},
    Dataset.CODES: {Format.CSV, Format.XLSX},
    Dataset.APPLICATIONS: {Format.CSV, Format.XLSX},
    Dataset.CHARACTERISTICS: {Format.CSV, Format.XLSX},
    Dataset.PROJECT: {Format.QDPX},
    Dataset.QUOTES: {Format.DOCX, Format.HTML},
}
EXTENSIONS = {Format.CSV: "csv", Format.XLSX: "xlsx", Format.QDPX: "qdpx", Format.DOCX: "docx"}
EXTENSIONS[Format.HTML] = "html"
CHARACTERISTICS_PERMISSION = "analysis.export_characteristics"


def can_export_characteristics(user) -> bool:
    """SECURITY: self-identified characteristics leave the platform only with an explicit grant
    (the ``analysis.export_characteristics`` permission), whatever the user's role."""
    return user.has_perm(CHARACTERISTICS_PERMISSION)


def sync_limit() -> int:
    return int(settings.ENTENDU_EXPORT_SYNC_LIMIT)


def retention() -> timedelta:
    return timedelta(hours=int(settings.ENTENDU_EXPORT_RETENTION_HOURS))


def export_validate(*, user, dataset: str, format: str) -> None:
    if not selectors.can_analyse(user):
        raise ApplicationError(_("Only researchers and administrators can export."))
    if dataset not in FORMATS:
        raise ApplicationError(
            _("Choose what to export."), field_errors={"dataset": [_("Unknown data.")]}
        )
    if format not in FORMATS[dataset]:
        allowed = ", ".join(sorted(str(f) for f in FORMATS[dataset]))
        raise ApplicationError(
            _("This data cannot be exported in this format."),
            field_errors={"format": [_("Choose one of: %(formats)s.") % {"formats": allowed}]},
        )
    if dataset == Dataset.CHARACTERISTICS and not can_export_characteristics(user):
        raise ApplicationError(
            _("Exporting characteristics needs a grant from an administrator."),
            field_errors={"dataset": [_("You have no grant to export characteristics.")]},
        )


def export_audit(*, action: str, user, dataset: str, format: str, target=None) -> None:
    """An export made or downloaded, in the audit log: which data and format, never the
    filters (a search may quote a story)."""
    audit_record(
        action=action,
        actor=user,
        target=target,
        details={"dataset": str(dataset), "format": str(format)},
    )


def export_filename(*, dataset: str, format: str) -> str:
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return f"entendu-{dataset}-{stamp}.{EXTENSIONS[format]}"


@transaction.atomic
def export_job_create(
    *,
    user,
    dataset: str,
    format: str,
    filters: AnalysisFilters,
    language: str = "en",
    blind: bool = False,
) -> ExportJob:
    """Record an export and queue it once the transaction commits."""
    export_validate(user=user, dataset=dataset, format=format)
    export_jobs_expire(user=user)
    job = ExportJob(
        user=user,
        dataset=dataset,
        format=format,
        # NOTE: "blind": made while coding blind, so the project names no coder (as the
        # agreement pages do in that mode).
        filters={**filters.as_dict(), **({"blind": True} if blind else {})},
        language=language[:8],
        filename=export_filename(dataset=dataset, format=format),
    )
    job.full_clean()
    job.save()
    export_audit(
        action=Action.EXPORT_CREATED, user=user, target=job, dataset=dataset, format=format
    )
    # NOTE: through the outbox, so a broker outage never turns the request into an error.
    outbox_enqueue(task_name="analysis.run_export", kwargs={"job_id": str(job.pk)})
    return job


def _stories(job: ExportJob):
    return selectors.stories_for_analysis(
        user=job.user, filters=AnalysisFilters.from_dict(job.filters)
    )


def export_write(
    *,
    user,
    dataset: str,
    format: str,
    filters: AnalysisFilters,
    fh,
    progress=None,
    blind: bool = False,
) -> int:
    """Write one export to the binary file ``fh``; returns the number of stories read."""
    export_validate(user=user, dataset=dataset, format=format)
    codebook = selectors.default_codebook()
    if dataset == Dataset.QUOTES:
        applications = selectors.quotes_for_user(
            user=user, filters=filters, code_id=filters.code_id
        )
        quotes = exporters.quotes_from(applications)
        title = _("Quote sheet")
        if format == Format.DOCX:
            return exporters.write_quotes_docx(quotes, fh, title=title)
        return exporters.write_quotes_html(quotes, fh, title=title)
    stories = selectors.stories_for_analysis(user=user, filters=filters)
    if dataset == Dataset.PROJECT:
        if codebook is None:
            raise ApplicationError(_("There is no codebook to export."))
        return exporters.write_qdpx(
            stories=stories,
            codebook=codebook,
            include_characteristics=can_export_characteristics(user),
            fh=fh,
            progress=progress,
            blind=blind,
        )
    if dataset == Dataset.CODES:
        if codebook is None:
            raise ApplicationError(_("There is no codebook to export."))
        table = exporters.codes_table(codebook)
    elif dataset == Dataset.STORIES:
        table = exporters.stories_table(stories, progress)
    elif dataset == Dataset.APPLICATIONS:
        table = exporters.applications_table(stories, progress)
    else:
        table = exporters.characteristics_table(stories, progress)
    if format == Format.CSV:
        exporters.write_csv(table, fh)
    else:
        exporters.write_xlsx([table], fh)
    return 0


def export_job_run(*, job_id) -> ExportJob | None:
    """Build a job's file. Safe to run twice: a finished or running job is left alone."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != ExportJob.Status.PENDING:
            return job
        job.status = ExportJob.Status.RUNNING
        job.started_at = timezone.now()
        job.total = 0 if job.dataset == Dataset.CODES else _stories(job).count()
        job.save(update_fields=["status", "started_at", "total"])

    def progress(done: int) -> None:
        # NOTE: a plain UPDATE, so the page polling the job sees it while the file is written.
        ExportJob.objects.filter(pk=job.pk).update(processed=min(done, job.total))

    try:
        with tempfile.TemporaryFile() as fh, override(job.language):
            export_write(
                user=job.user,
                dataset=job.dataset,
                format=job.format,
                filters=AnalysisFilters.from_dict(job.filters),
                fh=fh,
                progress=progress,
                blind=bool(job.filters.get("blind")),
            )
            fh.seek(0)
            job.file.save(f"{job.pk}.{EXTENSIONS[job.format]}", File(fh), save=False)
    except ApplicationError as error:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=error.message[:300], finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    except Exception:
        logger.exception("Export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED,
            error="The export failed; please try again.",
            finished_at=timezone.now(),
        )
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE,
        file=job.file.name,
        processed=job.total,
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def export_jobs_expire(*, user=None) -> int:
    """Delete export files older than the retention period (the user's, or everyone's)."""
    old = ExportJob.objects.filter(created_at__lt=timezone.now() - retention())
    if user is not None:
        old = old.filter(user=user)
    count = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


def exports_discard_for_withdrawal(testimony_id: int) -> None:
    """SECURITY: a withdrawal removes the story from export files already built, which hold
    it in no way we can edit: every unexpired file that carries story data is deleted (after
    the withdrawal commits), and its owner builds it again without the story."""
    transaction.on_commit(lambda: _discard(ExportJob.objects.exclude(dataset=Dataset.CODES)))


def search_index_purge(testimony_id: int) -> None:
    """SECURITY: on SQLite, the erased research copy's row left the search index with it (a
    trigger), but FTS5 keeps its words in older segments until they merge: merge them now,
    inside the withdrawal's transaction, so nothing of the story stays. PostgreSQL's indexes
    are on the table itself and lose the row with it."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            fts_sqlite.sqlite_index_purge(cursor)


def exports_discard_for_narrowing(testimony_id: int, scopes: set[str]) -> None:
    """Narrowing quote consent discards built quote sheets; narrowing characteristics discards
    built characteristics and project files (which carry them as variables)."""
    datasets = set()
    if scopes & {"quote_anonymous", "quote_named"}:
        datasets.add(Dataset.QUOTES)
    if scopes & {"gender", "age_band", "ethnic_minority", "disability", "lgbtq"}:
        datasets |= {Dataset.CHARACTERISTICS, Dataset.PROJECT}
    if datasets:
        transaction.on_commit(lambda: _discard(ExportJob.objects.filter(dataset__in=datasets)))


def _discard(jobs) -> None:
    for job in jobs.exclude(file=""):
        job.file.delete(save=False)
        ExportJob.objects.filter(pk=job.pk).update(
            file="",
            status=ExportJob.Status.FAILED,
            error="Discarded after a participant changed their consent; please export again.",
        )
