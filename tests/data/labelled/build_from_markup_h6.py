"""Build ``tests/data/labelled/<lang>.jsonl`` from the marked-up sources in ``src/<lang>.txt``.

Run from the repository root:
``.venv/bin/python tests/data/labelled/build_from_markup_h6.py pt es de`` (or with no argument:
every language with a source file).

Source format (UTF-8; the same as ``build_from_markup_h7.py``). Lines starting with ``#`` before
the first story are comments. Each story starts with a header line ``=== <code>, <code>, ...``
(codebook keys; a sub-code's parent theme is added if missing) and runs until the next header; its
lines keep their line breaks and the blank lines around it are dropped. Identifiers are marked
inline: ``[[PERSON:Maria Silva]]``, ``[[PHONE:...]]``, ``[[EMAIL:...]]``, ``[[ADDRESS:...]]``,
``[[ID:...]]``. Stories 1-20 are the development half (``dev``), 21 onwards the held-out half.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = ("PERSON", "PHONE", "EMAIL", "ADDRESS", "ID")
MARK = re.compile(r"\[\[(" + "|".join(LABELS) + r"):(.+?)\]\]", re.DOTALL)
PARENTS = {
    "not_listened_to": "person_centred",
    "judged": "person_centred",
    "time_with_professional": "person_centred",
    "not_welcome": "person_centred",
    "unconscious_bias": "education",
    "accessible_information": "communication",
    "representation": "workforce",
}
DEV_SIZE = 20


def unmark(marked: str) -> tuple[str, list[dict]]:
    """Clean text and its spans (code-point offsets, end exclusive) from inline markup."""
    parts, spans, cursor, length = [], [], 0, 0
    for m in MARK.finditer(marked):
        plain = marked[cursor : m.start()]
        parts.append(plain)
        length += len(plain)
        value = m.group(2)
        spans.append(
            {"start": length, "end": length + len(value), "label": m.group(1), "text": value}
        )
        parts.append(value)
        length += len(value)
        cursor = m.end()
    parts.append(marked[cursor:])
    text = "".join(parts)
    if "[[" in text or "]]" in text:
        raise ValueError(f"unparsed markup in: {text[:80]!r}")
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"], span
    return text, spans


def parse_source(source: str) -> list[tuple[list[str], str]]:
    stories, codes, lines = [], None, []
    for line in source.splitlines():
        if line.startswith("==="):
            if codes is not None:
                stories.append((codes, "\n".join(lines).strip()))
            codes = [c.strip() for c in line[3:].split(",") if c.strip()]
            lines = []
        elif codes is not None:
            lines.append(line.rstrip())
    if codes is not None:
        stories.append((codes, "\n".join(lines).strip()))
    return stories


def with_parents(codes: list[str]) -> list[str]:
    out = list(codes)
    for code in codes:
        parent = PARENTS.get(code)
        if parent and parent not in out:
            out.append(parent)
    return out


def build_rows(lang: str, source: str) -> list[dict]:
    rows = []
    for i, (codes, marked) in enumerate(parse_source(source), start=1):
        text, spans = unmark(marked)
        rows.append(
            {
                "id": f"{lang}-{i:03d}",
                "language": lang,
                "split": "dev" if i <= DEV_SIZE else "heldout",
                "text": text,
                "spans": spans,
                "codes": with_parents(codes),
            }
        )
    return rows


def render(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main(langs: list[str]) -> None:
    if not langs:
        langs = sorted(p.stem for p in (HERE / "src").glob("*.txt"))
    for lang in langs:
        rows = build_rows(lang, (HERE / "src" / f"{lang}.txt").read_text(encoding="utf-8"))
        (HERE / f"{lang}.jsonl").write_text(render(rows), encoding="utf-8")
        print(f"{lang}: {len(rows)} stories")


if __name__ == "__main__":
    main(sys.argv[1:])
