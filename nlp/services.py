"""NLP writes: analysis of stories, theme suggestions, lexicon edits, bulk jobs, failures.

Heavy work (spaCy) happens outside transactions; each batch's writes happen in one transaction
that first re-locks the stories still active, so a withdrawal that commits meanwhile always wins.
"""

import functools
import json
import logging
import time
import traceback
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coding.models import Code, CodeApplication
from core.exceptions import ApplicationError
from nlp import classifier as textcat
from nlp.language import language_detect
from nlp.lexicon import (
    LexiconMatcher,
    lexicon_file_entries,
    pattern_validate,
    shipped_languages,
)
from nlp.models import (
    JOB_BATCH_SIZE,
    JOB_MAX_BATCH_SIZE,
    ClassifierVersion,
    LexiconEntry,
    LexiconRevision,
    NlpFailure,
    NlpJob,
    NlpJobBatch,
    StoryAnalysis,
)
from nlp.pipelines import (
    LEMMA_COMPONENTS,
    NER_COMPONENTS,
    PIPE_BATCH_SIZE,
    SUPPORTED_LANGUAGES,
    base_language,
    disabled_except,
    has_model,
    pipeline_for,
    pipeline_version,
)
from nlp.redaction import RULES_VERSION, redact
from testimonies.models import ResearchCopy, Testimony

logger = logging.getLogger(__name__)

LEXICON_SOURCE = "lexicon"

# -- codes ---------------------------------------------------------------------------------------


def default_codes() -> dict[str, Code]:
    """Codable codes of the default codebook, by key."""
    return {
        code.key: code
        for code in Code.objects.filter(codebook__is_default=True, is_codable=True).only(
            "id", "key", "codebook_id", "is_codable"
        )
    }


# -- lexicons ------------------------------------------------------------------------------------

_matchers: dict[str, tuple[int, LexiconMatcher]] = {}


def lexicon_revision(language: str) -> int:
    row = LexiconRevision.objects.filter(language=language).values_list("revision", flat=True)
    return row.first() or 0


def _bump_revision(language: str) -> None:
    updated = LexiconRevision.objects.filter(language=language).update(revision=F("revision") + 1)
    if not updated:
        LexiconRevision.objects.get_or_create(language=language, defaults={"revision": 1})
    if ClassifierVersion.objects.filter(is_active=True).exists():
        from nlp import tasks

        # The classifier is used only while it beats the lexicon: compare them again.
        transaction.on_commit(lambda: tasks.recheck_classifier.delay())


def lexicon_entries(language: str) -> dict[str, dict[str, list]]:
    """The active entries of a language, as the matcher takes them."""
    out: dict[str, dict[str, list]] = {}
    rows = LexiconEntry.objects.filter(language=language, is_active=True).values_list(
        "code_key", "kind", "value"
    )
    for code_key, kind, value in rows:
        spec = out.setdefault(code_key, {"terms": [], "patterns": []})
        if kind == LexiconEntry.Kind.PATTERN:
            spec["patterns"].append(json.loads(value))
        else:
            spec["terms"].append(value)
    return out


def lexicon_matcher(language: str) -> LexiconMatcher:
    """The process-wide matcher of a language, rebuilt when its lexicon revision changes."""
    lang = base_language(language)
    revision = lexicon_revision(lang)
    cached = _matchers.get(lang)
    if cached is not None and cached[0] == revision:
        return cached[1]
    matcher = LexiconMatcher(pipeline_for(lang), lang, lexicon_entries(lang))
    _matchers[lang] = (revision, matcher)
    return matcher


def lexicon_version(language: str) -> str:
    lang = base_language(language)
    return f"{LEXICON_SOURCE}-{lang}-r{lexicon_revision(lang)}"


@transaction.atomic
def lexicon_seed(*, languages: Iterable[str] | None = None) -> int:
    """Load the shipped lexicon files; entries already there (edited or not) are kept."""
    created = 0
    for lang in languages or shipped_languages():
        rows = []
        for code_key, spec in lexicon_file_entries(lang).items():
            for term in spec["terms"]:
                rows.append(
                    LexiconEntry(
                        language=lang,
                        code_key=code_key,
                        kind=LexiconEntry.Kind.TERM,
                        value=term.strip(),
                        source=LexiconEntry.Source.SEED,
                    )
                )
            for pattern in spec["patterns"]:
                rows.append(
                    LexiconEntry(
                        language=lang,
                        code_key=code_key,
                        kind=LexiconEntry.Kind.PATTERN,
                        value=json.dumps(pattern, ensure_ascii=False, sort_keys=True),
                        source=LexiconEntry.Source.SEED,
                    )
                )
        before = LexiconEntry.objects.filter(language=lang).count()
        LexiconEntry.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        added = LexiconEntry.objects.filter(language=lang).count() - before
        if added:
            _bump_revision(lang)
        created += added
    return created


