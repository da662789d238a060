"""The learned layer on multilingual embeddings: one logistic regression per code, gated with the
lexicon.

A code is suggested when the classifier is sure (score >= ``high``), or when the lexicon found
evidence for it and the classifier does not disagree (score >= ``low``). The lexicon alone
over-suggests (precision about 0.55-0.65 in every language); the embedding score removes most of
its false alarms and adds what the lexicon's words miss. Because the vectors of a story and of its
translation lie close together, decisions taken on stories in one language teach the others.

``low`` and ``high`` are chosen by cross-validation on the training stories only; the held-out
stories are never seen before the final score. Plain NumPy: a few hundred decisions train in well
under a second.
"""

import io
from dataclasses import dataclass, field

import numpy as np

L2 = 1e-2
EPOCHS = 800
LEARNING_RATE = 0.2
# Cosine-similar vectors differ little in absolute terms: scaling spreads them for the optimiser.
SCALE = 10.0
LOW_CHOICES = (0.15, 0.2, 0.3, 0.4)
HIGH_CHOICES = (0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never without lexicon evidence
FOLDS = 4


@dataclass
class EmbeddingClassifier:
    labels: list[str]
    weights: np.ndarray  # (dimensions + 1, labels)
    low: float = 0.3
    high: float = 0.7
    cv_scores: dict = field(default_factory=dict)

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        return _sigmoid(_with_bias(vectors * SCALE) @ self.weights)

    def predict(self, vectors: np.ndarray, lexicon_codes: list[set[str]]) -> list[set[str]]:
        return combine(self.scores(vectors), lexicon_codes, self.labels, self.low, self.high)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez(
            buffer,
            weights=self.weights.astype(np.float32),
            thresholds=np.array([self.low, self.high], dtype=np.float32),
            labels=np.array(self.labels),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "EmbeddingClassifier":
        arrays = np.load(io.BytesIO(bytes(data)), allow_pickle=False)
        low, high = (float(x) for x in arrays["thresholds"])
        return cls(
            [str(x) for x in arrays["labels"]], arrays["weights"], round(low, 4), round(high, 4)
        )


def _with_bias(x: np.ndarray) -> np.ndarray:
    return np.hstack([x, np.ones((len(x), 1), dtype=x.dtype)])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def fit_weights(vectors: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """Class-balanced logistic regression, one column per label, by full-batch gradient descent."""
    x = _with_bias(vectors * SCALE)
    weights = np.zeros((x.shape[1], gold.shape[1]))
    positive = gold.mean(axis=0).clip(0.05, 0.95)
    sample_weight = gold * (0.5 / positive) + (1 - gold) * (0.5 / (1 - positive))
    for _ in range(EPOCHS):
        error = (_sigmoid(x @ weights) - gold) * sample_weight
        weights -= LEARNING_RATE * (x.T @ error / len(x) + L2 * weights)
    return weights


def combine(scores, lexicon_codes, labels, low: float, high: float) -> list[set[str]]:
    out = []
    for row, found in zip(scores, lexicon_codes, strict=True):
        out.append(
            {
                label
                for j, label in enumerate(labels)
                if row[j] >= high or (label in found and row[j] >= low)
            }
        )
    return out


def micro_f1(gold: list[set[str]], predicted: list[set[str]], labels) -> float:
    tp = fp = fn = 0
    for g, p in zip(gold, predicted, strict=True):
        g, p = g & set(labels), p & set(labels)
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def train(
    vectors: np.ndarray, gold: list[set[str]], lexicon_codes: list[set[str]], labels: list[str]
) -> EmbeddingClassifier:
    """Weights on every training story; thresholds by ``FOLDS``-fold cross-validation among them."""
    matrix = np.array([[label in g for label in labels] for g in gold], dtype=float)
    scores = np.zeros(matrix.shape)
    n = len(vectors)
    if n >= FOLDS * 2:
        for fold in range(FOLDS):
            test = np.arange(n) % FOLDS == fold
            weights = fit_weights(vectors[~test], matrix[~test])
            scores[test] = _sigmoid(_with_bias(vectors[test] * SCALE) @ weights)
    best = (-1.0, 0.3, 0.7)
    cv = {}
    for low in LOW_CHOICES:
        for high in HIGH_CHOICES:
            f1 = micro_f1(gold, combine(scores, lexicon_codes, labels, low, high), labels)
            cv[f"{low}/{high}"] = round(f1, 4)
            if f1 > best[0] + 1e-9:
                best = (f1, low, high)
    _f1, low, high = best
    return EmbeddingClassifier(list(labels), fit_weights(vectors, matrix), low, high, cv)
