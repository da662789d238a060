"""NLP reads. Scoped to the user: researchers and admins see jobs, lexicons and classifiers;
admins alone see failures. Unscoped, for the services and workers: the lexicons as the matcher
takes them, and the stories a bulk job covers."""

import functools
import json

from django.db.models import Count, Q, QuerySet

from accounts.roles import RESEARCH_TEAM, Role, user_has_role
from nlp.lexicon import LexiconMatcher, lexicon_file_entries, shipped_languages
from nlp.models import ClassifierVersion, LexiconEntry, LexiconRevision, NlpFailure, NlpJob
from nlp.pipelines import base_language, pipeline_for
from testimonies.models import Testimony

LEXICON_SOURCE = "lexicon"


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


def lexicon_counts_for_user(*, user, language: str = "", code_key: str = "") -> dict[str, int]:
    """Code -> how many entries it has (with the same filters as ``lexicon_entries_for_user``),
    so that a page of the list can give each code's whole count."""
    rows = lexicon_entries_for_user(user=user, language=language, code_key=code_key)
    return dict(rows.order_by().values_list("code_key").annotate(n=Count("id")))


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


# Lexicons ------------------------------------------------------------------------------------

_matchers: dict[str, tuple[int, LexiconMatcher]] = {}


def lexicon_revision(language: str) -> int:
    row = LexiconRevision.objects.filter(language=language).values_list("revision", flat=True)
    return row.first() or 0


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
    return _matcher_at(lang, lexicon_revision(lang))


def lexicon_matcher_versioned(language: str) -> tuple[LexiconMatcher, str]:
    """``lexicon_matcher`` and ``lexicon_version`` of a language from one read of its revision
    (a batch's tagging: one query a language, not two, nor one a story)."""
    lang = base_language(language)
    revision = lexicon_revision(lang)
    return _matcher_at(lang, revision), _version(lang, revision)


def _matcher_at(lang: str, revision: int) -> LexiconMatcher:
    cached = _matchers.get(lang)
    if cached is not None and cached[0] == revision:
        return cached[1]
    matcher = LexiconMatcher(pipeline_for(lang), lang, lexicon_entries(lang))
    _matchers[lang] = (revision, matcher)
    return matcher


def lexicon_version(language: str) -> str:
    lang = base_language(language)
    return _version(lang, lexicon_revision(lang))


def _version(lang: str, revision: int) -> str:
    return f"{LEXICON_SOURCE}-{lang}-r{revision}"


@functools.cache
def shipped_code_keys() -> frozenset[str]:
    keys: set[str] = set()
    for lang in shipped_languages():
        keys.update(lexicon_file_entries(lang))
    return frozenset(keys)


# Bulk jobs -----------------------------------------------------------------------------------


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


def similar_stories(*, user, testimony_id: int, limit: int = 5) -> list[tuple[int, float]]:
    """The stories whose research copies read most like this one, in any language, among those
    the user may read: ``[(testimony id, cosine), ...]``, best first. Empty for anyone outside the
    research team, for a story without a vector, or when embeddings are off.

    NOTE: brute force over the stored vectors, in chunks, newest first, bounded by
    ``NLP_SIMILAR_MAX_SCAN`` (about 0.1 s per 10,000 stories); past that an approximate index
    (pgvector) is the next step.
    """
    import heapq

    from django.conf import settings

    from nlp import embeddings
    from nlp.models import StoryEmbedding

    if not _researcher(user):
        return []
    visible = StoryEmbedding.objects.filter(
        model_name=embeddings.MODEL_NAME,
        testimony__status=Testimony.Status.ACTIVE,
        testimony__scope_research=True,
    )
    own = visible.filter(testimony_id=testimony_id).values_list("vector", flat=True).first()
    if own is None:
        return []
    query = embeddings.from_bytes(own)
    scan = getattr(settings, "NLP_SIMILAR_MAX_SCAN", 100_000)
    rows = (
        visible.exclude(testimony_id=testimony_id)
        .order_by("-testimony_id")
        .values_list("testimony_id", "vector")[:scan]
        .iterator(chunk_size=5000)
    )
    best: list[tuple[float, int]] = []
    chunk: list[tuple[int, bytes]] = []

    def flush() -> None:
        ids = [pk for pk, _vector in chunk]
        scores = embeddings.matrix_from_bytes([vector for _pk, vector in chunk]) @ query
        for pk, score in zip(ids, scores.tolist(), strict=True):
            if len(best) < limit:
                heapq.heappush(best, (score, pk))
            elif score > best[0][0]:
                heapq.heapreplace(best, (score, pk))
        chunk.clear()

    for row in rows:
        chunk.append(row)
        if len(chunk) >= 5000:
            flush()
    if chunk:
        flush()
    return [(pk, round(score, 4)) for score, pk in sorted(best, reverse=True)]
