"""The learned layer: a spaCy ``textcat_multilabel`` trained from researchers' decisions.

Training examples are stories a researcher has looked at: positives are the codes they applied
and the suggestions they accepted, the rest are negatives (rejected suggestions explicitly so).
Each version is evaluated on held-out stories (a fixed fifth, chosen by story id) against the
lexicon layer on the very same stories, and is used only while it scores better.
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
from nlp import lexicon
from nlp.models import ClassifierVersion
from nlp.selectors import lexicon_matcher, lexicon_revision

logger = logging.getLogger(__name__)

THRESHOLD = 0.5
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
    nlp: Language

    @property
    def model_version(self) -> str:
        return f"textcat-v{self.version}"

    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        return textcat_predict(self.nlp, texts)


_loaded: dict[int, LoadedClassifier] = {}


def active_classifier() -> LoadedClassifier | None:
    """The version in use, loaded once per worker process (None: the lexicon layer rules)."""
    row = (
        ClassifierVersion.objects.filter(is_active=True, status=ClassifierVersion.Status.READY)
        .values_list("version", "labels")
        .first()
    )
    if row is None:
        return None
    version, labels = row
    if version not in _loaded:
        data = ClassifierVersion.objects.values_list("model", flat=True).get(version=version)
        _loaded.clear()
        _loaded[version] = LoadedClassifier(
            version, list(labels), textcat_from_bytes(bytes(data), labels)
        )
    return _loaded[version]


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
    return [(pk, lang, text, positives[pk]) for pk, lang, text in copies if text]


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


def classifier_train(*, user=None) -> ClassifierVersion:
    """Train a new version from the decisions so far; activate it only if it beats the lexicon."""
    version = _version_create(user=user)
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

    nlp = textcat_train([r[2] for r in train], [r[3] for r in train], labels)
    gold = [r[3] & set(labels) for r in heldout]
    predicted = [
        {lab for lab, score in cats.items() if score >= THRESHOLD}
        for cats in textcat_predict(nlp, [r[2] for r in heldout])
    ]
    languages = {r[1] or "xx" for r in heldout}
    matchers = {lang: lexicon_matcher(lang) for lang in languages}
    rows = [{"language": r[1] or "xx", "text": r[2]} for r in heldout]
    by_lexicon = [p & set(labels) for p in lexicon.lexicon_predict(rows, matchers)]
    clf_scores = micro_f1(gold, predicted, labels)
    lex_scores = micro_f1(gold, by_lexicon, labels)

    version.model = nlp.to_bytes()
    version.classifier_f1 = clf_scores["micro"]["f1"]
    version.lexicon_f1 = lex_scores["micro"]["f1"]
    version.scores = {"classifier": clf_scores, "lexicon": lex_scores}
    version.heldout_ids = [r[0] for r in heldout]
    version.lexicon_revisions = {lang: lexicon_revision(lang) for lang in languages}
    version.status = ClassifierVersion.Status.READY
    version.finished_at = timezone.now()
    with transaction.atomic():
        beats = version.classifier_f1 > version.lexicon_f1
        if beats:
            ClassifierVersion.objects.filter(is_active=True).update(is_active=False)
        version.is_active = beats
        version.save()
    logger.info(
        "Classifier v%s trained on %s stories: F1 %.3f vs lexicon %.3f (%s).",
        version.version,
        len(train),
        version.classifier_f1,
        version.lexicon_f1,
        "in use" if beats else "not used",
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
    version.lexicon_f1 = scores["micro"]["f1"]
    version.scores = {**version.scores, "lexicon": scores}
    version.lexicon_revisions = revisions
    version.is_active = (version.classifier_f1 or 0) > version.lexicon_f1
    version.save(update_fields=["lexicon_f1", "scores", "lexicon_revisions", "is_active"])
    if not version.is_active:
        logger.info("Classifier v%s no longer beats the lexicon: not used.", version.version)
    return version