@functools.cache
def shipped_code_keys() -> frozenset[str]:
    keys: set[str] = set()
    for lang in shipped_languages():
        keys.update(lexicon_file_entries(lang))
    return frozenset(keys)


def _lexicon_code_keys() -> set[str]:
    return set(default_codes()) | shipped_code_keys()


def _clean_entry(*, language: str, code_key: str, kind: str, value: str) -> str:
    errors: dict[str, list[str]] = {}
    if language not in SUPPORTED_LANGUAGES:
        errors["language"] = [_("Choose one of the supported languages.")]
    if code_key not in _lexicon_code_keys():
        errors["code_key"] = [_("Choose a code of the default codebook.")]
    if kind not in LexiconEntry.Kind.values:
        errors["kind"] = [_("Choose a term or a pattern.")]
    value = (value or "").strip()
    if not value:
        errors["value"] = [_("Enter a term.")]
    elif len(value) > 500:
        errors["value"] = [_("A term has at most 500 characters.")]
    elif kind == LexiconEntry.Kind.PATTERN and "language" not in errors:
        try:
            pattern = json.loads(value)
            pattern_validate(pipeline_for(language), pattern)
            value = json.dumps(pattern, ensure_ascii=False, sort_keys=True)
        except (ValueError, TypeError) as exc:
            errors["value"] = [_("This is not a valid token pattern: %(error)s") % {"error": exc}]
    if errors:
        raise ApplicationError(_("The lexicon entry was not saved."), field_errors=errors)
    return value


