"""Build ``tests/data/labelled/<lang>.jsonl`` from the marked-up sources in ``src/<lang>.txt``.

Run from the repository root:
``.venv/bin/python tests/data/labelled/build_from_markup.py pt es de`` (or with no argument:
every language with a source file).

Source format (UTF-8). Lines starting with ``#`` before
the first story are comments. Each story starts with a header line ``=== <code>, <code>, ...``
(codebook keys; a sub-code's parent theme is added if missing) and runs until the next header; its
lines keep their line breaks and the blank lines around it are dropped. Identifiers are marked
inline: ``[[PERSON:Maria Silva]]``, ``[[PHONE:...]]``, ``[[EMAIL:...]]``, ``[[ADDRESS:...]]``,
``[[ID:...]]``.

The split: stories 1-20 are the first development batch (``dev``), 21-52 the held-out half
(``heldout``, frozen: no rule or lexicon may be tuned on them, and none is added to it), and 53
onwards a second development batch, written later by other hands so that rules can be tuned on
stories their authors did not write. Held-out figures stay comparable from one release to the next.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Run as a script from the repository's root: the codebook's sub-code -> theme table is there.
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from coding.default_codebook import PARENTS  # noqa: E402

LABELS = ("PERSON", "PHONE", "EMAIL", "ADDRESS", "ID")
MARK = re.compile(r"\[\[(" + "|".join(LABELS) + r"):(.+?)\]\]", re.DOTALL)
DEV_SIZE = 20
HELDOUT_END = 52


def split_of(number: int) -> str:
    """``dev`` or ``heldout`` for the story numbered ``number`` (from 1) in its source file."""
    return "heldout" if DEV_SIZE < number <= HELDOUT_END else "dev"


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
                "split": split_of(i),
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
