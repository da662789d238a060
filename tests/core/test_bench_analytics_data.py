"""The analytics bench's texts are honest (issue 22 point 4): 50 to 1,000 words, a Zipf-like
vocabulary in which the common search word is in some stories but far from all, the rare one in
very few, and the absent one in none."""

import re
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from analytics_corpus import LANGUAGES, WORDS_MAX, WORDS_MIN, Corpus  # noqa: E402


@pytest.fixture(scope="module")
def stories():
    corpus = Corpus(seed=7)
    languages = [LANGUAGES[i % len(LANGUAGES)] for i in range(3000)]
    texts = corpus.texts(np.random.default_rng(7), languages, mixed=0)
    return corpus, languages, texts


def _share(texts, languages, language, word):
    mine = [t for t, lang in zip(texts, languages, strict=True) if lang == language]
    if language == "ja":
        return sum(word in t for t in mine) / len(mine)
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    return sum(bool(pattern.search(t)) for t in mine) / len(mine)


def test_texts_are_50_to_1000_words(stories):
    _corpus, languages, texts = stories
    counts = [len(t.split()) for t, lang in zip(texts, languages, strict=True) if lang != "ja"]
    assert min(counts) >= WORDS_MIN and max(counts) <= WORDS_MAX
    assert 120 <= float(np.median(counts)) <= 230  # most stories are short, a few long


def test_search_words_are_common_rare_and_absent(stories):
    corpus, languages, texts = stories
    for language, kind, word in corpus.search_words():
        share = _share(texts, languages, language, word)
        if kind == "common":
            assert 0.1 < share < 0.9, (language, word, share)
        elif kind == "rare":
            assert share < 0.03, (language, word, share)
        else:
            assert share == 0, (language, word, share)


def test_the_vocabulary_is_large_and_skewed(stories):
    corpus, _languages, _texts = stories
    for language in LANGUAGES:
        assert len(corpus.words[language]) > 10_000
        weights = corpus.weights[language]
        assert weights[:100].sum() > 0.3 and weights[5000:].sum() > 0.1
