"""What the per-story path costs beyond bare spaCy, part by part, in CPU time of this one process
(issue 22 point 3): the redaction recognisers one by one, the lexicon's matching, the research
copy's Doc, beside bare one-pass ``nlp.pipe`` over the same texts.

    .venv/bin/python bench/nlp_rules_cost.py [--rounds 3] [--regexes]

The corpus is ``scripts/nlp_path_outputs.py``'s (the development labelled stories, the
redaction set, the bench's French and mixed stories); figures are CPU milliseconds a story
(``time.process_time``, the best of ``--rounds``), so other processes' load changes them little.
``--regexes`` also times every compiled pattern of ``nlp.redaction`` scanning each whole text
(``finditer``): which patterns are dear, whatever the code does with their matches.
No database is used: nothing is written.
"""

import argparse
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchlib import load_line  # noqa: E402 (bench/)

# Functions of ``nlp.redaction`` timed on their own: (module, name as ``redact`` calls it).
PARTS = (
    ("nlp.redaction", "address_spans"),
    ("nlp.redaction", "phone_spans"),
    ("nlp.redaction", "rule_spans"),
    ("nlp.redaction", "national_id_spans"),
    ("nlp.redaction", "id_spans"),
    ("nlp.redaction", "tokenize"),
    ("nlp.redaction", "person_rule_spans"),
    ("nlp.redaction", "signature_spans"),
    ("nlp.redaction", "cue_name_spans"),
    ("nlp.redaction", "verb_name_spans"),
    ("nlp.redaction", "de_fr_name_spans"),
    ("nlp.redaction", "informal_name_spans"),
    ("nlp.redaction", "ner_person_spans"),
    ("nlp.redaction", "ja_person_spans"),
    ("nlp.redaction", "coordinated_name_spans"),
    ("nlp.redaction", "propagate_names"),
    ("nlp.redaction", "_merge"),
)


def _timed(spent: dict, name: str, function):
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - started

    return wrapper


def _stories(items):
    groups = defaultdict(list)
    for index, (key, lang, text) in enumerate(items):
        corpus = key.split(":")[0]
        groups[lang].append(SimpleNamespace(pk=index, corpus=corpus, text=text, lang=lang))
    return groups


def _bare(groups) -> dict[str, float]:
    """CPU seconds of bare one-pass ``nlp.pipe`` (NER and lemmas) per corpus."""
    from nlp.pipelines import ANALYSIS_COMPONENTS, PIPE_BATCH_SIZE, disabled_except, pipeline_for

    spent: dict[str, float] = defaultdict(float)
    for lang, group in groups.items():
        nlp = pipeline_for(lang)
        started = time.process_time()
        list(
            nlp.pipe(
                [s.text for s in group],
                disable=disabled_except(nlp, ANALYSIS_COMPONENTS),
                batch_size=PIPE_BATCH_SIZE,
            )
        )
        spent[lang] += time.process_time() - started
    return spent


def _round(groups, matchers) -> tuple[dict, dict]:
    """One pass of the path over every group: CPU seconds per part and per (corpus, part)."""
    import nlp.redaction as redaction
    from nlp.pipelines import analysed_docs, has_model, pipeline_for, redacted_doc, tags_names
    from nlp.services import analysis

    parts: dict[str, float] = defaultdict(float)
    by_corpus: dict[tuple[str, str], float] = defaultdict(float)
    originals = {name: getattr(redaction, name) for _m, name in PARTS}
    for name, function in originals.items():
        setattr(redaction, name, _timed(parts, name, function))
    try:
        for lang, group in groups.items():
            nlp = pipeline_for(lang)
            model = has_model(nlp)
            # The one spaCy pass over the originals (bare spaCy's, not counted here).
            piped = model or tags_names(nlp)
            docs = analysed_docs(nlp, [s.text for s in group]) if piped else [None] * len(group)
            for story, doc in zip(group, docs, strict=True):
                started = time.process_time()
                result = redaction.redact(story.text, doc=doc, language=lang)
                middle = time.process_time()
                if model:
                    tag_doc = redacted_doc(nlp, doc, result)
                else:
                    tag_doc = analysis._research_docs(nlp, [(result, doc)])[0]
                tagged = time.process_time()
                matchers[lang].suggest(tag_doc)
                done = time.process_time()
                by_corpus[story.corpus, "redaction"] += middle - started
                by_corpus[story.corpus, "research Doc" if model else "research Doc (pipe)"] += (
                    tagged - middle
                )
                by_corpus[story.corpus, "lexicon"] += done - tagged
                by_corpus[lang, "redaction"] += middle - started
                by_corpus[lang, "lexicon"] += done - tagged
    finally:
        for name, function in originals.items():
            setattr(redaction, name, function)
    return parts, by_corpus


