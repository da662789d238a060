"""The labelled stories' multilingual vectors, kept in ``tests/data/labelled/vectors.npz``.

Embedding the labelled sets (about a thousand stories) takes some 13 minutes of CPU, every time
``manage.py nlp_evaluate`` runs (CI runs it beside the suite). The vectors are a pure function of
the text and the model file (pinned by ``embeddings.MODEL_SHA256``), so they are kept with the
sets, keyed by the text's SHA-256, and only the texts not kept are embedded. Written again
with ``scripts/labelled_vectors.py --write`` after the sets change;
``tests/nlp/test_labelled_vectors.py`` checks that every labelled story has its vector, made by
this model, and that kept vectors equal fresh ones.
"""

import hashlib

import numpy as np

from nlp import embeddings
from nlp.evaluation import DATA_DIR

VECTORS_FILE = DATA_DIR / "labelled" / "vectors.npz"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def kept_vectors(path=VECTORS_FILE) -> dict[str, np.ndarray]:
    """The kept vectors by text key (none when the file is missing or from another model)."""
    if not path.exists():
        return {}
    with np.load(path) as data:
        if str(data["model"]) != embeddings.MODEL_SHA256:
            return {}
        return dict(zip(data["keys"].tolist(), data["vectors"], strict=True))


def vectors_write(texts: list[str], vectors: np.ndarray, path=VECTORS_FILE) -> None:
    """Keep these texts' vectors (in the order given), replacing the file."""
    keys = np.array([text_key(t) for t in texts])
    np.savez(
        path,
        model=np.array(embeddings.MODEL_SHA256),
        keys=keys,
        vectors=np.asarray(vectors, dtype=np.float32),
    )