@transaction.atomic
def lexicon_entry_create(
    *, language: str, code_key: str, value: str, user, kind: str = LexiconEntry.Kind.TERM
) -> LexiconEntry:
    value = _clean_entry(language=language, code_key=code_key, kind=kind, value=value)
    entry = LexiconEntry(
        language=language,
        code_key=code_key,
        kind=kind,
        value=value,
        source=LexiconEntry.Source.RESEARCHER,
        created_by=user,
    )
    entry.full_clean(exclude=["created_by"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as exc:
        raise ApplicationError(
            _("The lexicon entry was not saved."),
            field_errors={"value": [_("This term is already in the lexicon for this code.")]},
        ) from exc
    _bump_revision(language)
    return entry


@transaction.atomic
def lexicon_entry_update(*, entry: LexiconEntry, user, is_active: bool) -> LexiconEntry:
    locked = LexiconEntry.objects.select_for_update().get(pk=entry.pk)
    if locked.is_active != is_active:
        locked.is_active = is_active
        locked.save(update_fields=["is_active", "updated_at"])
        _bump_revision(locked.language)
    return locked


@transaction.atomic
def lexicon_entry_delete(*, entry: LexiconEntry, user) -> None:
    language = entry.language
    deleted, _rows = LexiconEntry.objects.filter(pk=entry.pk).delete()
    if deleted:
        _bump_revision(language)


# -- analysis: language, redaction, research copy -------------------------------------------------


def _active(ids: Iterable[int]):
    return Testimony.objects.filter(
        pk__in=list(ids), status=Testimony.Status.ACTIVE, scope_research=True
    )


def _lock_active(ids: Iterable[int]) -> set[int]:
    """Inside a transaction: lock the stories still active; a withdrawal waits for us, or won."""
    return set(_active(ids).select_for_update().values_list("pk", flat=True))


def testimonies_analyse(*, testimony_ids: list[int]) -> int:
    """Detect the language, redact the story into its research copy, then suggest themes.

    SECURITY: reads the original text; runs only on workers, never on the request path.
    """
    from testimonies.services import research_copy_save

    stories = list(
        _active(testimony_ids).only("id", "text", "title", "restore_trust", "declared_language")
    )
    if not stories:
        return 0
    languages = {s.pk: language_detect(text=s.text, declared=s.declared_language) for s in stories}
    by_language: dict[str, list[Testimony]] = defaultdict(list)
    for story in stories:
        by_language[base_language(languages[story.pk].code)].append(story)

    results = {}
    for lang, group in by_language.items():
        nlp = pipeline_for(lang)
        model = has_model(nlp)
        texts = [t for s in group for t in (s.text, s.title, s.restore_trust)]
        if model:
            docs = list(
                nlp.pipe(
                    texts,
                    disable=disabled_except(nlp, NER_COMPONENTS),
                    batch_size=PIPE_BATCH_SIZE,
                )
            )
        else:
            docs = [None] * len(texts)
        version = (
            f"{nlp.meta.get('name', 'blank')}-{nlp.meta.get('version', '')}+{RULES_VERSION}"[:32]
            if model
            else f"nlp-{RULES_VERSION}"
        )
        for i, story in enumerate(group):
            body, title, restore = (
                redact(t, doc=d, language=lang)
                for t, d in zip(texts[3 * i : 3 * i + 3], docs[3 * i : 3 * i + 3], strict=True)
            )
            results[story.pk] = (body, title, restore, model, version, pipeline_version(nlp))

    now = timezone.now()
    with transaction.atomic():
        for pk in sorted(_lock_active(results)):
            body, title, restore, model, version, pipeline = results[pk]
            found = languages[pk]
            research_copy_save(
                testimony_id=pk,
                redacted_text=body.text,
                redacted_title=title.text,
                redacted_restore_trust=restore.text,
                method=ResearchCopy.Method.SPACY if model else ResearchCopy.Method.RULES,
                version=version,
                detected_language=found.code,
                language_confidence=found.confidence if found.method else None,
            )
            StoryAnalysis.objects.update_or_create(
                testimony_id=pk,
                defaults={
                    "language": found.code,
                    "language_confidence": found.confidence if found.method else None,
                    "language_method": found.method,
                    "redaction_counts": body.counts(),
                    "offset_map": body.offset_map(),
                    "pipeline_version": pipeline,
                    "analysed_at": now,
                },
            )
    testimonies_tag(testimony_ids=list(results))
    return len(results)


# -- theme suggestions ---------------------------------------------------------------------------


def _merge_classifier(lexicon_suggestions, cats: dict[str, float] | None, labels: list[str]):
    """Classifier scores decide the codes it knows; the lexicon gives their evidence spans."""
    by_code = {s.code_key: s for s in lexicon_suggestions}
    if cats is None:
        return [
            (s.code_key, s.confidence, s.evidence_start, s.evidence_end) for s in by_code.values()
        ]
    out = []
    for code, s in by_code.items():
        if code not in labels:
            out.append((code, s.confidence, s.evidence_start, s.evidence_end))
    for label in labels:
        score = float(cats.get(label, 0.0))
        if score >= textcat.THRESHOLD:
            s = by_code.get(label)
            start, end = (s.evidence_start, s.evidence_end) if s else (None, None)
            out.append((label, round(score, 4), start, end))
    return out


def testimonies_tag(*, testimony_ids: list[int]) -> int:
    """Suggest themes for each story's research copy (document level, with evidence spans).

    Safe to run twice: machine suggestions are unique per story and code; pending ones are
    refreshed, reviewed ones (accepted or rejected) are left as they are, stale pending ones
    are removed.
    """
    copies = list(
        ResearchCopy.objects.filter(
            testimony_id__in=list(testimony_ids),
            testimony__status=Testimony.Status.ACTIVE,
            testimony__scope_research=True,
        )
        .select_related("testimony")
        .only("testimony_id", "redacted_text", "detected_language", "testimony__declared_language")
    )
    if not copies:
        return 0
    active = textcat.active_classifier()
    by_language: dict[str, list[ResearchCopy]] = defaultdict(list)
    for copy in copies:
        lang = base_language(copy.detected_language or copy.testimony.declared_language)
        by_language[lang].append(copy)

    desired: dict[int, list[tuple]] = {}
    versions: dict[int, str] = {}
    for lang, group in by_language.items():
        matcher = lexicon_matcher(lang)
        nlp = matcher.nlp
        texts = [c.redacted_text for c in group]
        docs = nlp.pipe(
            texts, disable=disabled_except(nlp, LEMMA_COMPONENTS), batch_size=PIPE_BATCH_SIZE
        )
        cats_list = active.predict(texts) if active else [None] * len(group)
        version = active.model_version if active else lexicon_version(lang)
        for copy, doc, cats in zip(group, docs, cats_list, strict=True):
            labels = active.labels if active else []
            desired[copy.testimony_id] = _merge_classifier(matcher.suggest(doc), cats, labels)
            versions[copy.testimony_id] = version
    return suggestions_write(desired=desired, versions=versions)


@transaction.atomic
def suggestions_write(*, desired: dict[int, list[tuple]], versions: dict[int, str]) -> int:
    """Write a batch of machine suggestions in a few queries.

    NOTE: the same rules as ``coding.services.suggestion_record`` (one machine suggestion per
    story and code, refreshed while pending, kept once reviewed), in bulk: a job writes
    thousands, and a round trip per suggestion would cost more than spaCy itself.
    """
    live = _lock_active(desired)
    codes = default_codes()
    fields = ("confidence", "model_version", "evidence_start", "evidence_end")
    existing = {
        (testimony_id, code_id): (pk, status, values)
        for pk, testimony_id, code_id, status, *values in CodeApplication.objects.filter(
            testimony_id__in=live,
            source=CodeApplication.Source.MACHINE,
            start__isnull=True,
        ).values_list("id", "testimony_id", "code_id", "status", *fields)
    }
    to_create, to_update, keep = [], [], set()
    for testimony_id in live:
        version = versions[testimony_id][:64]
        for code_key, confidence, ev_start, ev_end in desired[testimony_id]:
            code = codes.get(code_key)
            if code is None:
                continue
            key = (testimony_id, code.pk)
            keep.add(key)
            values = [min(1.0, max(0.0, float(confidence))), version, ev_start, ev_end]
            row = existing.get(key)
            if row is None:
                to_create.append((testimony_id, code.pk, *values))
            elif row[1] == CodeApplication.Status.SUGGESTED and row[2] != values:
                to_update.append((row[0], dict(zip(fields, values, strict=True))))
    stale = [
        pk
        for key, (pk, status, _values) in existing.items()
        if key not in keep and status == CodeApplication.Status.SUGGESTED
    ]
    if stale:
        CodeApplication.objects.filter(pk__in=stale).delete()
    # NOTE: one small UPDATE per changed row: ``bulk_update`` builds a CASE per field and row,
    # which costs more than spaCy itself for a batch. Unchanged rows are not written at all.
    now = timezone.now()
    for pk, values in to_update:
        CodeApplication.objects.filter(pk=pk).update(updated_at=now, **values)
    if to_create:
        _suggestions_insert(rows=to_create, now=now)
    counts = defaultdict(int)
    for testimony_id, _code in keep:
        counts[testimony_id] += 1
    StoryAnalysis.objects.bulk_create(
        [
            StoryAnalysis(
                testimony_id=pk,
                themes_version=versions[pk][:64],
                suggestions=counts[pk],
                tagged_at=now,
            )
            for pk in live
        ],
        update_conflicts=True,
        unique_fields=["testimony"],
        update_fields=["themes_version", "suggestions", "tagged_at"],
    )
    return len(live)


# Columns of a new machine suggestion, in the order of the rows ``_suggestions_insert`` takes.
SUGGESTION_COLUMNS = (
    ("testimony_id", "bigint"),
    ("code_id", "bigint"),
    ("confidence", "double precision"),
    ("model_version", "varchar"),
    ("evidence_start", "integer"),
    ("evidence_end", "integer"),
)


def _suggestions_insert(*, rows: list[tuple], now) -> None:
    """Insert new pending machine suggestions; rows a concurrent run inserted first stand.

    NOTE: on PostgreSQL, one ``INSERT … SELECT FROM unnest(…)`` with a column array each: a
    third of the time of ``bulk_create``, which builds and prepares a model per row (measured
    with bench/nlp_throughput.py). Constraints and triggers apply as for any insert.
    """
    if connection.vendor != "postgresql":
        CodeApplication.objects.bulk_create(
            [
                CodeApplication(
                    source=CodeApplication.Source.MACHINE,
                    status=CodeApplication.Status.SUGGESTED,
                    **dict(zip((name for name, _type in SUGGESTION_COLUMNS), row, strict=True)),
                )
                for row in rows
            ],
            ignore_conflicts=True,
        )
        return
    meta = CodeApplication._meta
    constants = {
        "source": CodeApplication.Source.MACHINE.value,
        "status": CodeApplication.Status.SUGGESTED.value,
        "comment": "",
        "created_at": now,
        "updated_at": now,
    }
    names = [name.removesuffix("_id") for name, _type in SUGGESTION_COLUMNS] + list(constants)
    columns = ", ".join(connection.ops.quote_name(meta.get_field(n).column) for n in names)
    arrays = ", ".join(f"%s::{sql_type}[]" for _name, sql_type in SUGGESTION_COLUMNS)
    placeholders = ", ".join(["%s"] * len(constants))
    # NOTE: only the model's own table and column names are interpolated; values are parameters.
    sql = (
        f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) "  # noqa: S608
        f"SELECT *, {placeholders} FROM unnest({arrays}) ON CONFLICT DO NOTHING"
    )
    arrays_params = [list(column) for column in zip(*rows, strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*constants.values(), *arrays_params])


# -- bulk jobs -----------------------------------------------------------------------------------

JOB_FILTERS = ("event", "language", "submitted_from", "submitted_to", "untagged_only")


def _clean_filters(filters: dict) -> dict:
    errors: dict[str, list[str]] = {}
    clean: dict = {}
    unknown = set(filters) - set(JOB_FILTERS)
    if unknown:
        errors["filters"] = [_("Unknown filter: %(names)s") % {"names": ", ".join(sorted(unknown))}]
    event = filters.get("event")
    if event not in (None, ""):
        try:
            clean["event"] = int(event)
        except (TypeError, ValueError):
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


def job_stories(*, job: NlpJob):
    """The stories a job covers, by ascending id (a retag needs a research copy)."""
    qs = Testimony.objects.filter(status=Testimony.Status.ACTIVE, scope_research=True)
    if job.kind == NlpJob.Kind.RETAG:
        qs = qs.filter(research_copy__isnull=False)
    f = job.filters
    if "event" in f:
        qs = qs.filter(event_id=f["event"])
    if "language" in f:
        lang = f["language"]
        qs = qs.filter(
            Q(research_copy__detected_language__istartswith=lang)
            | (
                (Q(research_copy__isnull=True) | Q(research_copy__detected_language=""))
                & Q(declared_language__istartswith=lang)
            )
        )
    if "submitted_from" in f:
        qs = qs.filter(submitted_at__date__gte=f["submitted_from"])
    if "submitted_to" in f:
        qs = qs.filter(submitted_at__date__lte=f["submitted_to"])
    if f.get("untagged_only"):
        qs = qs.filter(Q(nlp_analysis__isnull=True) | Q(nlp_analysis__tagged_at__isnull=True))
    return qs.order_by("pk")


@transaction.atomic
def job_create(*, kind: str, filters: dict, user, batch_size: int = JOB_BATCH_SIZE) -> NlpJob:
    if kind not in NlpJob.Kind.values:
        raise ApplicationError(
            _("The job was not started."), field_errors={"kind": [_("Choose a kind of job.")]}
        )
    try:
        batch_size = int(batch_size)
    except (TypeError, ValueError):
        batch_size = 0
    if not 1 <= batch_size <= JOB_MAX_BATCH_SIZE:
        raise ApplicationError(
            _("The job was not started."),
            field_errors={"batch_size": [_("A batch holds between 1 and 1000 stories.")]},
        )
    job = NlpJob(kind=kind, filters=_clean_filters(filters or {}), batch_size=batch_size)
    job.created_by = user
    job.full_clean(exclude=["created_by"])
    job.save()
    from nlp import tasks

    transaction.on_commit(lambda: tasks.plan_job.delay(job.pk))
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
        testimonies_analyse(testimony_ids=ids)
    else:
        testimonies_tag(testimony_ids=ids)
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
        from nlp import tasks

        transaction.on_commit(lambda: tasks.plan_job.delay(locked.pk))
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
    transaction.on_commit(lambda: job_dispatch(job_id=locked.pk))
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


# -- failures ------------------------------------------------------------------------------------


def _location(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    root = Path(__file__).resolve().parent.parent
    ours = [f for f in frames if str(root) in f.filename and ".venv" not in f.filename] or frames
    if not ours:
        return ""
    frame = ours[-1]
    try:
        filename = str(Path(frame.filename).resolve().relative_to(root))
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


# -- erasure -------------------------------------------------------------------------------------


def erase_for_testimony(testimony_id: int) -> None:
    """Full withdrawal: the analysis and the failure records of a story go with it.

    (Suggestions are code applications: the coding app's eraser deletes them.)
    """
    StoryAnalysis.objects.filter(testimony_id=testimony_id).delete()
    NlpFailure.objects.filter(testimony_id=testimony_id).delete()


def classifier_train(*, user=None) -> ClassifierVersion:
    return textcat.classifier_train(user=user)


@transaction.atomic
def classifier_request(*, user) -> None:
    from nlp import tasks

    transaction.on_commit(lambda: tasks.train_classifier.delay(user.pk if user else None))


@transaction.atomic
def testimony_analyse_request(*, testimony_id: int) -> None:
    from nlp import tasks

    transaction.on_commit(lambda: tasks.process_testimony.delay(testimony_id))
