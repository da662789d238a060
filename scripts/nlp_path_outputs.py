"""What the per-story NLP path gives for a fixed corpus, so that a change made for speed can be
shown to change no output (issue 22 point 3).

The corpus: the development halves of ``tests/data/labelled`` (``"split": "dev"`` rows only;
the held-out half is never read into the outputs), the older redaction set
``tests/data/redaction_set.jsonl``, and the NLP bench's own synthetic stories (French, and the
six languages mixed, ``bench/nlp_texts.py``, fixed seeds). Each story goes through the worker's
own redaction step (``nlp.services.analysis._redact_group``: one spaCy pass, the rules, the
research copy's Doc) and the shipped lexicon's matcher; the output is the research text, the
offset map and every theme suggestion with its confidence, evidence span, hits and weight.

    .venv/bin/python scripts/nlp_path_outputs.py --check      # exit 1 if any output changed
    .venv/bin/python scripts/nlp_path_outputs.py --write      # after a change meant to alter them
    .venv/bin/python scripts/nlp_path_outputs.py --dump /tmp/outputs.json   # the outputs in full

``tests/data/nlp_path_outputs.json`` keeps one digest per story (for the ``full`` pipeline
profile); ``tests/nlp/test_path_outputs.py`` checks them. A change to a rule, a lexicon or a name
list that is meant to change what is found rewrites the file with ``--write``.
"""

import argparse
import hashlib
import json
import os
import random
import sys
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SNAPSHOT = DATA / "nlp_path_outputs.json"
LANGUAGES = ("fr", "en", "pt", "es", "de", "ja")
BENCH_FRENCH, BENCH_MIXED = 64, 120


def corpus() -> list[tuple[str, str, str]]:
    """(key, language, text) of every story of the corpus, in a fixed order."""
    sys.path.insert(0, str(ROOT / "bench"))
    from nlp_texts import mixed_corpus, synthetic_story

    items = []
    for lang in LANGUAGES:
        for line in (DATA / "labelled" / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["split"] == "dev":
                items.append((f"dev:{row['id']}", lang, row["text"]))
    for line in (DATA / "redaction_set.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        items.append((f"set:{row['id']}", row["language"], row["text"]))
    rng = random.Random(20261207)
    items += [(f"bench-fr:{i}", "fr", synthetic_story(rng)) for i in range(BENCH_FRENCH)]
    rng = random.Random(20261208)
    items += [
        (f"bench-mix:{i}", lang, text)
        for i, (lang, text) in enumerate(mixed_corpus(rng, BENCH_MIXED))
    ]
    return items


def outputs(items: list[tuple[str, str, str]]) -> dict[str, dict]:
    """The path's output for each story, by key (language groups as the worker makes them)."""
    from nlp.lexicon import LexiconMatcher, lexicon_file_entries
    from nlp.pipelines import pipeline_for
    from nlp.services.analysis import _redact_group

    groups: dict[str, list] = defaultdict(list)
    for index, (key, lang, text) in enumerate(items):
        groups[lang].append(
            SimpleNamespace(pk=index, key=key, text=text, title="", restore_trust="")
        )
    out = {}
    for lang, group in groups.items():
        matcher = LexiconMatcher(pipeline_for(lang), lang, lexicon_file_entries(lang))
        redacted, docs = _redact_group(lang, group)
        for story in group:
            body = redacted[story.pk].body
            themes = [
                [
                    s.code_key,
                    s.confidence,
                    s.evidence_start,
                    s.evidence_end,
                    s.hits,
                    round(s.weight, 6),
                ]
                for s in matcher.suggest(docs[story.pk], body.text)
            ]
            out[story.key] = {"text": body.text, "map": body.offset_map(), "themes": themes}
    return out


def digest(output: dict) -> str:
    canonical = json.dumps(output, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


def digests() -> dict[str, str]:
    return {key: digest(value) for key, value in outputs(corpus()).items()}


def changed(expected: dict[str, str], found: dict[str, str]) -> list[str]:
    """The keys whose output differs (or that one side lacks)."""
    return sorted(k for k in expected.keys() | found.keys() if expected.get(k) != found.get(k))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--check", action="store_true")
    action.add_argument("--write", action="store_true")
    action.add_argument("--dump", default="")
    parser.add_argument("--profile", default="full", choices=("full", "lean"))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.update(NLP_PIPELINE_PROFILE=args.profile, LOG_LEVEL="WARNING")
    import django

    django.setup()
    if args.dump:
        found = outputs(corpus())
        Path(args.dump).write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True))
        print(f"{len(found)} stories written to {args.dump}")
        return 0
    found = digests()
    if args.write:
        SNAPSHOT.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n")
        print(f"{len(found)} digests written to {SNAPSHOT.relative_to(ROOT)}")
        return 0
    differ = changed(json.loads(SNAPSHOT.read_text()), found)
    print(f"{len(found)} stories, {len(differ)} changed" + (f": {differ}" if differ else ""))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
