"""Redaction of direct identifiers into typed placeholders, with an offset map.

Person names come from spaCy's NER where a model is installed (French) and from rules in every
language (``nlp.redaction.names``). E-mail addresses and phone numbers are the rules of
``testimonies.redaction`` (the one set, and its version label ``RULES_VERSION``); street
addresses and identity numbers are rules too (``nlp.redaction.identifiers``).

The result keeps, for each replacement, its offsets in the original and in the research copy
(``nlp.redaction.result``).
"""

from spacy.tokens import Doc

from nlp.redaction.identifiers import address_spans, id_spans
from nlp.redaction.names import (
    JA_NAME_RE,
    ner_person_spans,
    person_rule_spans,
    propagate_names,
    tokenize,
)
from nlp.redaction.result import (
    ADDRESS,
    EMAIL,
    ID,
    LABELS,
    PERSON,
    PHONE,
    PRIORITY,
    RedactionResult,
    Replacement,
    to_original_offset,
    to_research_end,
    to_research_offset,
)
from testimonies.redaction import RULES_VERSION, rule_spans

__all__ = [
    "ADDRESS",
    "EMAIL",
    "ID",
    "LABELS",
    "PERSON",
    "PHONE",
    "PRIORITY",
    "RULES_VERSION",
    "RedactionResult",
    "Replacement",
    "redact",
    "to_original_offset",
    "to_research_end",
    "to_research_offset",
]


def _merge(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[list] = []
    for start, end, label in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if PRIORITY[label] > PRIORITY[last[2]]:
                last[2] = label
        else:
            merged.append([start, end, label])
    return [tuple(m) for m in merged]


def redact(text: str, *, doc: Doc | None = None, language: str = "") -> RedactionResult:
    """Replace direct identifiers in ``text`` with typed placeholders.

    ``doc`` is the spaCy Doc of ``text`` when a pipeline with NER ran on it (French).
    """
    tokens = tokenize(text)
    # E-mail addresses and phone numbers: the rules every redaction shares.
    candidates: list[tuple[int, int, str]] = rule_spans(text)
    candidates += [(s, e, ID) for s, e in id_spans(text)]
    candidates += [(s, e, ADDRESS) for s, e in address_spans(text)]
    people = person_rule_spans(text, tokens)
    if doc is not None:
        people += ner_person_spans(doc, text)
    if language.startswith("ja") or JA_NAME_RE.search(text):
        people += [(m.start(1), m.end(1)) for m in JA_NAME_RE.finditer(text)]
    people += propagate_names(text, tokens, people)
    candidates += [(s, e, PERSON) for s, e in people]

    out: list[str] = []
    replacements: list[Replacement] = []
    cursor = 0
    position = 0
    for start, end, label in _merge(candidates):
        out.append(text[cursor:start])
        position += start - cursor
        placeholder = f"[{label}]"
        out.append(placeholder)
        replacements.append(Replacement(start, end, label, position, position + len(placeholder)))
        position += len(placeholder)
        cursor = end
    out.append(text[cursor:])
    return RedactionResult(text="".join(out), replacements=replacements)
