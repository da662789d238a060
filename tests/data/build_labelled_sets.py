"""Build the labelled sets from the marked-up stories: `python tests/data/build_labelled_sets.py`.

Writes ``redaction_set.jsonl`` (text and gold identifier spans, offsets in code points, end
exclusive) and ``themes_set.jsonl`` (text and gold document-level codes, parents included).
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from labelled_stories_en import STORIES_EN  # noqa: E402
from labelled_stories_fr import STORIES_FR  # noqa: E402

from coding.default_codebook import PARENTS  # noqa: E402

MARK = re.compile(r"\{\{(PERSON|EMAIL|PHONE|ADDRESS|ID)\|(.+?)\}\}")


def unmark(marked: str) -> tuple[str, list[dict]]:
    text, spans, cursor = [], [], 0
    length = 0
    for m in MARK.finditer(marked):
        plain = marked[cursor : m.start()]
        text.append(plain)
        length += len(plain)
        value = m.group(2)
        spans.append({"start": length, "end": length + len(value), "label": m.group(1)})
        text.append(value)
        length += len(value)
        cursor = m.end()
    text.append(marked[cursor:])
    return "".join(text), spans


def main() -> None:
    redaction, themes = [], []
    for lang, stories in (("fr", STORIES_FR), ("en", STORIES_EN)):
        for n, (codes, marked) in enumerate(stories, start=1):
            text, spans = unmark(marked)
            for span in spans:
                assert "{{" not in text[span["start"] : span["end"]]
            full = sorted(set(codes) | {PARENTS[c] for c in codes if c in PARENTS})
            story_id = f"{lang}-{n:03d}"
            redaction.append({"id": story_id, "language": lang, "text": text, "spans": spans})
            themes.append({"id": story_id, "language": lang, "text": text, "codes": full})
    for name, rows in (("redaction_set.jsonl", redaction), ("themes_set.jsonl", themes)):
        with open(HERE / name, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with_pii = sum(1 for r in redaction if r["spans"])
    print(f"{len(redaction)} stories ({with_pii} with identifiers), {len(themes)} with codes")


if __name__ == "__main__":
    main()
