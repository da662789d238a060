"""The faster ways of running redaction's dearest patterns give exactly ``finditer``'s matches."""

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.redaction import addresses, name_informal
from nlp.redaction.name_cue_lists import RELATIVE_CUES
from nlp.redaction.name_lists import ROLE_NOUNS
from nlp.redaction.scan import between_commas

LABELLED = Path(__file__).resolve().parents[1] / "data" / "labelled"
PATTERN = name_informal._ROLE_APPOSED_RE
TAIL = name_informal._ROLE_APPOSED_TAIL_RE


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m["n"]) for m in matches]


def _dev_texts() -> list[str]:
    texts = []
    for path in sorted(LABELLED.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("split") == "dev":
                texts.append(row["text"])
    return texts


def test_the_role_and_relative_words_hold_no_comma():
    # between_commas relies on it: a match holds one comma, its own.
    assert "," not in ROLE_NOUNS and not any("," in cue for cue in RELATIVE_CUES)


def test_between_commas_finds_what_finditer_finds_in_the_development_stories():
    texts = _dev_texts()
    assert len(texts) > 500
    found = 0
    for text in texts:
        expected = _spans(PATTERN.finditer(text))
        assert _spans(between_commas(PATTERN, TAIL, text)) == expected
        found += len(expected)
    assert found > 0


PIECES = [
    "la vecina",
    "the nurse",
    "my sister",
    "o agente de saúde",
    "la matrona del barrio",
    "the nurse there",
    ", ",
    ",",
    ", Maruja",
    ", Montse",
    ", ash",
    ", madre",
    " ",
    "\t",
    "\n",
    "said",
    "es",
    "Rosa",
    "x,y",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_between_commas_finds_what_finditer_finds_in_random_texts(pieces):
    text = "".join(pieces)
    assert _spans(between_commas(PATTERN, TAIL, text)) == _spans(PATTERN.finditer(text))


def test_a_pattern_is_skipped_only_where_what_it_needs_is_missing():
    for pattern, need in addresses._NEEDS.items():
        for text in _dev_texts():
            if pattern.search(text):
                assert need.search(text), pattern.pattern[:40]
    corner = "Vivo en Calle Morelos esquina con Allende, colonia Centro."
    assert addresses.ADDRESS_CORNER_RE.search(corner)
    assert any(s < e for s, e in addresses.address_spans(corner, "es"))
    assert re.search(r"esq", corner)
