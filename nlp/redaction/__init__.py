"""Redaction of direct identifiers into typed placeholders, with an offset map.

One recogniser per kind, each giving (start, end) spans:

- e-mail addresses: the rule of ``testimonies.redaction`` (the one set shared with submission,
  with its phone rules, named by ``RULES_VERSION``);
- phone numbers: libphonenumber for the story's likely regions (``nlp.redaction.phones``), and
  the shared rules;
- national and health identifiers: python-stdnum validators (``nlp.redaction.national_ids``), and
  record numbers by shape or cue (``nlp.redaction.identifiers``);
- street addresses and postcodes per language (``nlp.redaction.addresses``; streets written
  small only in a story typed as a chat, ``nlp.redaction.chat``, or after "I live at", "moro na");
- person names: spaCy's NER where a model is installed (French), Sudachi's person-name tags in
  Japanese (``nlp.redaction.japanese``), and rules in every language: titles, cues, name lists,
  signatures and greetings (``nlp.redaction.names``, ``nlp.redaction.signatures``; German and
  French forms in ``nlp.redaction.names_de_fr``), and the informal forms of a story written on a
  phone (``nlp.redaction.name_informal``), and the names listed beside one found or beside the
  writer (``nlp.redaction.name_coordination``).

The result keeps, for each replacement, its offsets in the original and in the research copy
(``nlp.redaction.result``).
"""

import re

from spacy.tokens import Doc

from nlp.redaction.addresses import address_spans
from nlp.redaction.identifiers import id_spans
from nlp.redaction.japanese import ja_person_spans, sudachi_available
from nlp.redaction.name_coordination import coordinated_name_spans
from nlp.redaction.name_cues import cue_name_spans
from nlp.redaction.name_informal import informal_name_spans
from nlp.redaction.name_verbs import verb_name_spans
from nlp.redaction.names import (
    JA_NAME_RE,
    ner_person_spans,
    person_rule_spans,
    propagate_names,
    tokenize,
)
from nlp.redaction.names_de_fr import de_fr_name_spans
from nlp.redaction.national_ids import national_id_spans
from nlp.redaction.phones import phone_spans
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
from nlp.redaction.signatures import signature_spans
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


# Two parts of one name side by side (a surname and a given name found apart: 山下 + 由美, "Ana"
# + "Souza") are one name: one placeholder, so that the whole name is covered.
_NAME_JOINS = ("", " ", "\u3000", "・")


def _merge(candidates: list[tuple[int, int, str]], text: str = "") -> list[tuple[int, int, str]]:
    merged: list[list] = []
    for start, end, label in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if start >= end:
            continue
        joined = (
            merged
            and label == PERSON
            and merged[-1][2] == PERSON
            and text[merged[-1][1] : start] in _NAME_JOINS
            and start >= merged[-1][1]
        )
        if merged and (start < merged[-1][1] or joined):
            last = merged[-1]
            last[1] = max(last[1], end)
            if PRIORITY[label] > PRIORITY[last[2]]:
                last[2] = label
        else:
            merged.append([start, end, label])
    return [tuple(m) for m in merged]


# A postcode's shape: a Brazilian CEP (01310-100), a US ZIP+4 after its state ("IL 62704-1234";
# alone, five and four digits are a Brazilian mobile number).
_POSTCODE_SHAPE_RE = re.compile(r"(?<=\b[A-Z]{2}[ \u00a0])\d{5}-\d{4}|\d{5}-\d{3}(?!\d)")


def _identifier_spans(text: str, language: str) -> list[tuple[int, int, str]]:
    addresses = [(s, e, ADDRESS) for s, e in address_spans(text, language)]

    def postcode(s: int, e: int) -> bool:
        """A number shaped as a postcode, inside an address: not a phone or an identifier."""
        inside = any(a <= s and e <= b for a, b, _ in addresses)
        shaped = _POSTCODE_SHAPE_RE.match(text, s)
        return inside and bool(shaped) and shaped.end() == e

    # A short number inside an address is its postcode ("16845 Dreetz"), not a phone number.
    phones = [
        (s, e)
        for s, e in phone_spans(text, language)
        if (
            sum(c.isdigit() for c in text[s:e]) >= 8
            or not any(a <= s and e <= b for a, b, _ in addresses)
        )
        and not postcode(s, e)
    ]
    # E-mail addresses and phone numbers: the rules every redaction shares. A shared-rule "phone"
    # inside an address that libphonenumber did not confirm is a postcode (CEP 01310-100, 〒).
    candidates: list[tuple[int, int, str]] = [
        (s, e, label)
        for s, e, label in rule_spans(text)
        if label != PHONE or (s, e) in phones or not any(a <= s and e <= b for a, b, _ in addresses)
    ]
    candidates += [(s, e, PHONE) for s, e in phones]
    # Digits written as an international or bracketed phone number are a phone number, even when
    # part of them passes a checksum (+61 412 345 678 is not a tax file number).
    dialled = [(a, b) for a, b in phones if text[a] in "+(（"]
    candidates += [
        (s, e, ID)
        for s, e in national_id_spans(text, language)
        if not any(a <= s and e <= b for a, b in dialled) and not postcode(s, e)
    ]
    # A number after an identity cue ("番号は") is an identifier unless dialled with its country
    # code ("私の番号は+81 70 ...").
    international = [(a, b) for a, b in phones if text[a] in "+＋"]
    # Five digits or fewer inside an address are its postcode or its number ("41001 Sevilla").
    candidates += [
        (s, e, ID)
        for s, e in id_spans(text)
        if not any(a <= s and e <= b for a, b in international)
        and not (
            text[s:e].isdigit() and e - s <= 5 and any(a <= s and e <= b for a, b, _ in addresses)
        )
    ]
    return candidates + addresses


def _person_spans(text: str, doc: Doc | None, language: str) -> list[tuple[int, int]]:
    tokens = tokenize(text)
    people = person_rule_spans(text, tokens)
    people += signature_spans(text)
    people += cue_name_spans(text, language) + verb_name_spans(text) + de_fr_name_spans(text)
    people += informal_name_spans(text, language)
    if doc is not None:
        people += ner_person_spans(doc, text)
    if language.startswith("ja") or JA_NAME_RE.search(text):
        if sudachi_available():
            people += ja_person_spans(text, doc if doc is not None and doc.lang_ == "ja" else None)
        else:
            people += [(m.start(1), m.end(1)) for m in JA_NAME_RE.finditer(text)]
    people += coordinated_name_spans(text, people)
    people += propagate_names(text, tokens, people)
    return people


def redact(text: str, *, doc: Doc | None = None, language: str = "") -> RedactionResult:
    """Replace direct identifiers in ``text`` with typed placeholders.

    ``doc`` is the spaCy Doc of ``text`` when a pipeline with NER ran on it (French), or the
    Japanese pipeline's (its tokens tag person names); without it, Japanese text is tokenized here.
    """
    candidates = _identifier_spans(text, language)
    candidates += [(s, e, PERSON) for s, e in _person_spans(text, doc, language)]

    out: list[str] = []
    replacements: list[Replacement] = []
    cursor = 0
    position = 0
    for start, end, label in _merge(candidates, text):
        out.append(text[cursor:start])
        position += start - cursor
        placeholder = f"[{label}]"
        out.append(placeholder)
        replacements.append(Replacement(start, end, label, position, position + len(placeholder)))
        position += len(placeholder)
        cursor = end
    out.append(text[cursor:])
    return RedactionResult(text="".join(out), replacements=replacements)
