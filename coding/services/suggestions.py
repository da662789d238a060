"""Machine suggestions: written one at a time or in bulk by the same rules, then reviewed.

The rules, in ``_suggestions_apply`` and nowhere else: one machine suggestion per story, code
and span; a pending one is refreshed with the new confidence, version and evidence; one a
researcher has accepted or rejected is left exactly as it is; a row a concurrent run inserted
first stands. A bulk write also removes the story's stale pending document-level suggestions
(those the new run no longer makes).
"""

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coding.models import Code, CodeApplication
from coding.services.applications import (
    application_create,
    check_codable,
    research_text,
    validate_span,
)
from coding.services.common import full_clean
from core.exceptions import ApplicationError

MACHINE = CodeApplication.Source.MACHINE
SUGGESTED = CodeApplication.Status.SUGGESTED
# Where an accepted suggestion applies: the passage it rests on, or the whole story.
SCOPE_PASSAGE = "passage"
SCOPE_STORY = "story"
SCOPES = (SCOPE_PASSAGE, SCOPE_STORY)


def _enabled() -> bool:
    return bool(getattr(settings, "CODING_SUGGESTIONS_ENABLED", True))


def suggestion_passage(suggestion: CodeApplication) -> tuple[int, int] | None:
    """The passage a suggestion rests on: its own span, else its evidence; None for neither."""
    if suggestion.start is not None:
        return suggestion.start, suggestion.end
    if suggestion.evidence_start is not None and suggestion.evidence_end is not None:
        return suggestion.evidence_start, suggestion.evidence_end
    return None


def suggestion_default_scope(suggestion: CodeApplication) -> str:
    """The passage by default where there is one, else the whole story."""
    return SCOPE_PASSAGE if suggestion_passage(suggestion) is not None else SCOPE_STORY


# A suggestion's key and values, in the order of the rows ``_suggestions_insert`` takes.
KEY_COLUMNS = (
    ("testimony_id", "bigint"),
    ("code_id", "bigint"),
    ("start", "integer"),
    ("end", "integer"),
)
VALUE_COLUMNS = (
    ("confidence", "double precision"),
    ("model_version", "varchar"),
    ("evidence_start", "integer"),
    ("evidence_end", "integer"),
)
SUGGESTION_COLUMNS = KEY_COLUMNS + VALUE_COLUMNS
VALUE_FIELDS = tuple(name for name, _type in VALUE_COLUMNS)

# (testimony_id, code_id, start, end) -> (confidence, model_version, evidence_start, evidence_end)
Wanted = dict[tuple, tuple]


def _suggestions_apply(*, existing, wanted: Wanted, prune: bool) -> set[tuple]:
    """Bring the machine suggestions in ``existing`` (a queryset) to ``wanted``.

    Returns the keys this call inserted. With ``prune``, pending rows of ``existing`` that are
    not wanted any more are deleted.
    """
    current = {
        (testimony_id, code_id, start, end): (pk, status, tuple(values))
        for pk, testimony_id, code_id, start, end, status, *values in existing.values_list(
            "id", "testimony_id", "code_id", "start", "end", "status", *VALUE_FIELDS
        )
    }
    to_create, to_update = [], []
    for key, values in wanted.items():
        row = current.get(key)
        if row is None:
            to_create.append((*key, *values))
        elif row[1] == SUGGESTED and row[2] != tuple(values):
            to_update.append((row[0], dict(zip(VALUE_FIELDS, values, strict=True))))
    if prune:
        stale = [
            pk
            for key, (pk, status, _values) in current.items()
            if key not in wanted and status == SUGGESTED
        ]
        if stale:
            CodeApplication.objects.filter(pk__in=stale).delete()
    # NOTE: one small UPDATE per changed row: ``bulk_update`` builds a CASE per field and row,
    # which costs more than spaCy itself for a batch. Unchanged rows are not written at all.
    now = timezone.now()
    for pk, values in to_update:
        CodeApplication.objects.filter(pk=pk).update(updated_at=now, **values)
    return _suggestions_insert(rows=to_create, now=now) if to_create else set()


def _suggestions_insert(*, rows: list[tuple], now) -> set[tuple]:
    """Insert new pending machine suggestions; rows a concurrent run inserted first stand.

    Returns the keys actually inserted. NOTE: on PostgreSQL, one ``INSERT … SELECT FROM
    unnest(…)`` with a column array each: a third of the time of ``bulk_create``, which builds
    and prepares a model per row (measured with bench/nlp_throughput.py). Constraints and
    triggers apply as for any insert.
    """
    if connection.vendor != "postgresql":
        CodeApplication.objects.bulk_create(
            [
                CodeApplication(
                    source=MACHINE,
                    status=SUGGESTED,
                    **dict(zip((name for name, _type in SUGGESTION_COLUMNS), row, strict=True)),
                )
                for row in rows
            ],
            ignore_conflicts=True,
        )
        # NOTE: SQLite serializes writers: within the caller's transaction no row it did not
        # see can appear before this insert, so every row was inserted.
        return {row[: len(KEY_COLUMNS)] for row in rows}
    meta = CodeApplication._meta
    constants = {"source": MACHINE.value, "status": SUGGESTED.value, "comment": ""}
    constants |= {"created_at": now, "updated_at": now}
    names = [name.removesuffix("_id") for name, _type in SUGGESTION_COLUMNS] + list(constants)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(n).column) for n in names)
    key_columns = ", ".join(
        quote(meta.get_field(name.removesuffix("_id")).column) for name, _type in KEY_COLUMNS
    )
    arrays = ", ".join(f"%s::{sql_type}[]" for _name, sql_type in SUGGESTION_COLUMNS)
    placeholders = ", ".join(["%s"] * len(constants))
    # NOTE: only the model's own table and column names are interpolated; values are parameters.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608
        f"SELECT *, {placeholders} FROM unnest({arrays}) ON CONFLICT DO NOTHING "
        f"RETURNING {key_columns}"
    )
    arrays_params = [list(column) for column in zip(*rows, strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*constants.values(), *arrays_params])
        return {tuple(row) for row in cursor.fetchall()}