def _regex_costs(items) -> list[tuple[float, str]]:
    import importlib
    import pkgutil

    import nlp.redaction as redaction

    patterns = []
    for info in pkgutil.iter_modules(redaction.__path__):
        module = importlib.import_module(f"nlp.redaction.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                patterns.append((f"{info.name}.{name}", value))
    texts = [text for _k, _l, text in items]
    out = []
    for label, pattern in patterns:
        started = time.process_time()
        for text in texts:
            for _m in pattern.finditer(text):
                pass
        out.append(((time.process_time() - started) * 1000 / len(texts), label))
    return sorted(out, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--regexes", action="store_true")
    parser.add_argument("--profile", default="full", choices=("full", "lean"))
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.update(NLP_PIPELINE_PROFILE=args.profile, LOG_LEVEL="WARNING")
    import django

    django.setup()
    from nlp_path_outputs import LANGUAGES, corpus

    from nlp.lexicon import LexiconMatcher, lexicon_file_entries
    from nlp.pipelines import pipeline_for

    items = corpus()
    groups = _stories(items)
    matchers = {
        lang: LexiconMatcher(pipeline_for(lang), lang, lexicon_file_entries(lang))
        for lang in groups
    }
    _round(groups, matchers)  # warm: name lists, word tables, caches
    best_parts, best_corpus = None, None
    for _ in range(args.rounds):
        parts, by_corpus = _round(groups, matchers)
        if best_parts is None or sum(parts.values()) < sum(best_parts.values()):
            best_parts, best_corpus = parts, by_corpus
    bare = min((_bare(groups) for _ in range(args.rounds)), key=lambda s: sum(s.values()))
    print(load_line())
    counts = defaultdict(int)
    for _k, lang, _t in items:
        counts[lang] += 1
    for key, _l, _t in items:
        counts[key.split(":")[0]] += 1
    n = len(items)
    print(f"profile {args.profile}: {n} stories, CPU ms a story (best of {args.rounds} rounds)")
    for name, seconds in sorted(best_parts.items(), key=lambda p: -p[1]):
        print(f"  {name:28s} {seconds * 1000 / n:7.3f}")
    redaction = sum(v for (c, p), v in best_corpus.items() if p == "redaction" and c in LANGUAGES)
    print(f"  {'redact() in all':28s} {redaction * 1000 / n:7.3f}")
    print("per corpus and language (ms a story; bare: one-pass nlp.pipe)")
    for group in ("dev", "set", "bench-fr", "bench-mix", *LANGUAGES):
        cells = {p: v for (c, p), v in best_corpus.items() if c == group}
        line = "  ".join(f"{p} {v * 1000 / counts[group]:.2f}" for p, v in sorted(cells.items()))
        if group in bare:
            line += f"  bare {bare[group] * 1000 / counts[group]:.2f}"
        print(f"  {group:10s} n={counts[group]:3d}  {line}")
    if args.regexes:
        print("patterns of nlp.redaction, finditer over each whole text (ms a story), top 25")
        for ms, label in _regex_costs(items)[:25]:
            print(f"  {label:52s} {ms:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
