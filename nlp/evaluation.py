"""Measure the NLP layers on the labelled sets in ``tests/data/`` (``manage.py nlp_evaluate``)."""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from nlp import lexicon
from nlp.pipelines import (
    NER_COMPONENTS,
    base_language,
    disabled_except,
    has_model,
    pipeline_for,
)
from nlp.redaction import LABELS, redact

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"
# Units for the share of other words wrongly replaced: words, or characters where a script is
# written without spaces (a Japanese "word" would be a whole clause).
_WORD = re.compile(r"\w+")
_CHAR = re.compile(r"\w")


def load_jsonl(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class RedactionReport:
    gold: Counter = field(default_factory=Counter)
    caught: Counter = field(default_factory=Counter)  # fully inside a placeholder of any type
    typed: Counter = field(default_factory=Counter)  # ...of the right type
    predicted: int = 0
    spurious: int = 0  # placeholders that cover no gold identifier
    missed: list = field(default_factory=list)  # (story id, label) — never the text itself
    stories: int = 0
    other_words: int = 0  # words (characters in Japanese) outside every gold identifier
    other_replaced: int = 0  # ...of them inside a placeholder

    def other_share(self) -> float:
        return self.other_replaced / self.other_words if self.other_words else 0.0

    def recall(self, label: str) -> float:
        return self.caught[label] / self.gold[label] if self.gold[label] else 1.0

    def typed_recall(self, label: str) -> float:
        return self.typed[label] / self.gold[label] if self.gold[label] else 1.0

    def lines(self) -> list[str]:
        out = [f"Redaction on {self.stories} labelled stories"]
        out.append(f"{'type':<8} {'gold':>5} {'caught':>7} {'recall':>7} {'typed':>7}")
        for label in LABELS:
            if self.gold[label]:
                out.append(
                    f"{label:<8} {self.gold[label]:>5} {self.caught[label]:>7} "
                    f"{self.recall(label):>7.1%} {self.typed_recall(label):>7.1%}"
                )
        precision = 1 - self.spurious / self.predicted if self.predicted else 1.0
        out.append(
            f"placeholders: {self.predicted}, covering no gold identifier: {self.spurious} "
            f"(precision {precision:.1%})"
        )
        out.append(
            f"other words replaced: {self.other_replaced} of {self.other_words} "
            f"({self.other_share():.2%})"
        )
        return out


def _count_other_words(report: RedactionReport, row: dict, predicted: list[tuple]) -> None:
    unit = _CHAR if base_language(row["language"]) in lexicon.NO_SPACE_SCRIPTS else _WORD
    for m in unit.finditer(row["text"]):
        start, end = m.span()
        if any(s["start"] < end and start < s["end"] for s in row["spans"]):
            continue
        report.other_words += 1
        if any(p[0] < end and start < p[1] for p in predicted):
            report.other_replaced += 1


def redaction_evaluate(rows: list[dict]) -> RedactionReport:
    report = RedactionReport(stories=len(rows))
    for row in rows:
        nlp = pipeline_for(row["language"])
        doc = None
        if has_model(nlp):
            doc = nlp(row["text"], disable=disabled_except(nlp, NER_COMPONENTS))
        result = redact(row["text"], doc=doc, language=row["language"])
        predicted = [(r.start, r.end, r.label) for r in result.replacements]
        report.predicted += len(predicted)
        for start, end, _label in predicted:
            if not any(s["start"] < end and start < s["end"] for s in row["spans"]):
                report.spurious += 1
        for span in row["spans"]:
            label = span["label"]
            report.gold[label] += 1
            covering = [p for p in predicted if p[0] <= span["start"] and span["end"] <= p[1]]
            if covering:
                report.caught[label] += 1
                if any(p[2] == label for p in covering):
                    report.typed[label] += 1
            else:
                report.missed.append((row["id"], label))
        _count_other_words(report, row, predicted)
    return report


@dataclass
class LayerScores:
    name: str
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold: set[str], predicted: set[str]) -> None:
        for code in predicted & gold:
            self.tp[code] += 1
        for code in predicted - gold:
            self.fp[code] += 1
        for code in gold - predicted:
            self.fn[code] += 1

    def precision(self, code: str | None = None) -> float:
        tp = self.tp[code] if code else sum(self.tp.values())
        fp = self.fp[code] if code else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 0.0

    def recall(self, code: str | None = None) -> float:
        tp = self.tp[code] if code else sum(self.tp.values())
        fn = self.fn[code] if code else sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else 0.0

    def f1(self, code: str | None = None) -> float:
        p, r = self.precision(code), self.recall(code)
        return 2 * p * r / (p + r) if p + r else 0.0


def theme_table(layers: list[LayerScores], codes: list[str]) -> list[str]:
    head = f"{'code':<24}" + "".join(f" {layer.name[:18]:>20}" for layer in layers)
    out = [head, f"{'':<24}" + "".join(f" {'P     R     F1':>20}" for _ in layers)]
    for code in [*codes, None]:
        row = f"{code or 'micro average':<24}"
        for layer in layers:
            row += (
                f" {layer.precision(code):>6.2f}{layer.recall(code):>6.2f}{layer.f1(code):>6.2f}  "
            )
        out.append(row)
    return out


def file_matchers(languages) -> dict:
    from nlp.lexicon import LexiconMatcher, lexicon_file_entries

    return {
        lang: LexiconMatcher(pipeline_for(lang), lang, lexicon_file_entries(lang))
        for lang in languages
    }


def classifier_cross_validate(rows: list[dict], labels: list[str], folds: int = 5) -> LayerScores:
    """k-fold scores of the textcat layer on a labelled set (each story predicted once, by a
    model that never saw it)."""
    from nlp.classifier import THRESHOLD, textcat_predict, textcat_train

    scores = LayerScores("textcat (5-fold)")
    for fold in range(folds):
        train = [r for i, r in enumerate(rows) if i % folds != fold]
        test = [r for i, r in enumerate(rows) if i % folds == fold]
        nlp = textcat_train([r["text"] for r in train], [set(r["codes"]) for r in train], labels)
        for row, cats in zip(test, textcat_predict(nlp, [r["text"] for r in test]), strict=True):
            predicted = {label for label, score in cats.items() if score >= THRESHOLD}
            scores.add(set(row["codes"]), predicted)
    return scores


def theme_evaluate(rows: list[dict], *, with_classifier: bool = True) -> list[LayerScores]:
    codes = sorted({c for r in rows for c in r["codes"]})
    lexicon_scores = LayerScores("lexicon")
    matchers = file_matchers({r["language"] for r in rows})
    for row, predicted in zip(rows, lexicon.lexicon_predict(rows, matchers), strict=True):
        lexicon_scores.add(set(row["codes"]), predicted & set(codes))
    layers = [lexicon_scores]
    if with_classifier:
        layers.append(classifier_cross_validate(rows, codes))
    return layers