@transaction.atomic
def suggestions_bulk_write(*, suggestions: dict[int, list[tuple]], versions: dict[int, str]) -> int:
    """Replace the document-level machine suggestions of many stories in a few queries.

    ``suggestions`` maps each story id to its ``(code_id, confidence, evidence_start,
    evidence_end)`` rows (an empty list clears its pending ones); ``versions`` gives each
    story's model version. The codes are the caller's to choose (codable codes); confidences
    are clamped to [0, 1] and versions cut to 64 characters. Returns the suggestions kept.
    NOTE: a job writes thousands: a round trip per suggestion would cost more than spaCy.
    With ``CODING_SUGGESTIONS_ENABLED`` off, nothing is written and 0 is returned.
    """
    if not _enabled():
        return 0
    wanted: Wanted = {}
    for testimony_id, rows in suggestions.items():
        version = versions[testimony_id][:64]
        for code_id, confidence, evidence_start, evidence_end in rows:
            confidence = min(1.0, max(0.0, float(confidence)))
            values = (confidence, version, evidence_start, evidence_end)
            wanted.setdefault((testimony_id, code_id, None, None), values)
    existing = CodeApplication.objects.filter(
        testimony_id__in=list(suggestions), source=MACHINE, start__isnull=True
    )
    _suggestions_apply(existing=existing, wanted=wanted, prune=True)
    return len(wanted)


@transaction.atomic
def suggestion_record(
    *,
    testimony,
    code: Code,
    confidence: float,
    model_version: str,
    start: int | None = None,
    end: int | None = None,
    evidence_start: int | None = None,
    evidence_end: int | None = None,
) -> tuple[CodeApplication, bool]:
    """Record one machine suggestion, validated; safe to call twice (created=False then).

    A pending suggestion is refreshed with the new confidence, version and evidence; one a
    researcher has already accepted or rejected is left exactly as it is. With
    ``CODING_SUGGESTIONS_ENABLED`` off, an ApplicationError and nothing written.
    """
    if not _enabled():
        raise ApplicationError(_("Machine suggestions are turned off on this instance."))
    check_codable(code)
    text = research_text(testimony)
    validate_span(text=text, start=start, end=end)
    validate_span(text=text, start=evidence_start, end=evidence_end)
    values = (confidence, model_version, evidence_start, evidence_end)
    candidate = CodeApplication(
        testimony=testimony,
        code=code,
        source=MACHINE,
        status=SUGGESTED,
        start=start,
        end=end,
        **dict(zip(VALUE_FIELDS, values, strict=True)),
    )
    full_clean(candidate, exclude=["testimony", "code", "coder", "suggestion"])
    key = {"testimony": testimony, "code": code, "source": MACHINE}
    key.update({"start__isnull": True} if start is None else {"start": start, "end": end})
    existing = CodeApplication.objects.select_for_update().filter(**key)
    inserted = _suggestions_apply(
        existing=existing, wanted={(testimony.pk, code.pk, start, end): values}, prune=False
    )
    return CodeApplication.objects.get(**key), bool(inserted)


def _pending(suggestion: CodeApplication) -> CodeApplication:
    locked = CodeApplication.objects.select_for_update().get(pk=suggestion.pk)
    if locked.source != MACHINE:
        raise ApplicationError(_("This is not a machine suggestion."))
    if locked.status != SUGGESTED:
        raise ApplicationError(_("This suggestion has already been reviewed."))
    return locked


@transaction.atomic
def suggestion_accept(
    *, suggestion: CodeApplication, user, comment: str = "", scope: str | None = None
) -> CodeApplication:
    """The researcher adopts a suggestion: it becomes their own application.

    ``scope``: ``passage`` applies the code to the passage the suggestion rests on (its span,
    else its evidence), ``story`` to the whole story; by default the passage where there is
    one. Accepting a code the researcher has already applied there returns that application.
    """
    if scope not in (None, *SCOPES):
        raise ApplicationError(
            _("Choose the passage or the whole story."),
            field_errors={"scope": [_("Choose the passage or the whole story.")]},
        )
    locked = _pending(suggestion)
    passage = suggestion_passage(locked)
    scope = scope or suggestion_default_scope(locked)
    if scope == SCOPE_PASSAGE and passage is None:
        raise ApplicationError(
            _("This suggestion rests on no passage: accept it for the whole story."),
            field_errors={"scope": [_("This suggestion rests on no passage.")]},
        )
    start, end = passage if scope == SCOPE_PASSAGE else (None, None)
    locked.status = CodeApplication.Status.ACCEPTED
    locked.reviewed_by = user
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    mine = CodeApplication.objects.filter(
        testimony_id=locked.testimony_id,
        code_id=locked.code_id,
        coder=user,
        source=CodeApplication.Source.HUMAN,
    )
    mine = mine.filter(start__isnull=True) if start is None else mine.filter(start=start, end=end)
    existing = mine.first()
    if existing is not None:
        return existing
    return application_create(
        testimony=locked.testimony,
        code=locked.code,
        coder=user,
        start=start,
        end=end,
        comment=comment,
        suggestion=locked,
    )


@transaction.atomic
def suggestion_reject(*, suggestion: CodeApplication, user) -> CodeApplication:
    """The researcher rejects a suggestion; the row stays, marked rejected, for learning."""
    locked = _pending(suggestion)
    locked.status = CodeApplication.Status.REJECTED
    locked.reviewed_by = user
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    return locked
