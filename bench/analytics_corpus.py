"""Story texts for the analytics bench (issue 22 point 4): a Zipf-like vocabulary per language,
texts of 50 to 1,000 words, and the search words the bench times (common, rare, absent).

The vocabulary of each language is real words: first the words of the project's own story
sentences (``bench/nlp_texts.py``, ``testimonies/demo_corpus_texts.py``), most frequent first,
then a long tail of word forms from the lemma tables of ``spacy-lookups-data`` (installed with
the NLP stack; read from disk, nothing downloaded). Japanese: the sentences cut into runs of one
script (kanji, hiragana, katakana) with a tail of two-kanji compounds. A word's chance is
1 / (rank + 2.7) (Zipf-Mandelbrot), so a handful of words are in most stories and most of the
vocabulary in very few: searches see realistic selectivities.

    corpus = Corpus(seed=7)
    texts = corpus.texts(numpy_rng, ["fr", "ja", ...])     # one text per language given
    corpus.search_words()                                  # [(label, word), ...]
"""

import gzip
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from nlp_texts import SENTENCES  # noqa: E402

from testimonies.demo_corpus_texts import CORPUS_TEXTS  # noqa: E402

LANGUAGES = ("fr", "en", "pt-BR", "es", "de", "ja")
TAIL_SIZE = 30_000
WORDS_MEDIAN, WORDS_SIGMA, WORDS_MIN, WORDS_MAX = 170, 0.65, 50, 1000
# A word every story of the language is likely to hold, and one the bench must find in several
# languages; each is placed at a fixed rank if the sentences do not rank it already.
COMMON = {
    "fr": "confiance",
    "en": "trust",
    "pt-BR": "confiança",
    "es": "confianza",
    "de": "vertrauen",
    "ja": "説明",
}
COMMON_RANK = 60
# Rare: a tail word of this rank (about 1 in 1,000 stories of its language).
RARE_RANK = 12_000
# Absent: real words no story holds (removed from the vocabulary if a table has them).
ABSENT = {
    "fr": "ornithorynque",
    "en": "xylophone",
    "pt-BR": "ornitorrinco",
    "es": "ornitorrinco",
    "de": "schnabeltier",
    "ja": "象牙",
}
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_JA_WORD = re.compile(r"[\u4e00-\u9fff\u3005]+|[\u3040-\u309f]+|[\u30a0-\u30ff]+|[、。]")
_KANJI = re.compile(r"[\u4e00-\u9fff]")
_LOOKUPS = {"fr": "fr", "en": "en", "pt-BR": "pt", "es": "es", "de": "de"}


def _sentences(language: str) -> list[str]:
    short = language.split("-")[0]
    pieces = CORPUS_TEXTS.get(language, {})
    found = list(SENTENCES.get(short, []))
    found += pieces.get("openings", []) + pieces.get("endings", [])
    found += [text for text, _key in pieces.get("passages", [])]
    return found


def _ranked(tokens: list[str]) -> list[str]:
    """Distinct tokens, most frequent first (first seen breaks ties)."""
    counts: dict[str, int] = {}
    for token in tokens:
        counts[token] = counts.get(token, 0) + 1
    return sorted(counts, key=lambda t: -counts[t])


def _lookup_words(code: str) -> list[str]:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{code}_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    return sorted(w.lower() for w in table if w.isalpha() and 3 <= len(w) <= 16)


def vocabulary(language: str, rng: random.Random) -> list[str]:
    """The language's words, most frequent first."""
    text = " ".join(_sentences(language))
    if language == "ja":
        head = _ranked(_JA_WORD.findall(text))
        kanji = sorted(set(_KANJI.findall(text)))
        tail = sorted({a + b for a in kanji for b in kanji if a != b})
    else:
        head = _ranked([w.lower() for w in _LATIN_WORD.findall(text)])
        tail = sorted(set(_lookup_words(_LOOKUPS[language])))
    seen = set(head)
    tail = [w for w in rng.sample(tail, min(TAIL_SIZE, len(tail))) if w not in seen]
    # Nor any form holding the absent word (a stemmer would match 'xylophones').
    words = [w for w in head + tail if ABSENT[language] not in w]
    common = COMMON[language]
    if common in words and words.index(common) > COMMON_RANK:
        words.remove(common)
    if common not in words:
        words.insert(COMMON_RANK, common)
    return words


class Corpus:
    """Per-language vocabularies and the sampler of story texts."""

    def __init__(self, seed: int = 7) -> None:
        rng = random.Random(seed)  # noqa: S311 - reproducible fake data
        self.words: dict[str, np.ndarray] = {}
        self.weights: dict[str, np.ndarray] = {}
        for language in LANGUAGES:
            words = vocabulary(language, rng)
            self.words[language] = np.array(words, dtype=object)
            weights = 1.0 / (np.arange(len(words)) + 2.7)
            self.weights[language] = weights / weights.sum()

    def search_words(self) -> list[tuple[str, str, str]]:
        """(language, kind, word) for each language: a common, a rare and an absent word."""
        found = []
        for language in LANGUAGES:
            words = self.words[language]
            found.append((language, "common", COMMON[language]))
            found.append((language, "rare", str(words[min(RARE_RANK, len(words) - 1)])))
            found.append((language, "absent", ABSENT[language]))
        return found

    def lengths(self, rng: np.random.Generator, count: int) -> np.ndarray:
        """Words per story: log-normal around the median, kept within 50..1,000."""
        drawn = rng.lognormal(np.log(WORDS_MEDIAN), WORDS_SIGMA, count)
        return np.clip(drawn, WORDS_MIN, WORDS_MAX).astype(np.int64)

    def texts(self, rng: np.random.Generator, languages: list[str], mixed: float = 0.04):
        """One text per entry of ``languages``; a share ``mixed`` of the non-English ones end
        with an English passage (people switch languages)."""
        lengths = self.lengths(rng, len(languages))
        out: list[str] = [""] * len(languages)
        by_language: dict[str, list[int]] = {}
        for i, language in enumerate(languages):
            by_language.setdefault(language, []).append(i)
        for language, positions in by_language.items():
            sizes = lengths[positions]
            vocabulary_size, total = len(self.words[language]), int(sizes.sum())
            picks = rng.choice(vocabulary_size, size=total, p=self.weights[language])
            tokens = self.words[language][picks].tolist()
            joiner = "" if language == "ja" else " "
            at = 0
            for i, size in zip(positions, sizes.tolist(), strict=True):
                out[i] = joiner.join(tokens[at : at + size])
                at += size
        switching = [i for i, lang in enumerate(languages) if lang != "en" and rng.random() < mixed]
        if switching:
            extra = self.texts(rng, ["en"] * len(switching), mixed=0)
            for i, passage in zip(switching, extra, strict=True):
                out[i] = f"{out[i]} {' '.join(passage.split()[:40])}"
        return out
