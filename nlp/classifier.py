"""The learned layer, trained from researchers' decisions.

Training examples are stories a researcher has looked at: positives are the codes they applied
and the suggestions they accepted, the rest are negatives (rejected suggestions explicitly so).
Each version is evaluated on held-out stories (a fixed fifth, chosen by story id) against the
lexicon layer on the very same stories, language by language, and suggests only in the
languages where it scores better (``languages_in_use``); the lexicon keeps the others.

Versions are of two kinds. New ones are ``embedding``: a logistic regression per code on the
stories' multilingual vectors, gated with the lexicon (``nlp.embedding_classifier``), so that a
decision on a story in one language helps the others. Older ``textcat`` versions (a spaCy
bag-of-words ``textcat_multilabel``, one vocabulary for all languages) still load and predict.
"""

import logging
import random
from dataclasses import dataclass

import spacy
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from spacy.language import Language
from spacy.training import Example

from coding.selectors import codebook_default
from nlp import embedding_classifier, embeddings, lexicon
from nlp.embedding_classifier import EmbeddingClassifier
from nlp.models import ClassifierVersion, StoryEmbedding
from nlp.pipelines import base_language
from nlp.selectors import lexicon_matcher, lexicon_revision

logger = logging.getLogger(__name__)

THRESHOLD = 0.5
KIND_EMBEDDING = "embedding"
# A language needs this many held-out stories before a version may take it from the lexicon.
MIN_HELDOUT_PER_LANGUAGE = getattr(settings, "NLP_CLASSIFIER_MIN_HELDOUT_PER_LANGUAGE", 3)
# Below these, a version is recorded as "not enough data" and nothing is trained.
MIN_STORIES = getattr(settings, "NLP_CLASSIFIER_MIN_STORIES", 40)
MIN_POSITIVES = getattr(settings, "NLP_CLASSIFIER_MIN_POSITIVES", 5)
EPOCHS = 20
HELDOUT_MODULO = 5  # stories whose id % 5 == 0 are held out

TEXTCAT_CONFIG = {
    "threshold": THRESHOLD,
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": 1,
        "no_output_layer": False,
        "length": 262144,
    },
}


