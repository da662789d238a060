"""The shipped lexicon files (``nlp/lexicons/<language>.json``): their terms, patterns and the
terms marked strong or weak (``nlp.lexicon`` explains what the marks weigh)."""

import json
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
MARKS = ("strong", "weak")


def lexicon_file_entries(language: str) -> dict[str, dict[str, list]]:
    """The shipped lexicon for ``language`` (empty when there is none)."""
    path = LEXICON_DIR / f"{language}.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, list]] = {}
    for key in ("terms", *MARKS):
        for code, terms in data.get(key, {}).items():
            spec = out.setdefault(code, {"terms": [], "patterns": []})
            spec["terms"].extend(t for t in terms if t not in spec["terms"])
    for code, patterns in data.get("patterns", {}).items():
        out.setdefault(code, {"terms": [], "patterns": []})["patterns"].extend(patterns)
    return out


def marked_file_terms(language: str) -> dict[str, dict[str, list[str]]]:
    """The shipped terms marked strong or weak, per mark and code (``MARKS`` in the file)."""
    path = LEXICON_DIR / f"{language}.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {mark: data.get(mark, {}) for mark in MARKS}


def shipped_languages() -> list[str]:
    return sorted(p.stem for p in LEXICON_DIR.glob("*.json"))
