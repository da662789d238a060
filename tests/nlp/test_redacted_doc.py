"""A research copy's Doc, derived from its original's with arrays, equals the token-by-token
derivation it replaced: the same tokens with the same lemma, part of speech, tag and morphology."""

import json
from pathlib import Path

from nlp import pipelines
from nlp.redaction import redact

LABELLED = Path(__file__).resolve().parents[1] / "data" / "labelled"


def _by_tokens(nlp, doc, result):
    """The derivation before arrays (kept here as the reference)."""
    new = nlp.make_doc(result.text)
    originals = {token.idx: token for token in doc}
    replacements = result.replacements
    index, shift = 0, 0
    for token in new:
        start = token.idx
        while index < len(replacements) and replacements[index].new_end <= start:
            shift = replacements[index].end - replacements[index].new_end
            index += 1
        if index < len(replacements) and replacements[index].new_start < start + len(token):
            continue
        original = originals.get(start + shift)
        if original is None or original.text != token.text:
            continue
        token.lemma = original.lemma
        token.pos = original.pos
        token.tag = original.tag
        token.set_morph(original.morph)
    return new


def _fr_dev_texts() -> list[str]:
    rows = (json.loads(line) for line in (LABELLED / "fr.jsonl").read_text().splitlines() if line)
    return [row["text"] for row in rows if row.get("split") == "dev"]


def test_the_array_derivation_equals_the_token_by_token_one():
    nlp = pipelines.pipeline_for("fr")
    texts = _fr_dev_texts()
    docs = nlp.pipe(texts, disable=pipelines.disabled_except(nlp, pipelines.ANALYSIS_COMPONENTS))
    derived_any = 0
    for text, doc in zip(texts, docs, strict=True):
        result = redact(text, doc=doc, language="fr")
        if not result.replacements:
            assert pipelines.redacted_doc(nlp, doc, result) is doc
            continue
        derived_any += 1
        fast, slow = pipelines.redacted_doc(nlp, doc, result), _by_tokens(nlp, doc, result)
        assert fast.text == slow.text == result.text
        assert [(t.text, t.lemma_, t.pos_, t.tag_, str(t.morph)) for t in fast] == [
            (t.text, t.lemma_, t.pos_, t.tag_, str(t.morph)) for t in slow
        ]
    assert derived_any >= 20
