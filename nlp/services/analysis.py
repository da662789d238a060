"""Analysis of stories: language, redaction into the research copy, theme suggestions.

Heavy work (spaCy) happens outside transactions; each batch's writes happen in one transaction
that first re-locks the stories still active, so a withdrawal that commits meanwhile always wins.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from spacy.tokens import Doc

from coding.selectors import default_codes
from coding.services import suggestions_bulk_write
from core.outbox import outbox_enqueue
from nlp import classifier as textcat
from nlp import embeddings
from nlp.language import LanguageResult, language_detect
from nlp.lexicon import matches_by_substring
from nlp.models import StoryAnalysis, StoryEmbedding
from nlp.pipelines import (
    LEMMA_COMPONENTS,
    PIPE_BATCH_SIZE,
    analysed_docs,
    base_language,
    disabled_except,
    has_model,
    pipeline_for,
    pipeline_version,
    redacted_doc,
    tags_names,
)
from nlp.redaction import RULES_VERSION, RedactionResult, redact
from nlp.selectors import lexicon_matcher_versioned
from testimonies.models import ResearchCopy, Testimony
from testimonies.services import research_copies_save


def _active(ids: Iterable[int]):
    return Testimony.objects.filter(
        pk__in=list(ids), status=Testimony.Status.ACTIVE, scope_research=True
    )


def _lock_active(ids: Iterable[int]) -> set[int]:
    """Inside a transaction: lock the stories still active; a withdrawal waits for us, or won.
    FOR NO KEY UPDATE: foreign keys' checks (a code or reading written meanwhile) do not wait
    (analysis migration 0011)."""
    return set(_active(ids).select_for_update(no_key=True).values_list("pk", flat=True))


@dataclass
class _Redacted:
    """One story's redacted fields and how they were redacted."""

    body: RedactionResult
    title: RedactionResult
    restore: RedactionResult
    model: bool
    version: str
    pipeline: str


def _redact_group(lang: str, group: list[Testimony]) -> tuple[dict[int, _Redacted], dict]:
    """Redact the stories of one language and make the Docs their themes are read from, with one
    spaCy pass per story: one ``nlp.pipe`` over all their fields running NER and the lemma
    components together; each research copy's Doc is then derived from its original's
    (``redacted_doc``: the tokenizer only). A pipeline without NER redacts by rules, then runs
    once over the research texts; where redaction reads the tokenizer's name tags (Japanese),
    it runs once over the originals instead, and the themes, matched in the text itself
    (``matches_by_substring``), need no Doc of the research copy."""
    nlp = pipeline_for(lang)
    model = has_model(nlp)
    texts = [t for s in group for t in (s.text, s.title, s.restore_trust)]
    piped = model or tags_names(nlp)
    docs = analysed_docs(nlp, texts) if piped else [None] * len(texts)
    version = (
        f"{nlp.meta.get('name', 'blank')}-{nlp.meta.get('version', '')}+{RULES_VERSION}"[:32]
        if model
        else f"nlp-{RULES_VERSION}"
    )
    # NOTE: ``nlp.meta`` builds a new dict at each read: once a group, not once a story.
    pipeline = pipeline_version(nlp)
    results = {}
    for i, story in enumerate(group):
        body, title, restore = (
            redact(t, doc=d, language=lang)
            for t, d in zip(texts[3 * i : 3 * i + 3], docs[3 * i : 3 * i + 3], strict=True)
        )
        results[story.pk] = _Redacted(body, title, restore, model, version, pipeline)
    if model:
        tag_docs = [redacted_doc(nlp, docs[3 * i], results[s.pk].body) for i, s in enumerate(group)]
    elif matches_by_substring(lang):
        # NOTE: themes are read from the research text itself (Japanese): no Doc to make.
        tag_docs = [None] * len(group)
    else:
        tag_docs = _research_docs(
            nlp, [(results[s.pk].body, docs[3 * i]) for i, s in enumerate(group)]
        )
    return results, dict(zip([s.pk for s in group], tag_docs, strict=True))


def _research_docs(nlp, bodies: list[tuple[RedactionResult, Doc | None]]) -> list[Doc]:
    """The research copies' Docs of a pipeline without NER (lemma components only): the
    original's Doc where redaction replaced nothing (the same text), one ``nlp.pipe`` over the
    others."""
    missing = [i for i, (body, doc) in enumerate(bodies) if doc is None or body.replacements]
    piped = nlp.pipe(
        [bodies[i][0].text for i in missing],
        disable=disabled_except(nlp, LEMMA_COMPONENTS),
        batch_size=PIPE_BATCH_SIZE,
    )
    docs = [doc for _body, doc in bodies]
    for i, doc in zip(missing, piped, strict=True):
        docs[i] = doc
    return docs


