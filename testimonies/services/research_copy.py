"""The research copy (redacted text researchers read) and a new story's follow-up work."""

from django.db import transaction
from django.utils import timezone

from testimonies import redaction
from testimonies.models import Channel, ResearchCopy, Testimony


def rules_copy_fields(testimony: Testimony) -> dict:
    """The research copy's fields as the rule-based redaction makes them (before NLP runs).

    A story imported from a QDA project keeps its text as the project held it: its codings'
    positions refer to that text (the researcher importing it attests it is research material)."""
    if testimony.channel == Channel.QDA_IMPORT:
        return {
            "redacted_title": testimony.title,
            "redacted_text": testimony.text,
            "redacted_restore_trust": testimony.restore_trust,
            "redaction_method": ResearchCopy.Method.IMPORTED,
            "redaction_version": "qdpx",
        }
    return {
        "redacted_title": redaction.redact(testimony.title),
        "redacted_text": redaction.redact(testimony.text),
        "redacted_restore_trust": redaction.redact(testimony.restore_trust),
        "redaction_method": ResearchCopy.Method.RULES,
        "redaction_version": redaction.RULES_VERSION,
    }


@transaction.atomic
def testimony_process_submission(*, testimony_id: int) -> bool:
    """Follow-up work after a story is saved: make sure a research copy exists. Idempotent."""
    testimony = Testimony.objects.select_for_update().filter(pk=testimony_id).first()
    if testimony is None or not testimony.is_active:
        return False
    if not ResearchCopy.objects.filter(testimony=testimony).exists():
        ResearchCopy.objects.update_or_create(
            testimony=testimony, defaults=rules_copy_fields(testimony)
        )
    if testimony.processed_at is None:
        testimony.processed_at = timezone.now()
        testimony.save(update_fields=["processed_at", "updated_at"])
    return True


@transaction.atomic
def research_copy_save(
    *,
    testimony_id: int,
    redacted_text: str,
    method: str,
    version: str,
    redacted_title: str | None = None,
    redacted_restore_trust: str | None = None,
    detected_language: str | None = None,
    language_confidence: float | None = None,
) -> ResearchCopy | None:
    """Write the research copy (used by the NLP pipeline). Returns None, writing nothing, when
    the story is gone or withdrawn: a withdrawal always wins over late NLP output."""
    testimony = Testimony.objects.select_for_update().filter(pk=testimony_id).first()
    if testimony is None or not testimony.is_active:
        return None
    copy = ResearchCopy.objects.filter(testimony=testimony).first() or ResearchCopy(
        testimony=testimony
    )
    # NOTE: an imported copy's text is what its codings' positions refer to; only the
    # language is updated.
    if copy.redaction_method != ResearchCopy.Method.IMPORTED:
        copy.redacted_text = redacted_text
        if redacted_title is not None:
            copy.redacted_title = redacted_title
        if redacted_restore_trust is not None:
            copy.redacted_restore_trust = redacted_restore_trust
        copy.redaction_method = method
        copy.redaction_version = version
    if detected_language is not None:
        copy.detected_language = detected_language
    if language_confidence is not None:
        copy.language_confidence = language_confidence
    copy.full_clean(exclude=["testimony"])
    copy.save()
    return copy


_BULK_FIELDS = (
    "redacted_text",
    "redacted_title",
    "redacted_restore_trust",
    "redaction_method",
    "redaction_version",
    "detected_language",
    "language_confidence",
)


def _without_pk(copy: ResearchCopy) -> ResearchCopy:
    """The copy as a row to upsert: without its id, all rows go in one INSERT (Django sends rows
    with and without ids apart); the id and ``created_at`` stay the row's."""
    fields = {name: getattr(copy, name) for name in (*_BULK_FIELDS, "created_at", "updated_at")}
    return ResearchCopy(testimony_id=copy.testimony_id, **fields)


@transaction.atomic
def research_copies_save(*, rows: dict[int, dict]) -> set[int]:
    """``research_copy_save`` for a batch (NLP writes 32 at a time): ``rows`` maps a story id to
    that function's arguments. The same rules, in three queries whatever the batch's size: the
    stories still active are locked, withdrawn ones get nothing, an imported copy keeps its text.
    Returns the ids written."""
    # NOTE: FOR NO KEY UPDATE: a withdrawal still waits, but a foreign key's check (a code or
    # reading of these stories, at its commit) does not: that wait closed deadlock cycles with
    # the roll-up writers' lock (analysis migration 0011).
    live = set(
        Testimony.objects.select_for_update(no_key=True)
        .filter(pk__in=list(rows), status=Testimony.Status.ACTIVE)
        .values_list("pk", flat=True)
    )
    existing = {c.testimony_id: c for c in ResearchCopy.objects.filter(testimony_id__in=live)}
    now = timezone.now()
    new, changed = [], []
    for pk in sorted(live):
        row = rows[pk]
        copy = existing.get(pk)
        if copy is None:
            copy = ResearchCopy(testimony_id=pk, created_at=now)
            new.append(copy)
        else:
            changed.append(copy)
        if copy.redaction_method != ResearchCopy.Method.IMPORTED:
            copy.redacted_text = row["redacted_text"]
            for field in ("redacted_title", "redacted_restore_trust"):
                if row.get(field) is not None:
                    setattr(copy, field, row[field])
            copy.redaction_method = row["method"]
            copy.redaction_version = row["version"]
        for field in ("detected_language", "language_confidence"):
            if row.get(field) is not None:
                setattr(copy, field, row[field])
        copy.updated_at = now
        copy.clean_fields(exclude=["testimony"])
    # NOTE: one upsert for new and changed copies alike: ``bulk_update`` builds a CASE per field
    # and row, which cost more than the rest of a batch's writes (docs/dev/scale.md).
    ResearchCopy.objects.bulk_create(
        [*new, *(_without_pk(copy) for copy in changed)],
        update_conflicts=True,
        unique_fields=["testimony"],
        update_fields=[*_BULK_FIELDS, "updated_at"],
    )
    return live