def textcat_train(
    texts: list[str], labels_per_text: list[set[str]], labels: list[str], *, seed: int = 7
) -> Language:
    """Train a bag-of-words multilabel classifier (multilingual tokenizer, no vectors)."""
    spacy.util.fix_random_seed(seed)
    # NOTE: spaCy logs each initialisation at INFO; training runs per fold and per version.
    logging.getLogger("spacy").setLevel(logging.WARNING)
    nlp = spacy.blank("xx")
    textcat = nlp.add_pipe("textcat_multilabel", config=TEXTCAT_CONFIG)
    for label in labels:
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {lab: float(lab in gold) for lab in labels}})
        for text, gold in zip(texts, labels_per_text, strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _epoch in range(EPOCHS):
        rng.shuffle(examples)
        for batch in spacy.util.minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def textcat_predict(nlp: Language, texts: list[str]) -> list[dict[str, float]]:
    return [dict(doc.cats) for doc in nlp.pipe(texts, batch_size=128)]


def textcat_from_bytes(data: bytes, labels: list[str]) -> Language:
    nlp = spacy.blank("xx")
    textcat = nlp.add_pipe("textcat_multilabel", config=TEXTCAT_CONFIG)
    for label in labels:
        textcat.add_label(label)
    return nlp.from_bytes(data)


@dataclass
class LoadedClassifier:
    version: int
    labels: list[str]
    nlp: Language | None = None
    kind: str = "textcat"
    languages: tuple[str, ...] = ()
    model: EmbeddingClassifier | None = None

    @property
    def model_version(self) -> str:
        return f"{'e5' if self.kind == KIND_EMBEDDING else 'textcat'}-v{self.version}"

    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        return textcat_predict(self.nlp, texts)

    def used_for(self, language: str) -> bool:
        """Whether this version suggests in ``language`` (textcat: every language)."""
        return self.kind != KIND_EMBEDDING or language in self.languages


_loaded: dict[int, LoadedClassifier] = {}


def active_classifier() -> LoadedClassifier | None:
    """The version in use, loaded once per worker process (None: the lexicon layer rules)."""
    row = (
        ClassifierVersion.objects.filter(is_active=True, status=ClassifierVersion.Status.READY)
        .values_list("version", "labels", "kind", "languages_in_use")
        .first()
    )
    if row is None:
        return None
    version, labels, kind, languages = row
    cached = _loaded.get(version)
    if cached is None or cached.languages != tuple(languages or ()):
        data = bytes(ClassifierVersion.objects.values_list("model", flat=True).get(version=version))
        _loaded.clear()
        if kind == KIND_EMBEDDING:
            cached = LoadedClassifier(
                version,
                list(labels),
                kind=kind,
                languages=tuple(languages or ()),
                model=EmbeddingClassifier.from_bytes(data),
            )
        else:
            cached = LoadedClassifier(version, list(labels), textcat_from_bytes(data, labels))
        _loaded[version] = cached
    return cached


def micro_f1(gold: list[set[str]], predicted: list[set[str]], labels: list[str]) -> dict:
    tp = fp = fn = 0
    per_label = {}
    for label in labels:
        ltp = sum(1 for g, p in zip(gold, predicted, strict=True) if label in g and label in p)
        lfp = sum(1 for g, p in zip(gold, predicted, strict=True) if label not in g and label in p)
        lfn = sum(1 for g, p in zip(gold, predicted, strict=True) if label in g and label not in p)
        tp, fp, fn = tp + ltp, fp + lfp, fn + lfn
        per_label[label] = _prf(ltp, lfp, lfn)
    return {"micro": _prf(tp, fp, fn), "labels": per_label}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def training_data() -> list[tuple[int, str, str, set[str]]]:
    """(story id, language, research text, codes) for every story with a human decision."""
    from coding.models import CodeApplication
    from testimonies.models import ResearchCopy, Testimony

    decisions = CodeApplication.objects.filter(
        testimony__status=Testimony.Status.ACTIVE,
        testimony__scope_research=True,
        code__codebook=codebook_default(),
    ).exclude(source=CodeApplication.Source.MACHINE, status=CodeApplication.Status.SUGGESTED)
    positives: dict[int, set[str]] = {}
    for testimony_id, key, status in decisions.values_list("testimony_id", "code__key", "status"):
        codes = positives.setdefault(testimony_id, set())
        if status == CodeApplication.Status.ACCEPTED:
            codes.add(key)
    copies = ResearchCopy.objects.filter(testimony_id__in=list(positives)).values_list(
        "testimony_id", "detected_language", "redacted_text"
    )
    return [(pk, base_language(lang), text, positives[pk]) for pk, lang, text in copies if text]


# Any constant number, the same in every process: the key of the training lock.
TRAINING_LOCK = 0x6E6C7074  # "nlpt"


@transaction.atomic
def _version_create(*, user) -> ClassifierVersion:
    """Number and create the next version, one trainer at a time.

    NOTE: ``select_for_update().aggregate()`` locks nothing (the aggregate has no FOR UPDATE),
    and locking the existing rows would not stop two trainers from both reading the same
    maximum. On PostgreSQL a transaction-level advisory lock serializes them: the second waits,
    then reads the first's version. SQLite serializes writers by itself.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TRAINING_LOCK])
    last = ClassifierVersion.objects.aggregate(Max("version"))["version__max"] or 0
    return ClassifierVersion.objects.create(version=last + 1, created_by=user)


def story_vectors(rows: list[tuple[int, str, str, set[str]]]):
    """The stored vector of each row's story, computed (not stored) where there is none yet."""
    import numpy as np

    stored = {
        pk: embeddings.from_bytes(vector)
        for pk, vector in StoryEmbedding.objects.filter(
            testimony_id__in=[r[0] for r in rows], model_name=embeddings.MODEL_NAME
        ).values_list("testimony_id", "vector")
    }
    missing = [i for i, r in enumerate(rows) if r[0] not in stored]
    computed = embeddings.embed([rows[i][2] for i in missing])
    out = np.zeros((len(rows), embeddings.DIMENSIONS), dtype=np.float32)
    for i, row in enumerate(rows):
        if row[0] in stored:
            out[i] = stored[row[0]]
    for k, i in enumerate(missing):
        out[i] = computed[k]
    return out


def _lexicon_codes(rows) -> list[set[str]]:
    languages = {r[1] or "xx" for r in rows}
    matchers = {lang: lexicon_matcher(lang) for lang in languages}
    return lexicon.lexicon_predict(
        [{"language": r[1] or "xx", "text": r[2]} for r in rows], matchers
    )


def _by_language(rows, gold, predicted, lexicon_codes, labels) -> dict[str, dict]:
    out = {}
    for lang in sorted({r[1] or "xx" for r in rows}):
        idx = [i for i, r in enumerate(rows) if (r[1] or "xx") == lang]
        out[lang] = {
            "stories": len(idx),
            "classifier": micro_f1([gold[i] for i in idx], [predicted[i] for i in idx], labels),
            "lexicon": micro_f1([gold[i] for i in idx], [lexicon_codes[i] for i in idx], labels),
        }
    return out


def languages_beating_lexicon(by_language: dict[str, dict]) -> list[str]:
    return sorted(
        lang
        for lang, scores in by_language.items()
        if scores["stories"] >= MIN_HELDOUT_PER_LANGUAGE
        and scores["classifier"]["micro"]["f1"] > scores["lexicon"]["micro"]["f1"]
    )


# NOTE: one function on purpose: the data, the split, training, the per-language scores and the
# activation read top to bottom as the one procedure a version's record describes.
def classifier_train(*, user=None) -> ClassifierVersion:
    """Train a new version from the decisions so far; it suggests only in the languages where it
    beats the lexicon on its held-out stories."""
    version = _version_create(user=user)
    version.kind = KIND_EMBEDDING
    data = training_data()
    counts: dict[str, int] = {}
    for _pk, _lang, _text, codes in data:
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    labels = sorted(code for code, n in counts.items() if n >= MIN_POSITIVES)
    train = [row for row in data if row[0] % HELDOUT_MODULO]
    heldout = [row for row in data if not row[0] % HELDOUT_MODULO]
    version.train_size, version.heldout_size, version.labels = len(train), len(heldout), labels
    if len(data) < MIN_STORIES or not labels or len(heldout) < 5:
        version.status = ClassifierVersion.Status.NOT_ENOUGH_DATA
        version.finished_at = timezone.now()
        version.save()
        return version

    train_lexicon, held_lexicon = _lexicon_codes(train), _lexicon_codes(heldout)
    model = embedding_classifier.train(
        story_vectors(train), [r[3] for r in train], train_lexicon, labels
    )
    gold = [r[3] & set(labels) for r in heldout]
    predicted = model.predict(story_vectors(heldout), held_lexicon)
    by_lexicon = [p & set(labels) for p in held_lexicon]
    clf_scores = micro_f1(gold, predicted, labels)
    lex_scores = micro_f1(gold, by_lexicon, labels)
    by_language = _by_language(heldout, gold, predicted, by_lexicon, labels)
    languages = {r[1] or "xx" for r in heldout}

    version.model = model.to_bytes()
    version.classifier_f1 = clf_scores["micro"]["f1"]
    version.lexicon_f1 = lex_scores["micro"]["f1"]
    version.scores = {
        "classifier": clf_scores,
        "lexicon": lex_scores,
        "languages": by_language,
        "thresholds": {"low": model.low, "high": model.high},
    }
    version.heldout_ids = [r[0] for r in heldout]
    version.lexicon_revisions = {lang: lexicon_revision(lang) for lang in languages}
    version.languages_in_use = languages_beating_lexicon(by_language)
    version.status = ClassifierVersion.Status.READY
    version.finished_at = timezone.now()
    with transaction.atomic():
        beats = bool(version.languages_in_use)
        if beats:
            ClassifierVersion.objects.filter(is_active=True).update(is_active=False)
        version.is_active = beats
        version.save()
    logger.info(
        "Classifier v%s trained on %s stories: F1 %.3f vs lexicon %.3f; in use for %s.",
        version.version,
        len(train),
        version.classifier_f1,
        version.lexicon_f1,
        ", ".join(version.languages_in_use) or "no language",
    )
    return version


def classifier_recheck() -> ClassifierVersion | None:
    """After a lexicon change, score the lexicon again on the active version's held-out stories;
    the classifier stays in use only if it still beats it."""
    from testimonies.models import ResearchCopy

    version = ClassifierVersion.objects.filter(is_active=True).defer("model").first()
    if version is None:
        return None
    copies = list(
        ResearchCopy.objects.filter(testimony_id__in=version.heldout_ids).values_list(
            "testimony_id", "detected_language", "redacted_text"
        )
    )
    languages = {lang or "xx" for _pk, lang, _text in copies}
    revisions = {lang: lexicon_revision(lang) for lang in languages}
    if revisions == version.lexicon_revisions or not copies:
        return version
    gold_by_id = {pk: codes for pk, _lang, _text, codes in training_data()}
    rows = [{"language": lang or "xx", "text": text} for _pk, lang, text in copies]
    labels = list(version.labels)
    gold = [gold_by_id.get(pk, set()) & set(labels) for pk, _lang, _text in copies]
    matchers = {lang: lexicon_matcher(lang) for lang in languages}
    by_lexicon = [p & set(labels) for p in lexicon.lexicon_predict(rows, matchers)]
    scores = micro_f1(gold, by_lexicon, labels)
    if version.kind == KIND_EMBEDDING:
        # The embedding layer is gated by the lexicon: score both again, language by language.
        model = EmbeddingClassifier.from_bytes(
            bytes(ClassifierVersion.objects.values_list("model", flat=True).get(pk=version.pk))
        )
        held = [(pk, lang, text, gold_by_id.get(pk, set())) for pk, lang, text in copies]
        predicted = model.predict(story_vectors(held), by_lexicon)
        by_language = _by_language(held, gold, predicted, by_lexicon, labels)
        version.classifier_f1 = micro_f1(gold, predicted, labels)["micro"]["f1"]
        version.lexicon_f1 = scores["micro"]["f1"]
        version.scores = {**version.scores, "lexicon": scores, "languages": by_language}
        version.lexicon_revisions = revisions
        version.languages_in_use = languages_beating_lexicon(by_language)
        version.is_active = bool(version.languages_in_use)
        version.save(
            update_fields=[
                "classifier_f1",
                "lexicon_f1",
                "scores",
                "lexicon_revisions",
                "languages_in_use",
                "is_active",
            ]
        )
        return version
    version.lexicon_f1 = scores["micro"]["f1"]
    version.scores = {**version.scores, "lexicon": scores}
    version.lexicon_revisions = revisions
    version.is_active = (version.classifier_f1 or 0) > version.lexicon_f1
    version.save(update_fields=["lexicon_f1", "scores", "lexicon_revisions", "is_active"])
    if not version.is_active:
        logger.info("Classifier v%s no longer beats the lexicon: not used.", version.version)
    return version