ANALYSIS_FIELDS = (
    "language",
    "language_confidence",
    "language_method",
    "redaction_counts",
    "offset_map",
    "pipeline_version",
    "analysed_at",
)


def _copy_row(found: LanguageResult, redacted: _Redacted) -> dict:
    """One story's research copy, as ``research_copies_save`` takes it."""
    return {
        "redacted_text": redacted.body.text,
        "redacted_title": redacted.title.text,
        "redacted_restore_trust": redacted.restore.text,
        "method": ResearchCopy.Method.SPACY if redacted.model else ResearchCopy.Method.RULES,
        "version": redacted.version,
        "detected_language": found.code,
        "language_confidence": found.confidence if found.method else None,
    }


def _analysis_row(pk: int, found: LanguageResult, redacted: _Redacted, now) -> StoryAnalysis:
    return StoryAnalysis(
        testimony_id=pk,
        language=found.code,
        language_confidence=found.confidence if found.method else None,
        language_method=found.method,
        redaction_counts=redacted.body.counts(),
        offset_map=redacted.body.offset_map(),
        pipeline_version=redacted.pipeline,
        analysed_at=now,
    )


def testimonies_analyse(*, testimony_ids: list[int]) -> int:
    """Detect the language, redact the story into its research copy, then suggest themes.

    SECURITY: reads the original text; runs only on workers, never on the request path.
    """
    stories = list(
        _active(testimony_ids).only("id", "text", "title", "restore_trust", "declared_language")
    )
    if not stories:
        return 0
    languages = {s.pk: language_detect(text=s.text, declared=s.declared_language) for s in stories}
    by_language: dict[str, list[Testimony]] = defaultdict(list)
    for story in stories:
        by_language[base_language(languages[story.pk].code)].append(story)
    results: dict[int, _Redacted] = {}
    docs: dict[int, tuple[str, Doc]] = {}
    for lang, group in by_language.items():
        redacted, tag_docs = _redact_group(lang, group)
        results.update(redacted)
        docs.update((pk, (redacted[pk].body.text, doc)) for pk, doc in tag_docs.items())

    now = timezone.now()
    with transaction.atomic():
        live = _lock_active(results)
        written = research_copies_save(
            rows={pk: _copy_row(languages[pk], results[pk]) for pk in live}
        )
        StoryAnalysis.objects.bulk_create(
            [_analysis_row(pk, languages[pk], results[pk], now) for pk in sorted(written)],
            update_conflicts=True,
            unique_fields=["testimony"],
            update_fields=list(ANALYSIS_FIELDS),
        )
    testimonies_tag(testimony_ids=list(results), docs=docs)
    testimonies_embed_request(testimony_ids=list(results))
    return len(results)


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


def testimonies_tag(
    *, testimony_ids: list[int], docs: dict[int, tuple[str, Doc]] | None = None
) -> int:
    """Suggest themes for each story's research copy (document level, with evidence spans).

    ``docs``: the research copies' Docs where the caller has them already (one pass per story,
    ``testimonies_analyse``), each with the text it was made from; the others are run through
    the pipeline here.

    Safe to run twice: machine suggestions are unique per story and code; pending ones are
    refreshed, reviewed ones (accepted or rejected) are left as they are, stale pending ones
    are removed. With ``CODING_SUGGESTIONS_ENABLED`` off, nothing is tagged or written.
    """
    if not getattr(settings, "CODING_SUGGESTIONS_ENABLED", True):
        return 0
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
        matcher, lexicon_version = lexicon_matcher_versioned(lang)
        texts = [c.redacted_text for c in group]
        docs_of_group = _docs_for(matcher, group, docs or {})
        found = [matcher.suggest(d, t) for d, t in zip(docs_of_group, texts, strict=True)]
        if active and active.kind == textcat.KIND_EMBEDDING:
            vectors = _stored_vectors([c.testimony_id for c in group])
            for copy, suggestions in zip(group, found, strict=True):
                vector = vectors.get(copy.testimony_id)
                if vector is None or not active.used_for(lang):
                    # No vector yet (it follows: nlp.embed_testimonies tags again), or the
                    # lexicon is better in this language.
                    desired[copy.testimony_id] = _merge_classifier(suggestions, None, [])
                    versions[copy.testimony_id] = lexicon_version
                    continue
                desired[copy.testimony_id] = _merge_embedding(active, suggestions, vector)
                versions[copy.testimony_id] = active.model_version
            continue
        cats_list = active.predict(texts) if active else [None] * len(group)
        version = active.model_version if active else lexicon_version
        for copy, suggestions, cats in zip(group, found, cats_list, strict=True):
            labels = active.labels if active else []
            desired[copy.testimony_id] = _merge_classifier(suggestions, cats, labels)
            versions[copy.testimony_id] = version
    return suggestions_write(desired=desired, versions=versions)


