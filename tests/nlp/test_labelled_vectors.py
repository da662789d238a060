"""The labelled stories' kept vectors (``nlp.evaluation_vectors``) are whole and current."""

import random

import numpy as np

from nlp import embeddings
from nlp.evaluation_languages import load_labelled
from nlp.evaluation_vectors import VECTORS_FILE, kept_vectors, text_key, vectors_write


def test_every_labelled_story_has_a_vector_of_this_model():
    kept = kept_vectors()
    missing = [row["id"] for row in load_labelled() if text_key(row["text"]) not in kept]
    assert not missing, (
        f"{len(missing)} labelled stories have no kept vector: run "
        "scripts/labelled_vectors.py --write"
    )


def test_kept_vectors_equal_fresh_ones():
    kept = kept_vectors()
    texts = random.Random(16).sample(sorted({row["text"] for row in load_labelled()}), 3)
    fresh = embeddings.embed(texts)
    for text, vector in zip(texts, fresh, strict=True):
        assert np.allclose(kept[text_key(text)], vector, atol=1e-4)


def test_vectors_of_another_model_are_not_used(tmp_path, monkeypatch):
    path = tmp_path / "vectors.npz"
    vectors_write(["a story"], np.ones((1, embeddings.DIMENSIONS)), path)
    assert text_key("a story") in kept_vectors(path)
    monkeypatch.setattr(embeddings, "MODEL_SHA256", "0" * 64)
    assert kept_vectors(path) == {}
    assert kept_vectors(tmp_path / "none.npz") == {}
    assert VECTORS_FILE.name == "vectors.npz"