def _docs_for(matcher, group: list[ResearchCopy], given: dict[int, tuple[str, Doc]]) -> list:
    """The Docs of these research copies: the given ones made from the copy's text, the others
    through the pipeline (lemma components only), in one ``nlp.pipe``. (The text is compared,
    not ``doc.text``, which spaCy joins from every token at each read.) A lexicon matched by
    substring reads the text alone: no Doc and no spaCy pass (None for each)."""
    if matcher.substring:
        return [None] * len(group)
    nlp = matcher.nlp
    docs: list[Doc | None] = []
    missing = []
    for copy in group:
        text, doc = given.get(copy.testimony_id, (None, None))
        if doc is None or text != copy.redacted_text:
            missing.append(len(docs))
            doc = None
        docs.append(doc)
    if missing:
        piped = nlp.pipe(
            [group[i].redacted_text for i in missing],
            disable=disabled_except(nlp, LEMMA_COMPONENTS),
            batch_size=PIPE_BATCH_SIZE,
        )
        for i, doc in zip(missing, piped, strict=True):
            docs[i] = doc
    return docs


def _stored_vectors(testimony_ids: list[int]) -> dict:
    return {
        pk: embeddings.from_bytes(vector)
        for pk, vector in StoryEmbedding.objects.filter(
            testimony_id__in=testimony_ids, model_name=embeddings.MODEL_NAME
        ).values_list("testimony_id", "vector")
    }


def _merge_embedding(active, lexicon_suggestions, vector) -> list[tuple]:
    """The embedding layer decides the codes it knows (gated with the lexicon's evidence); the
    lexicon alone decides the others; the lexicon gives the evidence spans."""
    by_code = {s.code_key: s for s in lexicon_suggestions}
    scores = active.model.scores(vector.reshape(1, -1))[0]
    [codes] = active.model.predict(vector.reshape(1, -1), [set(by_code)])
    out = [
        (code, s.confidence, s.evidence_start, s.evidence_end)
        for code, s in by_code.items()
        if code not in active.labels
    ]
    for j, label in enumerate(active.labels):
        if label in codes:
            s = by_code.get(label)
            start, end = (s.evidence_start, s.evidence_end) if s else (None, None)
            out.append((label, round(float(scores[j]), 4), start, end))
    return out


@transaction.atomic
def suggestions_write(*, desired: dict[int, list[tuple]], versions: dict[int, str]) -> int:
    """Write a batch of machine suggestions, by code key, and each story's tagging record.

    The suggestion rules are coding's (``coding.services.suggestions_bulk_write``); here the
    stories still active are locked and the keys become codes of the default codebook.
    """
    live = _lock_active(desired)
    codes = default_codes()
    suggestions = {
        testimony_id: [
            (codes[key].pk, confidence, evidence_start, evidence_end)
            for key, confidence, evidence_start, evidence_end in desired[testimony_id]
            if key in codes
        ]
        for testimony_id in live
    }
    suggestions_bulk_write(suggestions=suggestions, versions=versions)
    now = timezone.now()
    StoryAnalysis.objects.bulk_create(
        [
            StoryAnalysis(
                testimony_id=pk,
                themes_version=versions[pk][:64],
                suggestions=len({code_id for code_id, *_rest in suggestions[pk]}),
                tagged_at=now,
            )
            for pk in live
        ],
        update_conflicts=True,
        unique_fields=["testimony"],
        update_fields=["themes_version", "suggestions", "tagged_at"],
    )
    return len(live)


@transaction.atomic
def testimony_analyse_request(*, testimony_id: int) -> None:
    """Analyse this story again (a researcher asked): ``force``, since it was analysed before."""
    outbox_enqueue(
        task_name="nlp.process_testimony", kwargs={"testimony_id": testimony_id, "force": True}
    )


# Stories per embedding task: about a minute of work on one core.
EMBED_REQUEST_CHUNK = 64


def testimonies_embed_request(*, testimony_ids: list[int]) -> None:
    """Queue the stories' vectors (nlp.embed_testimonies) once the current transaction commits;
    nothing when ``NLP_EMBEDDINGS_ENABLED`` is off."""
    if not getattr(settings, "NLP_EMBEDDINGS_ENABLED", True) or not testimony_ids:
        return
    from nlp import tasks

    ids = sorted(testimony_ids)
    for start in range(0, len(ids), EMBED_REQUEST_CHUNK):
        chunk = ids[start : start + EMBED_REQUEST_CHUNK]
        transaction.on_commit(lambda chunk=chunk: tasks.embed_testimonies.delay(chunk))
